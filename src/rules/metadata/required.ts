import type { Finding } from '../../model/index.js';
import { atFileStart, atMetadataKey, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const requiredRule: Rule = {
  id: 'metadata/required',
  description:
    'a required field (`title`, `kep-number`, `authors`, `owning-sig`, `approvers`, `status` in Kubernetes) is missing or empty; a list may be empty, not null',
  rationale:
    'Upstream validates kep.yaml with `validate:"required"`: a string must be non-empty, a list must be present (it may be empty).',
  severity: 'error',
  docs: {
    appliesTo: 'every metadata file, templates included',
    profileKeys: ['metadata.required', 'metadata.keys'],
    bad: { kind: 'metadata', text: 'title: Pod resize\nauthors:' },
    good: { kind: 'metadata', text: 'title: Pod resize\nauthors:\n  - "@vinaykul"' },
  },
  upstream: true,
  appliesToTemplates: true,
  check(proposal, facts) {
    const data = rawMetadata(proposal);
    if (!data || proposal.metadataIssues.length > 0) return [];
    const findings: Finding[] = [];
    for (const field of facts.profile.metadata.required) {
      const key = facts.profile.metadata.keys[field as keyof typeof facts.profile.metadata.keys] ?? field;
      const value = data[key];
      const isList = Array.isArray(proposal.metadata[field]);
      const missing = isList
        ? value === undefined || value === null
        : typeof value !== 'string' || value === '';
      if (!missing) continue;
      const message = key in data ? `"${key}" must not be empty` : `"${key}" is required`;
      findings.push(
        key in data
          ? atMetadataKey(proposal, [key], message)
          : atFileStart(proposal.metadataFile!.file.path, message),
      );
    }
    return findings;
  },
};
