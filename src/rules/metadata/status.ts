import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const statusRule: Rule = {
  id: 'metadata/status',
  description:
    'a status that is not one of the process’s statuses (provisional, implementable, implemented, deferred, rejected, withdrawn, replaced in Kubernetes)',
  rationale:
    'Tools and dashboards filter on status; a typo such as "implementd" or an invented value such as "superseded" hides the KEP from every query.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal with a status',
    profileKeys: ['metadata.statuses', 'metadata.keys.status'],
    bad: { kind: 'metadata', text: 'status: implementing' },
    good: { kind: 'metadata', text: 'status: implementable' },
  },
  check(proposal, facts) {
    const { status } = proposal.metadata;
    const statuses = facts.profile.metadata.statuses;
    if (status === undefined || statuses.includes(status)) return [];
    return [
      atMetadataValue(
        proposal,
        [facts.profile.metadata.keys.status],
        `invalid status "${status}"; expected one of ${statuses.join(', ')}`,
      ),
    ];
  },
};
