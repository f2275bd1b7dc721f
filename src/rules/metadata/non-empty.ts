import type { Finding } from '../../model/index.js';
import { atFileStart, atMetadataKey, atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const nonEmptyRule: Rule = {
  id: 'metadata/non-empty',
  description:
    'a list field the profile names (`rules.metadata/non-empty.fields`) has no real entry: missing, empty, or only placeholders (TBD) and empty items (OpenShift’s authors, reviewers, approvers, api-approvers)',
  rationale:
    'metadata/required asks only that a field be there; a list of `TBD` from the template names nobody, so nobody is asked to review or approve. The fields and placeholders are the profile’s data, so a process that does not hold its people lists to this leaves the rule without fields. As OpenShift’s metadata-lint does, each placeholder or empty item is one finding, and a list with no other entry one more. Example: `approvers: [TBD]`.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal, for the fields the profile lists (none in Kubernetes)',
    profileKeys: ['rules.metadata/non-empty.fields', 'rules.metadata/non-empty.placeholders'],
    bad: { kind: 'metadata', text: 'approvers:\n  - TBD' },
    good: { kind: 'metadata', text: 'approvers:\n  - "@deads2k"' },
  },
  check(proposal, facts) {
    const options = facts.profile.ruleOptions['metadata/non-empty'];
    const fields = (options?.fields as string[] | undefined) ?? [];
    const data = rawMetadata(proposal);
    if (fields.length === 0 || !data || !proposal.metadataFile) return [];
    const placeholders = new Set((options?.placeholders as string[] | undefined) ?? ['TBD']);
    const findings: Finding[] = [];
    for (const key of fields) {
      const value = data[key];
      const items: unknown[] = Array.isArray(value) ? value : [];
      let real = 0;
      items.forEach((item, index) => {
        if (item === null) return;
        const text = typeof item === 'string' ? item : '';
        if (placeholders.has(text.trim()))
          findings.push(
            atMetadataValue(proposal, [key, index], `"${key}" holds the placeholder "${text.trim()}"`),
          );
        else if (text === '')
          findings.push(atMetadataValue(proposal, [key, index], `"${key}" has an empty item`));
        else real++;
      });
      if (real === 0)
        findings.push(
          key in data
            ? atMetadataKey(proposal, [key], `"${key}" names nobody`)
            : atFileStart(
                proposal.metadataFile.file.path,
                `"${key}" is missing; it must name at least one person`,
              ),
        );
    }
    return findings;
  },
};
