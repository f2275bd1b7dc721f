import type { Finding } from '../../model/index.js';
import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

/** A real calendar date written YYYY-MM-DD. */
function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value);
}

export const dateFormatRule: Rule = {
  id: 'metadata/date-format',
  description: 'a `creation-date` or `last-updated` that is not a real `YYYY-MM-DD` date',
  rationale: 'Dates are sorted and compared by tools; "2021-13-01" or "Jan 5" cannot be.',
  severity: 'warning',
  docs: {
    appliesTo: 'creation-date and last-updated of every proposal',
    profileKeys: ['metadata.keys.creationDate', 'metadata.keys.lastUpdated'],
    bad: { kind: 'metadata', text: 'creation-date: 2021-13-01' },
    good: { kind: 'metadata', text: 'creation-date: 2021-12-01' },
  },
  check(proposal, facts) {
    const keys = facts.profile.metadata.keys;
    const findings: Finding[] = [];
    for (const [field, key] of [
      ['creationDate', keys.creationDate],
      ['lastUpdated', keys.lastUpdated],
    ] as const) {
      const value = proposal.metadata[field];
      if (value !== undefined && value !== '' && !isIsoDate(value)) {
        findings.push(atMetadataValue(proposal, [key], `${key} "${value}" is not a date in YYYY-MM-DD form`));
      }
    }
    return findings;
  },
};
