// What a release means to a proposal: whether it targets it, and which statuses the release team accepts.
// Shared by the release rules, the lint gate and the release report, so that they judge the same KEPs.
import { compareMilestones, parseMilestone } from './milestone.js';
import type { ProcessProfile } from './profile.js';

/** Whether a latest-milestone is the release, compared as versions (`1.37` is `v1.37`): the release team's opt-in. */
export function targetsRelease(latestMilestone: string | undefined, release: string | undefined): boolean {
  if (!latestMilestone || !release || !parseMilestone(latestMilestone) || !parseMilestone(release))
    return false;
  return compareMilestones(latestMilestone, release) === 0;
}

/** Whether a status means the proposal stopped (withdrawn, rejected, replaced): it is not judged for a release. */
export function isStopped(profile: ProcessProfile, status: string | undefined): boolean {
  return status !== undefined && profile.metadata.statusMeanings[status] === 'stopped';
}

/** The statuses that pass the status check of each freeze: the profile's `release`, else by meaning. */
export function releaseStatuses(profile: ProcessProfile): { tracked: string[]; codeFreeze: string[] } {
  const meanings = profile.metadata.statusMeanings;
  const open = profile.metadata.statuses.filter((status) => meanings[status] === 'open');
  const done = profile.metadata.statuses.filter((status) => meanings[status] === 'done');
  return {
    tracked: profile.release?.trackedStatuses ?? open,
    codeFreeze: profile.release?.codeFreezeStatuses ?? [...open, ...done],
  };
}

/** Statuses as a sentence: `a`, `a or b`, `a, b or c`. */
export function eitherStatus(statuses: readonly string[]): string {
  if (statuses.length <= 1) return statuses[0] ?? '(none)';
  return `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;
}
