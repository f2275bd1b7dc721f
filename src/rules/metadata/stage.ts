import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const stageRule: Rule = {
  id: 'metadata/stage',
  description:
    'a stage that is not one of the process’s stages (alpha, beta, stable, deprecated, disabled, removed in Kubernetes)',
  rationale:
    'The stage decides which PRR approval and which questionnaire answers are needed; an unknown stage defeats both.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal with a stage',
    profileKeys: ['metadata.stages', 'metadata.keys.stage'],
    bad: { kind: 'metadata', text: 'stage: GA' },
    good: { kind: 'metadata', text: 'stage: stable' },
  },
  check(proposal, facts) {
    const { stage } = proposal.metadata;
    const stages = facts.profile.metadata.stages;
    if (stage === undefined || stages.includes(stage)) return [];
    return [
      atMetadataValue(
        proposal,
        [facts.profile.metadata.keys.stage],
        `invalid stage "${stage}"; expected one of ${stages.join(', ')}`,
      ),
    ];
  },
};
