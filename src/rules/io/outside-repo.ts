import { readProblemRule } from './read-problem.js';

export const outsideRepoRule = readProblemRule('io/outside-repo', {
  description:
    'a proposal file (README, kep.yaml, PRR or OWNERS file) that is a symbolic link, or a path built from metadata, leading outside the repository: neither read nor written',
  rationale:
    'Proposals arrive in pull requests from anyone: a README linked to /etc/passwd or /proc/self/environ would otherwise be printed in findings and the index, and `--fix` would write through it.',
  docs: {
    appliesTo:
      'every proposal file, and the PRR path built from owning-sig and kep-number, templates included',
    profileKeys: ['layout.prrDir', 'prr.path'],
    bad: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md -> /etc/passwd' },
    good: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md -> ../1233-other/README.md' },
  },
});
