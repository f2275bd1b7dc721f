import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const latestMilestoneStageRule: Rule = {
  id: 'metadata/latest-milestone-stage',
  description: '`milestone.<stage>` of the current stage differs from `latest-milestone`',
  rationale:
    'When a KEP targets a release for its stage, milestone.<stage> and latest-milestone must agree; the release team reads both.',
  severity: 'warning',
  docs: {
    appliesTo: 'proposals with a stage, a latest-milestone and a milestone for that stage',
    profileKeys: ['metadata.keys.stage', 'metadata.keys.latestMilestone', 'metadata.keys.milestones'],
    bad: { kind: 'metadata', text: 'stage: beta\nlatest-milestone: "v1.31"\nmilestone:\n  beta: "v1.30"' },
    good: { kind: 'metadata', text: 'stage: beta\nlatest-milestone: "v1.31"\nmilestone:\n  beta: "v1.31"' },
  },
  check(proposal, facts) {
    const { stage, latestMilestone, milestones } = proposal.metadata;
    if (!stage || !latestMilestone) return [];
    const stageMilestone = milestones[stage];
    if (!stageMilestone || stageMilestone === latestMilestone) return [];
    const keys = facts.profile.metadata.keys;
    return [
      atMetadataValue(
        proposal,
        [keys.milestones, stage],
        `${keys.milestones}.${stage} is ${stageMilestone} but ${keys.latestMilestone} is ${latestMilestone} (stage is ${stage})`,
      ),
    ];
  },
};
