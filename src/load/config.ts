import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { z } from 'zod';
import { LoadError } from './errors.js';

export const CONFIG_FILE = 'kep.config.json';

/** The schema of kep.config.json (zod is loaded only when a config file exists). */
function configSchema() {
  const z = (createRequire(import.meta.url)('zod') as { z: typeof import('zod').z }).z;
  const setting = z.enum(['off', 'warn', 'warning', 'error']);

  /** `kep.config.json` at the repo root: rule severities and profile options. */
  return z.strictObject({
    $schema: z.string().optional(),
    /** The process profile: a built-in name (`kubernetes`) or a profile file, relative to the repo root. */
    profile: z.string().optional(),
    /** Rule id, group (`readme` or `readme/*`) or `*` → `off`, `warn` or `error`. */
    rules: z.record(z.string(), setting).optional(),
    /** Groups file (sigs.yaml), relative to the repo root. */
    groups: z.string().optional(),
    /** OWNERS_ALIASES file, relative to the repo root. */
    ownersAliases: z.string().optional(),
    /** The current release for time-dependent rules (default: the highest latest-milestone). */
    release: z
      .string()
      .regex(/^v\d+\.\d+$/, 'expected vMAJOR.MINOR')
      .optional(),
    /** Which template READMEs are judged by: `history` (of when each KEP last moved, from git) or `current`. */
    template: z.enum(['history', 'current']).optional(),
    /** The web UI (`kep serve`, `kep build-site`). */
    site: z
      .strictObject({
        /** The repository's web page (`https://github.com/o/r`, also a remote URL): pages link files there. */
        repository: z.string().max(500).optional(),
        /** The branch those links name (default: HEAD's branch, else `HEAD`, the forge's default branch). */
        branch: z.string().max(200).optional(),
        /** The site's absolute address, for the Atom feed's links (`--site-url` wins). */
        url: z
          .string()
          .regex(/^https?:\/\/[^\s"'<>\\]+$/, 'expected an absolute http(s) URL')
          .optional(),
      })
      .optional(),
  });
}

export type KepConfig = z.infer<ReturnType<typeof configSchema>>;

/** Read the repo's config file; a missing file is an empty config, a bad one a LoadError naming the problem. */
export function loadConfig(root: string): { config: KepConfig; text?: string } {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LoadError(`${CONFIG_FILE}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LoadError(`${CONFIG_FILE}: invalid JSON: ${(error as Error).message}`);
  }
  const result = configSchema().safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new LoadError(
      `${CONFIG_FILE}: ${issue.path.length > 0 ? `"${issue.path.join('.')}": ` : ''}${issue.message}`,
    );
  }
  // Paths in the config are relative to the repo root.
  const config = result.data;
  if (config.groups) config.groups = path.resolve(root, config.groups);
  if (config.ownersAliases) config.ownersAliases = path.resolve(root, config.ownersAliases);
  return { config, text };
}
