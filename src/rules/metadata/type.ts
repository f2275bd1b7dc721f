import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const typeRule: Rule = {
  id: 'metadata/type',
  description: 'a value of the wrong shape: a list where one value is expected, or the reverse',
  rationale: 'Upstream decodes kep.yaml into typed Go fields; a value of the wrong shape fails CI.',
  severity: 'error',
  docs: {
    appliesTo: 'every metadata file, templates included',
    profileKeys: ['metadata.fields'],
    bad: { kind: 'metadata', text: 'owning-sig:\n  - sig-node' },
    good: { kind: 'metadata', text: 'owning-sig: sig-node' },
  },
  upstream: true,
  appliesToTemplates: true,
  check: (proposal) =>
    proposal.metadataIssues
      .filter((issue) => issue.kind === 'type')
      .map((issue) => atMetadataValue(proposal, issue.path, issue.message)),
};
