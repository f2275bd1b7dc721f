import { atMetadataKey } from '../findings.js';
import type { Rule } from '../types.js';

export const unknownFieldRule: Rule = {
  id: 'metadata/unknown-field',
  description: 'a field the schema does not know (upstream decodes kep.yaml strictly)',
  rationale: 'Upstream decodes kep.yaml with KnownFields(true): a misspelt or unknown field fails CI.',
  severity: 'error',
  docs: {
    appliesTo: 'every metadata file, templates included, when the profile reports unknown fields',
    profileKeys: ['metadata.fields', 'metadata.unknownFields'],
    bad: { kind: 'metadata', text: 'latest-milstone: "v1.31"' },
    good: { kind: 'metadata', text: 'latest-milestone: "v1.31"' },
  },
  upstream: true,
  appliesToTemplates: true,
  check: (proposal) =>
    proposal.metadataIssues
      .filter((issue) => issue.kind === 'unknown-field')
      .map((issue) => atMetadataKey(proposal, issue.path, issue.message)),
};
