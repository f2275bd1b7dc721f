import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { TemplateHistorySource, TemplateMode } from '../lint/template-history.js';
import { CONFIG_FILE, type KepConfig, loadConfig } from '../load/config.js';
import { LoadError } from '../load/errors.js';
import type { LoadOptions } from '../load/repository.js';
import { walkRepository } from '../load/walk.js';
import { forTerminal } from '../model/escape.js';
import type { ProcessProfile } from '../model/index.js';
import {
  builtinProfileNames,
  loadProfileFile,
  ProfileError,
  profileKeyLocation,
  profileNamed,
} from '../profile/index.js';

/**
 * A failure the user can act on: printed as one line, exit code 2, no stack trace. The message often names a
 * file or a value from the repository, so it is kept escaped for the terminal (`forTerminal`, which changes
 * nothing when applied again).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(forTerminal(message));
  }
}

/** A `kep: …` line on stderr; the text (a notice naming files, a value) is escaped for the terminal. */
export function printNotice(message: string): void {
  process.stderr.write(`kep: ${forTerminal(message)}\n`);
}

export interface RepoOptions {
  repo?: string;
  profile?: string;
  groups?: string;
  ownersAliases?: string;
}

export function addRepoOptions(command: Command): Command {
  return command
    .option('--repo <dir>', 'the enhancements repository (default: the enclosing git repository)')
    .option(
      '--profile <name|file>',
      'the process profile: a built-in name (kubernetes) or a profile file; default: the config’s, else detected',
    )
    .option('--groups <file>', 'the groups file (sigs.yaml); default: looked up in the repo, then beside it')
    .option(
      '--owners-aliases <file>',
      'the OWNERS_ALIASES file with the PRR approvers; default: the repo’s own',
    );
}

/**
 * `--repo`, else the nearest enclosing directory that holds a process: a `kep.config.json`, or a mark of the
 * named profile (else of any built-in profile, such as `keps/`), else the enclosing git work tree. The nearest
 * wins, so a copy of the proposals inside another project (or a monorepo's `docs/proposals/`) is found from
 * within it instead of the project around it.
 */
export function resolveRepo(option: string | undefined, profileFlag?: string): string {
  if (option !== undefined) {
    const root = path.resolve(option);
    if (!existsSync(root) || !statSync(root).isDirectory())
      throw new CliError(`--repo ${option}: not a directory`);
    return root;
  }
  // The marks are worked out only when the current directory is not a work tree's root (the usual case).
  let marks: string[] | undefined;
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    marks ??= processMarks(profileFlag);
    if (marks.some((mark) => existsSync(path.join(dir, mark)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new NoRepositoryError(
    `no enhancements repository here: none of ${(marks ?? processMarks(profileFlag)).join(', ')} or .git in ${process.cwd()} or above; pass --repo DIR`,
  );
}

/** No `--repo` and no repository around the current directory: commands that can work without one catch this. */
export class NoRepositoryError extends CliError {}

/** What marks a directory as a repository root: the config file, and the detection marks of the profile(s). */
function processMarks(profileFlag: string | undefined): string[] {
  let profiles: ProcessProfile[];
  if (profileFlag === undefined) profiles = builtinProfileNames().map((name) => profileNamed(name)!);
  else if (isProfileName(profileFlag)) profiles = [profileNamed(profileFlag)].filter((p) => p !== undefined);
  else {
    try {
      profiles = [loadProfileFile(path.resolve(profileFlag))];
    } catch {
      // The bad file is reported with its line once the repository is known.
      profiles = [];
    }
  }
  const marks = profiles.flatMap((profile) =>
    profile.detect.length > 0 ? profile.detect : [profile.layout.proposalsRoot],
  );
  return [CONFIG_FILE, ...new Set(marks)];
}

export interface RepoContext {
  root: string;
  config: KepConfig;
  configText?: string;
  profile: ProcessProfile;
  load: LoadOptions;
}

/** Resolve the repo, its config and profile, and the load options that every command shares. */
export function repoContext(options: RepoOptions & { release?: string }): RepoContext {
  const root = resolveRepo(options.repo, options.profile);
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(root);
  } catch (error) {
    if (error instanceof LoadError) throw new CliError(error.message);
    throw error;
  }
  const { config } = loaded;
  const profile = resolveProfile(root, options.profile, config.profile);
  return {
    root,
    config,
    configText: loaded.text,
    profile,
    load: {
      profile,
      groupsFile: options.groups ?? config.groups,
      ownersAliasesFile: options.ownersAliases ?? config.ownersAliases,
      release: options.release ?? config.release,
    },
  };
}

/** A profile value names a built-in (`kubernetes`) or, with a `/` or a `.yaml`/`.yml` ending, a file. */
function isProfileName(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(value);
}

/**
 * The process profile: `--profile`, else the config's `profile` (a file relative to the repo root), else the
 * built-in whose marks the repository has (said on stderr). No match is a usage error that says what was
 * looked for and how to write a profile.
 */
export function resolveProfile(
  root: string,
  flag: string | undefined,
  configured: string | undefined,
): ProcessProfile {
  const named = flag ?? configured;
  if (named !== undefined) {
    const where = flag !== undefined ? '--profile' : 'kep.config.json: profile';
    if (isProfileName(named)) {
      const builtin = profileNamed(named);
      if (!builtin)
        throw new CliError(
          `${where}: unknown profile "${named}" (built in: ${builtinProfileNames().join(', ')}; or a profile file)`,
        );
      return builtin;
    }
    const file = flag !== undefined ? path.resolve(named) : path.resolve(root, named);
    let profile: ProcessProfile;
    try {
      profile = loadProfileFile(file);
    } catch (error) {
      if (error instanceof ProfileError) throw new CliError(error.message);
      throw error;
    }
    checkAgainstRepository(root, profile, file);
    return profile;
  }
  const looked: string[] = [];
  for (const name of builtinProfileNames()) {
    const profile = profileNamed(name)!;
    const mark = profile.detect.find((candidate) => existsSync(path.join(root, candidate)));
    if (mark) {
      printNotice(
        `using the ${name} profile (${root} has ${mark}); choose with --profile or "profile" in kep.config.json`,
      );
      return profile;
    }
    looked.push(`${name}: ${profile.detect.join(' or ')}`);
  }
  throw new CliError(
    `${root}: no known enhancement process found (looked for ${looked.join('; ')}); pass --profile FILE with a profile that describes it (see "Process profiles" in the README)`,
  );
}

/**
 * A profile the user wrote must find proposals in the repository it is used on: a proposals root that does
 * not exist, or a layout that matches nothing, is named at its line in the profile.
 */
function checkAgainstRepository(root: string, profile: ProcessProfile, file: string): void {
  const { layout } = profile;
  if (!existsSync(path.join(root, layout.proposalsRoot)))
    throw new CliError(
      `${profileKeyLocation(file, ['layout', 'proposalsRoot'])}: layout.proposalsRoot: ${layout.proposalsRoot} does not exist in ${root}`,
    );
  if (walkRepository(root, profile).proposalDirs.length > 0) return;
  const [key, what] =
    layout.kind === 'file'
      ? (['files', `no file under ${layout.proposalsRoot} matches ${layout.files ?? '**/*.md'}`] as const)
      : (['metadataFile', `no ${layout.metadataFile} under ${layout.proposalsRoot}`] as const);
  throw new CliError(`${profileKeyLocation(file, ['layout', key])}: layout.${key}: ${what}`);
}

/**
 * Repo-relative paths, with `/`, for PATH arguments: relative to the current directory, or, when that is
 * not inside the repository (`--repo` names another one), to the repository root.
 */
export function repoRelativePaths(root: string, paths: string[]): string[] {
  const realRoot = realpathOr(root);
  const inside = (absolute: string) => {
    const relative = path.relative(realRoot, realpathOr(absolute));
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
  };
  return paths.map((p) => {
    let absolute = path.resolve(p);
    if (inside(absolute) === undefined && !path.isAbsolute(p)) absolute = path.resolve(root, p);
    if (!existsSync(absolute)) throw new CliError(`${p}: no such file or directory`);
    const relative = inside(absolute);
    if (relative === undefined) throw new CliError(`${p}: outside the repository ${root}`);
    return relative.split(path.sep).join('/');
  });
}

function realpathOr(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * How the lint of any command judges READMEs: `--template`, else the config's `template`, else `history` (each
 * KEP by the template of when it last moved, read from git by the history reader, loaded only when needed).
 */
export function templateOptions(
  config: KepConfig,
  flag?: TemplateMode,
): { template: TemplateMode; templateSource: () => Promise<TemplateHistorySource> } {
  return {
    template: flag ?? config.template ?? 'history',
    templateSource: async () => {
      const { readTemplateHistory, readTemplateTexts } = await import('../query/history/template-history.js');
      return {
        read: (root, profile, cacheDir) =>
          readTemplateHistory(root, profile, { cacheDir, version: kepkitVersion() }),
        texts: (root, blobs, maxBytes) => readTemplateTexts(root, blobs, { maxBytes }),
      };
    },
  };
}

let cachedVersion: string | undefined;
export function kepkitVersion(): string {
  if (!cachedVersion) {
    const packageFile = fileURLToPath(new URL('../../package.json', import.meta.url));
    cachedVersion = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
  }
  return cachedVersion;
}

const SIGNALS = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
] as const;

/**
 * Run a command's writes so that an interrupt leaves no temporary file: while they run, SIGINT, SIGTERM and
 * SIGHUP wait for the (synchronous, short) writes to finish, then exit with the shell's 128 + signal number.
 * Outside the writes the signals keep their default, immediate effect, so a long check can always be stopped.
 */
export async function duringWrites<T>(write: () => T): Promise<T> {
  const { removeTempFiles } = await import('../edit/atomic.js');
  const handlers = SIGNALS.map(([signal, number]) => {
    const handler = () => {
      removeTempFiles();
      process.exit(128 + number);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return write();
  } finally {
    // One turn of the event loop: a signal that arrived during the writes is handled now, not dropped.
    await new Promise((resolve) => setImmediate(resolve));
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/** Before writing: the temporary files of an earlier run that was killed, removed and named on stderr. */
export async function removeLeftovers(root: string, proposalsRoot: string): Promise<void> {
  const { removeStaleTempFilesUnder } = await import('../edit/atomic.js');
  for (const file of removeStaleTempFilesUnder(path.join(root, proposalsRoot)))
    printNotice(`removed ${path.relative(root, file)}, left by an interrupted run`);
}
