// A worker thread that lints proposals taken from the shared queue: it builds its own facts and returns plain data.
import { parentPort, workerData } from 'node:worker_threads';
import type { TemplateHistory } from '../model/index.js';
import { buildProfile, type ProfileData } from '../profile/load.js';
import { type RuleTimings, recordedTimings, startTiming } from './engine.js';
import { checkFromQueue } from './run.js';
import type { ProposalResult } from './types.js';

export interface WorkerInput {
  root: string;
  /** The profile as data (a function cannot cross to a thread): the worker attaches its validation. */
  profile: ProfileData;
  groupsFile?: string;
  ownersAliasesFile?: string;
  release?: string;
  templateHistory?: TemplateHistory;
  files: string[];
  proposalDirs: string[];
  /** Every proposal to check, shared with the other threads… */
  dirs: string[];
  /** …through this counter: the index of the next proposal nobody has taken. */
  next: Int32Array;
  ruleIds: string[];
  /** Record how long each rule takes (`--timing`). */
  timing: boolean;
}

export interface WorkerOutput {
  results: ProposalResult[];
  timings?: RuleTimings;
}

const input = workerData as WorkerInput;
const profile = buildProfile(input.profile);
const layout = {
  files: new Set(input.files),
  proposalDirs: input.proposalDirs,
  orphanReadmes: [],
  problems: [],
};
if (input.timing) startTiming();
const results = checkFromQueue(
  input.root,
  layout,
  { ...input, profile },
  input.dirs,
  input.ruleIds,
  input.next,
);
parentPort!.postMessage({ results, timings: recordedTimings() } satisfies WorkerOutput);
