import type { Finding } from '../../model/index.js';
import { atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const participatingSigRule: Rule = {
  id: 'metadata/participating-sig',
  description: 'a participating SIG that is not in the groups list, reported at the list item',
  rationale: 'Participating SIGs are asked to review; a name that is no group reaches nobody.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal, when a groups list is found',
    profileKeys: ['groups', 'metadata.keys.participatingGroups'],
    bad: { kind: 'metadata', text: 'participating-sigs:\n  - sig-scheduler' },
    good: { kind: 'metadata', text: 'participating-sigs:\n  - sig-scheduling' },
  },
  check(proposal, facts) {
    if (!facts.groups) return [];
    const key = facts.profile.metadata.keys.participatingGroups;
    const list = rawMetadata(proposal)?.[key];
    if (!Array.isArray(list)) return [];
    const findings: Finding[] = [];
    list.forEach((group, index) => {
      if (typeof group === 'string' && !facts.groups!.names.has(group)) {
        findings.push(
          atMetadataValue(
            proposal,
            [key, index],
            `unknown participating group "${group}" (not in ${facts.groups!.source})`,
          ),
        );
      }
    });
    return findings;
  },
};
