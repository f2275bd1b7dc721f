import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const owningSigRule: Rule = {
  id: 'metadata/owning-sig',
  description: 'owning-sig is not a known group (SIG, working group, user group or committee)',
  rationale:
    'The owning SIG decides where the KEP lives, who approves it and where its PRR file is looked up.',
  severity: 'warning',
  check(proposal, facts) {
    const group = proposal.metadata.owningGroup;
    if (!facts.groups || group === undefined || facts.groups.names.has(group)) return [];
    const key = facts.profile.metadata.keys.owningGroup;
    return [atMetadataValue(proposal, [key], `unknown ${key} "${group}" (not in ${facts.groups.source})`)];
  },
};
