// Only light modules are imported statically: a run answered from the cache never loads the parsers.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildHash, cacheDirFor, writeJsonCache } from '../load/cache.js';
import { hashBytes } from '../load/files.js';
import { FingerprintStore } from '../load/fingerprint.js';
import { metadataPathOf } from '../load/layout.js';
import { locateInputs, scanLatestRelease } from '../load/locate.js';
import { withFileFacts } from '../load/paths.js';
import { type RepositoryLayout, walkRepository } from '../load/walk.js';
import type { ProcessProfile, ProfileData, RepositoryFacts } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import {
  type CacheEntry,
  contextKey,
  dependencies,
  filesByDirectory,
  type LintCache,
  pathsChecker,
  readLintCache,
} from './cache.js';
import { mergeTimings, type RuleTimings, recordedTimings, startTiming } from './engine.js';
import { finish, selectedBy } from './finish.js';
import { effectiveSeverity } from './settings.js';
import type { LintOptions, LintResult, ProposalResult } from './types.js';
import type { WorkerInput, WorkerOutput } from './worker.js';

export interface RepositoryLintOptions extends LintOptions {
  /** Use the on-disk cache (default true). */
  cache?: boolean;
  /** The config file's text (its rule settings and inputs are already part of the options). */
  configText?: string;
  /** Worker threads to use besides this one (default: `defaultWorkers()`). */
  workers?: number;
}

/**
 * Worker threads by default: one per core beyond two. V8 runs its garbage collector and optimising compiler
 * on threads of its own, which keep a second core busy; on two cores a worker competes with them and the
 * run is slower than on one thread (full corpus lint, measured: 2.55 s on one thread, 2.97 s on two).
 */
function defaultWorkers(): number {
  return Math.min(7, Math.max(0, availableParallelism() - 2));
}

/** Below this many proposals to check, a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 48;

/**
 * Lint a repository: proposals whose files (and the shared inputs: groups, approvers, template, config, file
 * list) are unchanged since the last run come from the cache; the rest are checked on two threads.
 */
export async function lintRepository(root: string, options: RepositoryLintOptions): Promise<LintResult> {
  const { profile } = options;
  const layout = walkRepository(root, profile);
  const useCache = options.cache !== false;
  const cacheDir = cacheDirFor(root);
  const build = useCache ? buildHash() : '';
  const store = useCache ? FingerprintStore.open(cacheDir, root, build) : undefined;
  const cache = useCache ? readLintCache(cacheDir) : undefined;
  const hashOf = (file: string): string | null => store?.hash(file) ?? null;

  const dirs = layout.proposalDirs.filter(
    (dir) => selectedBy(options.paths)(dir) && !layout.lintIgnored?.has(dir),
  );
  const ruleIds = allRules.filter((rule) => effectiveSeverity(rule, options) !== null).map((rule) => rule.id);
  const inputs = locateInputs(root, profile, options);
  const scan = !options.release ? releaseScan(root, layout, options, hashOf, cache) : undefined;
  const loadOptions: LintOptions = { ...options, release: options.release ?? scan?.release };

  const context = store
    ? contextKey(
        {
          build,
          profile: profileFingerprint(profile),
          configText: options.configText ?? '',
          release: loadOptions.release ?? '',
          ruleIds,
          shared: sharedInputs(root, options, inputs).map((file) => `${file}=${hashOf(file)}`),
          files: layout.files,
        },
        hashBytes,
      )
    : '';

  const results = new Map<string, ProposalResult>();
  // The entries kept, updated in place with the new results (a new context starts from none).
  const entries: Record<string, CacheEntry> =
    cache?.context === context ? cache.entries : Object.create(null);
  const samePaths = pathsChecker(root);
  const stale: string[] = [];
  for (const dir of dirs) {
    const entry = entries[dir];
    if (
      entry &&
      Object.entries(entry.deps).every(([file, hash]) => hashOf(file) === hash) &&
      samePaths(entry.result.paths)
    ) {
      results.set(dir, entry.result);
    } else {
      stale.push(dir);
    }
  }

  const timings: RuleTimings | undefined = options.timing ? {} : undefined;
  if (stale.length > 0) {
    const byDir = store ? filesByDirectory(layout.files) : undefined;
    for (const result of await checkProposals(
      root,
      layout,
      loadOptions,
      stale,
      ruleIds,
      options.workers ?? defaultWorkers(),
      timings,
    )) {
      results.set(result.dir, result);
      if (byDir) entries[result.dir] = { deps: dependencies(byDir, result, hashOf), result };
    }
  }
  if (store && (stale.length > 0 || cache?.context !== context)) {
    writeJsonCache(cacheDir, 'lint.json', { context, releaseScan: scan, entries } satisfies LintCache);
  }
  store?.save();

  // The repository-level rules need only the profile and the layout, never the parsed inputs.
  const facts: RepositoryFacts = withFileFacts({
    root,
    profile,
    files: layout.files,
    proposalDirs: new Set(layout.proposalDirs),
    release: loadOptions.release ?? scanLatestRelease(root, layout, profile),
    notices: inputs.notices,
  });
  const result = finish(
    layout,
    facts,
    dirs.map((dir) => results.get(dir)!),
    options,
  );
  return timings ? { ...result, timings } : result;
}

/** Files outside the proposal directories that change what rules report. */
function sharedInputs(
  root: string,
  options: LintOptions,
  inputs: { groupsFile?: string; ownersAliasesFile?: string },
): string[] {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return [
    options.profile.template,
    ...(options.profile.toc ? [options.profile.toc.skipListFile] : []),
    ...(inputs.groupsFile ? [relative(inputs.groupsFile)] : []),
    ...(inputs.ownersAliasesFile ? [relative(inputs.ownersAliasesFile)] : []),
  ];
}

/** The default release (highest latest-milestone), reused from the cache while no metadata file changed. */
function releaseScan(
  root: string,
  layout: RepositoryLayout,
  options: LintOptions,
  hashOf: (file: string) => string | null,
  cache: LintCache | undefined,
): { digest: string; release?: string } {
  const { templateDirs } = options.profile.layout;
  const metadataFiles = layout.proposalDirs
    .filter((dir) => !templateDirs.includes(dir))
    .map((dir) => metadataPathOf(options.profile.layout, dir));
  const digest = hashBytes(metadataFiles.map((file) => `${file}=${hashOf(file)}`).join('\n'));
  if (cache?.releaseScan?.digest === digest) return { digest, release: cache.releaseScan.release };
  return { digest, release: scanLatestRelease(root, layout, options.profile) };
}

/**
 * Check proposals, sharing the work with worker threads when there is enough of it. Every thread takes the
 * next unchecked proposal from one shared counter, so a thread that starts late (a worker must first load
 * its modules and facts) or meets larger READMEs simply checks fewer: no thread waits for another.
 */
async function checkProposals(
  root: string,
  layout: RepositoryLayout,
  options: LintOptions,
  dirs: string[],
  ruleIds: string[],
  workers: number,
  timings: RuleTimings | undefined,
): Promise<ProposalResult[]> {
  const { checkInProcess, checkFromQueue } = await import('./run.js');
  if (timings) startTiming();
  if (workers < 1 || dirs.length < PARALLEL_THRESHOLD) {
    const results = checkInProcess(root, layout, options, dirs, ruleIds);
    if (timings) mergeTimings(timings, recordedTimings());
    return results;
  }
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const pending = Array.from({ length: workers }, () =>
    runWorker(root, layout, options, dirs, ruleIds, next, timings !== undefined),
  );
  const mine = checkFromQueue(root, layout, options, dirs, ruleIds, next);
  const theirs = await Promise.all(pending);
  if (timings) {
    mergeTimings(timings, recordedTimings());
    for (const output of theirs) mergeTimings(timings, output.timings);
  }
  return [...mine, ...theirs.flatMap((output) => output.results)];
}

function runWorker(
  root: string,
  layout: RepositoryLayout,
  options: LintOptions,
  dirs: string[],
  ruleIds: string[],
  next: Int32Array,
  timing: boolean,
): Promise<WorkerOutput> {
  const input: WorkerInput = {
    ruleIds,
    root,
    profile: profileData(options.profile),
    groupsFile: options.groupsFile,
    ownersAliasesFile: options.ownersAliasesFile,
    release: options.release,
    files: [...layout.files],
    proposalDirs: layout.proposalDirs,
    dirs,
    next,
    timing,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
    worker.once('message', (output: WorkerOutput) => resolve(output));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

/** The profile as plain data (without its validation function), for a worker thread or a cache key. */
function profileData(profile: ProcessProfile): ProfileData {
  const { validate: _validate, ...metadata } = profile.metadata;
  return { ...profile, metadata };
}

const fingerprints = new WeakMap<ProcessProfile, string>();
/** The profile's content, hashed: a change to a user's profile file must not reuse results of the old one. */
export function profileFingerprint(profile: ProcessProfile): string {
  let fingerprint = fingerprints.get(profile);
  if (fingerprint === undefined) {
    const { source: _source, ...data } = profileData(profile);
    fingerprint = hashBytes(JSON.stringify(data));
    fingerprints.set(profile, fingerprint);
  }
  return fingerprint;
}

export { effectiveSeverity, isRuleSetting, type RuleSetting } from './settings.js';
export type { LintOptions, LintResult } from './types.js';
