import {
  compareMilestones,
  isStopped,
  type Proposal,
  parseMilestone,
  type RepositoryFacts,
  targetsRelease,
} from '../../model/index.js';

/**
 * The release a proposal is judged for: the facts' release when its latest-milestone is that release and its
 * status does not mean stopped (a withdrawn KEP is listed by `kep release`, not judged). Else undefined.
 */
export function judgedRelease(proposal: Proposal, facts: RepositoryFacts): string | undefined {
  const { latestMilestone, status } = proposal.metadata;
  if (!targetsRelease(latestMilestone, facts.release) || isStopped(facts.profile, status)) return undefined;
  return facts.release;
}

/** Whether the release is judged as a past one: the facts' current release (`--current`) is later. */
export function isPastRelease(facts: RepositoryFacts): boolean {
  const { release, currentRelease } = facts;
  if (!release || !currentRelease || !parseMilestone(currentRelease)) return false;
  return compareMilestones(release, currentRelease) < 0;
}
