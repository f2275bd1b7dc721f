import path from 'node:path';
import type { NameList, ProcessProfile } from '../model/index.js';
import { readSource } from './files.js';
import { parseYaml, SHARED_LIMITS } from './yaml.js';

export { LoadError } from './errors.js';
export { locate } from './locate.js';

import { LoadError } from './errors.js';

function displayPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return relative.split(path.sep).join('/');
}

/** Whether the user named the file (a flag or the config file): then it may live anywhere, links included. */
export interface SharedInputOptions {
  explicit?: boolean;
}

/**
 * Read a shared input. One the user named, or one of kepkit's lookups beside the repository, is read where it
 * is; one found inside the repository is repo content, and confined to it like every other repo file.
 */
function readSharedInput(root: string, absolute: string, maxBytes: number, options: SharedInputOptions) {
  const relative = path.relative(root, absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside && !options.explicit
    ? readSource(root, relative, maxBytes)
    : readSource(path.dirname(absolute), path.basename(absolute), maxBytes, { confine: false });
}

function readYamlFile(root: string, absolute: string, options: SharedInputOptions): unknown {
  const shown = displayPath(root, absolute);
  const read = readSharedInput(root, absolute, SHARED_LIMITS.maxBytes, options);
  if (!read.ok) throw new LoadError(`${shown}: ${read.problem.message}`);
  const doc = parseYaml({ ...read.file, path: shown }, SHARED_LIMITS);
  const issue = doc.issues[0];
  if (issue)
    throw new LoadError(`${shown}:${issue.position.line}:${issue.position.column}: ${issue.message}`);
  return doc.data;
}

/**
 * Group names from a groups file, found line by line with the profile's pattern as upstream does
 * (api/groups.go scans sigs.yaml for `- dir: NAME`): no YAML parse, so a 200 KB sigs.yaml costs nothing.
 */
export function loadGroups(
  root: string,
  file: string,
  profile: ProcessProfile,
  options: SharedInputOptions = {},
): NameList {
  const shown = displayPath(root, file);
  const read = readSharedInput(root, file, 20 * 1024 * 1024, options);
  if (!read.ok) throw new LoadError(`${shown}: ${read.problem.message}`);
  const pattern = new RegExp(profile.groups.linePattern);
  const names = new Set<string>();
  for (const line of read.file.text.split(/\r?\n/)) {
    const name = pattern.exec(line)?.[1]?.trim();
    if (name) names.add(name);
  }
  if (names.size === 0)
    throw new LoadError(`${shown}: no groups found (no line matches /${profile.groups.linePattern}/)`);
  return { source: shown, names };
}

/** Every alias of an OWNERS_ALIASES file. */
export function loadOwnersAliases(
  root: string,
  file: string,
  options: SharedInputOptions = {},
): Map<string, string[]> {
  const data = readYamlFile(root, file, options) as { aliases?: Record<string, unknown> } | null;
  const aliases = new Map<string, string[]>();
  for (const [name, members] of Object.entries(data?.aliases ?? {})) {
    aliases.set(
      name,
      Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : [],
    );
  }
  return aliases;
}
