import type { Rule } from '../types.js';

export const missingReadmeRule: Rule = {
  id: 'layout/missing-readme',
  description: 'a proposal directory with `kep.yaml` but no `README.md`',
  rationale: 'The README is the proposal itself; metadata without it describes nothing reviewers can read.',
  severity: 'warning',
  docs: {
    appliesTo: 'every proposal directory of a directory layout',
    profileKeys: ['layout.metadataFile', 'layout.readmeFile'],
    bad: { kind: 'layout', text: 'keps/sig-node/1234-feature/kep.yaml\n(no README.md beside it)' },
    good: {
      kind: 'layout',
      text: 'keps/sig-node/1234-feature/kep.yaml\nkeps/sig-node/1234-feature/README.md',
    },
  },
  check(proposal, facts) {
    if (proposal.readme || proposal.problems.some((problem) => problem.path === proposal.readmePath))
      return [];
    if (!proposal.metadataFile) return [];
    return [
      {
        file: proposal.metadataFile.file.path,
        line: 1,
        column: 1,
        message: `no ${facts.profile.layout.readmeFile} beside ${facts.profile.layout.metadataFile}`,
      },
    ];
  },
};
