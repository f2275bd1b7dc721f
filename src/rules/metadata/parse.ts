import type { Rule } from '../types.js';

export const parseRule: Rule = {
  id: 'metadata/parse',
  description:
    'the metadata file is not valid YAML: a syntax error, a duplicate key, an empty document, an alias bomb, or over 256 KB or 64 levels deep',
  rationale:
    'Upstream CI decodes every kep.yaml strictly with yaml.v3 and fails on any of these; kepkit parses no file past its size and depth limits, which no real metadata comes near.',
  severity: 'error',
  docs: {
    appliesTo: 'every metadata file, templates included',
    profileKeys: ['layout.metadataFile'],
    bad: { kind: 'metadata', text: 'title: Pod resize\ntitle: In-place pod resize' },
    good: { kind: 'metadata', text: 'title: In-place pod resize' },
  },
  upstream: true,
  appliesToTemplates: true,
  check(proposal) {
    const doc = proposal.metadataFile;
    if (!doc) return [];
    return doc.issues.map((issue) => ({
      file: doc.file.path,
      line: issue.position.line,
      column: issue.position.column,
      message: issue.kind === 'duplicate-key' ? `duplicate key: ${issue.message}` : issue.message,
    }));
  },
};
