// The lint cache's file (`lint.json`): per-proposal results before severities, under one context key, read
// with every entry's shape checked so that a damaged file is a miss, never a crash or a lost finding.

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
  /** Digest of every metadata file's hash → the release found by scanning them. */
  releaseScan?: { digest: string; release?: string };
  entries: Record<string, CacheEntry>;
}

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
const isReleaseScan = shape<NonNullable<LintCache['releaseScan']>>({ digest: isString, release: isString }, [
  'release',
]);

/** The cache, or undefined; entries that do not fit (or sit under another proposal's key) are dropped. */
export function readLintCache(dir: string): LintCache | undefined {
  return readJsonCache(dir, 'lint.json', (value) => {
    if (!isPlainObject(value) || !isString(value.context)) return undefined;
    const entries = validEntries(
      value.entries,
      (key, entry): entry is CacheEntry => isEntry(entry) && entry.result.dir === key,
    );
    if (!entries) return undefined;
    const releaseScan = isReleaseScan(value.releaseScan) ? value.releaseScan : undefined;
    return { context: value.context, releaseScan, entries };
  });
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
