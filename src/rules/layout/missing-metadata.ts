import type { Rule } from '../types.js';

export const missingMetadataRule: Rule = {
  id: 'layout/missing-metadata',
  description: 'a README.md stands in a directory under keps/ that has no kep.yaml',
  rationale: 'Upstream CI treats a README without metadata as a KEP whose metadata file is missing.',
  severity: 'error',
  upstream: true,
  checkRepository: (scan, facts) =>
    scan.orphanReadmes.map((file) => ({
      file,
      line: 1,
      column: 1,
      message: `${file.split('/').pop()} without ${facts.profile.layout.metadataFile} in ${file.slice(0, file.lastIndexOf('/'))}`,
    })),
};
