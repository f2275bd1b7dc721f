import { compareMilestones, type Proposal, parseMilestone, type RepositoryFacts } from '../../model/index.js';

/**
 * Upstream's `isPRRRequired`: an implementable or implemented proposal needs a latest-milestone and
 * a stage, and from the profile's first PRR milestone on (v1.21) a PRR approval file.
 * Returns whether the PRR file is needed (false when the preconditions themselves fail).
 */
export function prrFileRequired(proposal: Proposal, facts: RepositoryFacts): boolean {
  const prr = facts.profile.prr;
  const { status, stage, latestMilestone } = proposal.metadata;
  if (!prr || !status || !prr.requiredStatuses.includes(status)) return false;
  if (!latestMilestone || !stage || !parseMilestone(latestMilestone)) return false;
  return compareMilestones(latestMilestone, prr.requiredFromMilestone) >= 0;
}
