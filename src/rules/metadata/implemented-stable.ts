import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const implementedStableRule: Rule = {
  id: 'metadata/implemented-stable',
  description: 'an implemented KEP whose stage is not stable',
  rationale:
    'api/proposal.go: "status:implemented implies stage:stable"; an implemented KEP left at beta misreports what shipped.',
  severity: 'warning',
  docs: {
    appliesTo: 'proposals whose status is the profile’s implemented status',
    profileKeys: ['metadata.implementedStatus', 'metadata.keys.status', 'metadata.keys.stage'],
    bad: { kind: 'metadata', text: 'status: implemented\nstage: beta' },
    good: { kind: 'metadata', text: 'status: implemented\nstage: stable' },
  },
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
