import type { Rule } from '../types.js';
import { releaseCodeFreezeStatusRule } from './code-freeze-status.js';
import { releaseLatestMilestoneRule } from './latest-milestone.js';
import { releaseStageMilestoneRule } from './stage-milestone.js';
import { releaseStatusRule } from './status.js';
import { releaseTestPlanRule } from './test-plan.js';

/** The release rules (what `kep release` judges and `kep lint --release` gates), in the order `kep rules` lists them. */
export const releaseRules: readonly Rule[] = [
  releaseStatusRule,
  releaseCodeFreezeStatusRule,
  releaseLatestMilestoneRule,
  releaseStageMilestoneRule,
  releaseTestPlanRule,
];
