import { readProblemRule } from './read-problem.js';

export const tooLargeRule = readProblemRule('io/too-large', {
  description: 'a file over 5 MB, or markdown over 50,000 lines: it is not parsed',
  rationale:
    'A multi-megabyte README is almost always a mistake (a generated or binary file committed by accident) and parsing it would slow every run.',
  docs: {
    appliesTo: 'every proposal file (metadata, README, PRR, OWNERS), templates included',
    profileKeys: [],
    bad: {
      kind: 'layout',
      text: 'keps/sig-node/1234-feature/README.md   (12 MB: a generated file committed by accident)',
    },
    good: { kind: 'layout', text: 'keps/sig-node/1234-feature/README.md   (40 KB, 1,200 lines)' },
  },
});
