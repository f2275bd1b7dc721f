import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const owningSigRule: Rule = {
  id: 'metadata/owning-sig',
  description: 'an owning-sig that is not in the groups list (SIGs, working groups, user groups, committees)',
  rationale:
    'The owning SIG decides where the KEP lives, who approves it and where its PRR file is looked up.',
  severity: 'warning',
  docs: {
    appliesTo:
      'every proposal with an owning group, when a groups list is found (sigs.yaml, the profile’s names, or its directories)',
    profileKeys: ['groups', 'metadata.keys.owningGroup'],
    bad: { kind: 'metadata', text: 'owning-sig: sig-nodes' },
    good: { kind: 'metadata', text: 'owning-sig: sig-node' },
  },
  check(proposal, facts) {
    const group = proposal.metadata.owningGroup;
    if (!facts.groups || group === undefined || facts.groups.names.has(group)) return [];
    const key = facts.profile.metadata.keys.owningGroup;
    return [atMetadataValue(proposal, [key], `unknown ${key} "${group}" (not in ${facts.groups.source})`)];
  },
};
