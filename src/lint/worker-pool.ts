// Checking the proposals the cache could not answer: in this thread, or shared with worker threads that each
// take the next unchecked proposal from one counter.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RepositoryLayout } from '../load/walk.js';
import type { ProcessProfile, ProfileData } from '../model/index.js';
import { mergeTimings, type RuleTimings, recordedTimings, startTiming } from './engine.js';
import type { LintOptions, ProposalResult } from './types.js';
import type { WorkerInput, WorkerOutput } from './worker.js';

/**
 * Worker threads by default: one per core beyond two. V8 runs its garbage collector and optimising compiler
 * on threads of its own, which keep a second core busy; on two cores a worker competes with them and the
 * run is slower than on one thread (full corpus lint, measured: 2.55 s on one thread, 2.97 s on two).
 */
export function defaultWorkers(): number {
  return Math.min(7, Math.max(0, availableParallelism() - 2));
}

/** Below this many proposals to check, a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 48;

/**
 * Check proposals, sharing the work with worker threads when there is enough of it. Every thread takes the
 * next unchecked proposal from one shared counter, so a thread that starts late (a worker must first load
 * its modules and facts) or meets larger READMEs simply checks fewer: no thread waits for another.
 */
export async function checkProposals(
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
    templateHistory: options.templateHistory,
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
export function profileData(profile: ProcessProfile): ProfileData {
  const { validate: _validate, ...metadata } = profile.metadata;
  return { ...profile, metadata };
}
