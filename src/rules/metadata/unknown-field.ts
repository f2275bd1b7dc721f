import { atMetadataKey } from '../findings.js';
import type { Rule } from '../types.js';

export const unknownFieldRule: Rule = {
  id: 'metadata/unknown-field',
  description: 'the metadata has a field that the schema does not know',
  rationale: 'Upstream decodes kep.yaml with KnownFields(true): a misspelt or unknown field fails CI.',
  severity: 'error',
  upstream: true,
  appliesToTemplates: true,
  check: (proposal) =>
    proposal.metadataIssues
      .filter((issue) => issue.kind === 'unknown-field')
      .map((issue) => atMetadataKey(proposal, issue.path, issue.message)),
};
