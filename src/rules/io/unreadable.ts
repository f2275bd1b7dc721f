import { readProblemRule } from './read-problem.js';

export const unreadableRule = readProblemRule('io/unreadable', {
  description:
    'a file or directory that cannot be read (permissions, a symbolic link loop, a broken link, a named pipe or device)',
  rationale: 'kepkit cannot check what it cannot read; upstream tooling fails outright on such files.',
  docs: {
    appliesTo: 'every file and directory the walk meets below the proposals root, templates included',
    profileKeys: ['layout.proposalsRoot'],
    bad: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md -> missing.md   (a broken link)' },
    good: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md   (a regular, readable file)' },
  },
});
