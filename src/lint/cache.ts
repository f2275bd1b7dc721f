// The lint cache: per-proposal results before severities, one file per configuration (`lint/<context>.json`,
// so that alternating `kep lint`, `kep lint --release vX.Y` and `kep release vX.Y` stays warm), read with every
// entry's shape checked so that a damaged file is a miss, never a crash or a lost finding. The default-release
// scan, which the context depends on, is kept beside them (`lint/release-scan.json`).
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

import {
  arrayOf,
  isBoolean,
  isNumber,
  isPlainObject,
  isString,
  nullable,
  readJsonCache,
  recordOf,
  shape,
  validEntries,
  writeJsonCache,
} from '../load/cache.js';
import { existsInRepo } from '../load/paths.js';
import type { Finding, Fix, TextEdit } from '../model/index.js';
import type { ProposalResult } from './types.js';

export interface CacheEntry {
  /** Repo-relative path → content hash (null: absent) of every file the result depends on. */
  deps: Record<string, string | null>;
  result: ProposalResult;
}

export interface LintCache {
  context: string;
  entries: Record<string, CacheEntry>;
}

/** Digest of every metadata file's hash → the release found by scanning them. */
export interface ReleaseScan {
  digest: string;
  release?: string;
}

/** The folder of the lint cache inside a repository's cache folder. */
const LINT_DIR = 'lint';
const RELEASE_SCAN_FILE = 'release-scan.json';
/** Configurations kept (least recently used go first): a handful of flag sets, each about a megabyte on 650 KEPs. */
export const MAX_CONFIGURATIONS = 8;

/** A configuration's file: named by its context key, which is a hex digest. */
const fileOf = (context: string): string => `${context.slice(0, 32)}.json`;

/**
 * What besides a proposal's own files decides its result; entries made under another context are never used.
 * Severities and `--strict` are left out on purpose: they apply after the cache, to the findings of the
 * rules that ran, so only the set of rules run is part of it.
 */
export interface CacheContext {
  build: string;
  profile: string;
  configText: string;
  release: string;
  /** The rules run (those not off). */
  ruleIds: readonly string[];
  /** `file=hash` of the template, groups list, OWNERS_ALIASES, skip list. */
  shared: readonly string[];
  files: Iterable<string>;
  /** `history` or `current`: which template proposals are judged by (each result keeps the version it used). */
  template: string;
}

export function contextKey(context: CacheContext, hash: (text: string) => string): string {
  return hash(
    JSON.stringify([
      context.build,
      context.profile,
      context.configText,
      context.release,
      context.ruleIds,
      context.shared,
      [...context.files],
      context.template,
    ]),
  );
}

const isEdit = shape<TextEdit>({ start: isNumber, end: isNumber, text: isString });
const isFix = shape<Fix>(
  { file: isString, description: isString, edits: arrayOf(isEdit), sourceHash: isString },
  ['sourceHash'],
);
const isFinding = shape<Finding>(
  {
    file: isString,
    line: isNumber,
    column: isNumber,
    endLine: isNumber,
    endColumn: isNumber,
    message: isString,
    fix: isFix,
  },
  ['endLine', 'endColumn', 'fix'],
);
const isResult = shape<ProposalResult>(
  {
    dir: isString,
    kep: nullable(isNumber),
    latestMilestone: isString,
    prrPath: isString,
    found: recordOf(arrayOf(isFinding)),
    paths: recordOf(isBoolean),
    template: isString,
  },
  ['latestMilestone', 'prrPath', 'paths', 'template'],
);
const isEntry = shape<CacheEntry>({ deps: recordOf(nullable(isString)), result: isResult });
const isReleaseScan = shape<ReleaseScan>({ digest: isString, release: isString }, ['release']);

/**
 * The cache of one configuration, or undefined; entries that do not fit (or sit under another proposal's
 * key) are dropped. A hit marks the file as used, for the least-recently-used bound.
 */
export function readLintCache(dir: string, context: string): LintCache | undefined {
  const lintDir = path.join(dir, LINT_DIR);
  const cache = readJsonCache(lintDir, fileOf(context), (value) => {
    if (!isPlainObject(value) || value.context !== context) return undefined;
    const entries = validEntries(
      value.entries,
      (key, entry): entry is CacheEntry => isEntry(entry) && entry.result.dir === key,
    );
    return entries ? { context, entries } : undefined;
  });
  if (cache) touch(path.join(lintDir, fileOf(context)));
  return cache;
}

/** Write one configuration's cache, then drop the least recently used beyond the bound. */
export function writeLintCache(dir: string, cache: LintCache): void {
  const lintDir = path.join(dir, LINT_DIR);
  writeJsonCache(lintDir, fileOf(cache.context), cache);
  pruneConfigurations(lintDir, MAX_CONFIGURATIONS);
  // Earlier builds kept a single configuration in lint.json.
  rmSync(path.join(dir, 'lint.json'), { force: true });
}

export function readReleaseScan(dir: string): ReleaseScan | undefined {
  return readJsonCache(path.join(dir, LINT_DIR), RELEASE_SCAN_FILE, (value) =>
    isReleaseScan(value) ? value : undefined,
  );
}

export function writeReleaseScan(dir: string, scan: ReleaseScan): void {
  writeJsonCache(path.join(dir, LINT_DIR), RELEASE_SCAN_FILE, scan);
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // The cache is an optimisation: a read-only cache folder only loses the recency.
  }
}

/** Keep the `keep` most recently used configuration files (the release scan is not one). */
function pruneConfigurations(lintDir: string, keep: number): void {
  try {
    const files = readdirSync(lintDir)
      .filter((name) => /^[0-9a-f]{32}\.json$/.test(name))
      .map((name) => ({ name, used: statSync(path.join(lintDir, name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const { name } of files.slice(keep)) rmSync(path.join(lintDir, name), { force: true });
  } catch {
    // A configuration that cannot be removed is removed next time.
  }
}

/**
 * Repo files by directory, worked out once per run: a proposal's files are then found without going over
 * every file of the repository for each proposal (which made a cold run on 20k proposals quadratic).
 */
export function filesByDirectory(files: Iterable<string>): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    const list = byDir.get(dir);
    if (list) list.push(file);
    else byDir.set(dir, [file]);
  }
  return byDir;
}

/** Every file of the proposal's directory (or its one file, in a one-file layout), and its PRR file. */
export function dependencies(
  byDir: Map<string, string[]>,
  result: ProposalResult,
  hashOf: (file: string) => string | null,
): Record<string, string | null> {
  const deps: Record<string, string | null> = {};
  const own = byDir.get(result.dir);
  if (own) for (const file of own) deps[file] = hashOf(file);
  else deps[result.dir] = hashOf(result.dir);
  if (result.prrPath) deps[result.prrPath] = hashOf(result.prrPath);
  return deps;
}

/**
 * Whether the paths outside the proposals root that results looked up still exist as they did; each path is
 * looked up once per run, however many proposals link to it.
 */
export function pathsChecker(root: string): (paths: Record<string, boolean> | undefined) => boolean {
  const exists = new Map<string, boolean>();
  return (paths) => {
    if (!paths) return true;
    for (const [file, existed] of Object.entries(paths)) {
      let now = exists.get(file);
      if (now === undefined) {
        // The same question the rules asked: inside the repository, links resolved.
        now = existsInRepo(root, file);
        exists.set(file, now);
      }
      if (now !== existed) return false;
    }
    return true;
  };
}

/**
 * The proposals the cache answers (same context, judged by the same template version, every file a result
 * depends on unchanged, every path it looked up outside the proposals as it was) and those it does not. `entries` are the kept entries, to be
 * updated in place with new results (a new context starts from none).
 */
export function lookUp(
  root: string,
  cache: LintCache | undefined,
  context: string,
  dirs: readonly string[],
  hashOf: (file: string) => string | null,
  templateOf: (dir: string) => string | undefined = () => undefined,
): { entries: Record<string, CacheEntry>; answered: Map<string, ProposalResult>; stale: string[] } {
  const entries: Record<string, CacheEntry> =
    cache?.context === context ? cache.entries : Object.create(null);
  const samePaths = pathsChecker(root);
  const answered = new Map<string, ProposalResult>();
  const stale: string[] = [];
  for (const dir of dirs) {
    const entry = entries[dir];
    if (
      entry &&
      entry.result.template === templateOf(dir) &&
      Object.entries(entry.deps).every(([file, hash]) => hashOf(file) === hash) &&
      samePaths(entry.result.paths)
    )
      answered.set(dir, entry.result);
    else stale.push(dir);
  }
  return { entries, answered, stale };
}

/** Keep new results in the entries, each with the hashes of the files it depends on. */
export function remember(
  entries: Record<string, CacheEntry>,
  results: readonly ProposalResult[],
  files: Iterable<string>,
  hashOf: (file: string) => string | null,
): void {
  if (results.length === 0) return;
  const byDir = filesByDirectory(files);
  for (const result of results) entries[result.dir] = { deps: dependencies(byDir, result, hashOf), result };
}
