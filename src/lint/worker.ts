// A worker thread that lints a share of the proposals: it builds its own facts and returns plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { loadFacts } from '../load/index.js';
import { profileNamed } from '../profile/index.js';
import { checkOne, rulesNamed } from './run.js';
import type { ProposalResult } from './types.js';

export interface WorkerInput {
  root: string;
  profile: string;
  groupsFile?: string;
  ownersAliasesFile?: string;
  release?: string;
  files: string[];
  proposalDirs: string[];
  dirs: string[];
  ruleIds: string[];
}

const input = workerData as WorkerInput;
const profile = profileNamed(input.profile)!;
const layout = {
  files: new Set(input.files),
  proposalDirs: input.proposalDirs,
  orphanReadmes: [],
  problems: [],
};
const facts = loadFacts(input.root, layout, { ...input, profile });
const results: ProposalResult[] = input.dirs.map(
  (dir) => checkOne(facts, dir, rulesNamed(input.ruleIds)).result,
);
parentPort!.postMessage(results);
