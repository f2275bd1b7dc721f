import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const implementedStableRule: Rule = {
  id: 'metadata/implemented-stable',
  description: 'an implemented KEP is not at the stable stage',
  rationale:
    'api/proposal.go: "status:implemented implies stage:stable"; an implemented KEP left at beta misreports what shipped.',
  severity: 'warning',
  check(proposal, facts) {
    const rule = facts.profile.metadata.implementedStatus;
    const { status, stage } = proposal.metadata;
    if (!rule || status !== rule.status || stage === rule.stage) return [];
    const keys = facts.profile.metadata.keys;
    return [
      atMetadataValue(
        proposal,
        stage === undefined ? [keys.status] : [keys.stage],
        `status ${rule.status} implies stage ${rule.stage}, but stage is ${stage === undefined ? 'not set' : `"${stage}"`}`,
      ),
    ];
  },
};
