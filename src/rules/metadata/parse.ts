import type { Rule } from '../types.js';

export const parseRule: Rule = {
  id: 'metadata/parse',
  description:
    'the metadata file is not valid YAML (syntax error, duplicate key, empty document, alias bomb), or is over 256 KB or nested deeper than 64 levels',
  rationale:
    'Upstream CI decodes every kep.yaml strictly with yaml.v3 and fails on any of these; kepkit parses no file past its size and depth limits, which no real metadata comes near.',
  severity: 'error',
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
