import type { Rule } from '../types.js';

export const missingMetadataRule: Rule = {
  id: 'layout/missing-metadata',
  description: 'a `README.md` under `keps/` in a directory without `kep.yaml`',
  rationale: 'Upstream CI treats a README without metadata as a KEP whose metadata file is missing.',
  severity: 'error',
  docs: {
    appliesTo:
      'every README below the proposals root but the profile’s readmesWithoutMetadata (keps/README.md)',
    profileKeys: ['layout.metadataFile', 'layout.readmeFile', 'layout.readmesWithoutMetadata'],
    bad: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md\n(no kep.yaml beside it)' },
    good: {
      kind: 'layout',
      text: 'keps/sig-node/1234-feature/README.md\nkeps/sig-node/1234-feature/kep.yaml',
    },
  },
  upstream: true,
  checkRepository: (scan, facts) =>
    scan.orphanReadmes.map((file) => ({
      file,
      line: 1,
      column: 1,
      message: `${file.split('/').pop()} without ${facts.profile.layout.metadataFile} in ${file.slice(0, file.lastIndexOf('/'))}`,
    })),
};
