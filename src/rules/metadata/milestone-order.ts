import { compareMilestones, type Finding, parseMilestone } from '../../model/index.js';
import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const milestoneOrderRule: Rule = {
  id: 'metadata/milestone-order',
  description: 'stage milestones going backwards (alpha ≤ beta ≤ stable)',
  rationale:
    'A feature cannot reach beta before alpha; reversed milestones are typos that mislead release tracking.',
  severity: 'warning',
  docs: {
    appliesTo: 'the stage milestones of every proposal, in the profile’s stage order',
    profileKeys: ['metadata.stageOrder', 'metadata.keys.milestones'],
    bad: { kind: 'metadata', text: 'milestone:\n  alpha: "v1.30"\n  beta: "v1.29"' },
    good: { kind: 'metadata', text: 'milestone:\n  alpha: "v1.29"\n  beta: "v1.30"' },
  },
  check(proposal, facts) {
    const order = facts.profile.metadata.stageOrder;
    const milestones = proposal.metadata.milestones;
    const key = facts.profile.metadata.keys.milestones;
    const findings: Finding[] = [];
    let previous: { stage: string; value: string } | undefined;
    for (const stage of order) {
      const value = milestones[stage];
      if (!value || !parseMilestone(value)) continue;
      if (previous && compareMilestones(value, previous.value) < 0) {
        findings.push(
          atMetadataValue(
            proposal,
            [key, stage],
            `${stage} milestone ${value} is before ${previous.stage} milestone ${previous.value}`,
          ),
        );
      }
      previous = { stage, value };
    }
    return findings;
  },
};
