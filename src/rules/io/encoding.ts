import { readProblemRule } from './read-problem.js';

export const encodingRule = readProblemRule('io/encoding', {
  description: 'a binary or non-UTF-8 file, reported with the line of the first bad byte',
  rationale: 'KEP files are UTF-8 text; a binary or mis-encoded file cannot be parsed or rendered.',
  docs: {
    appliesTo: 'every proposal file (metadata, README, PRR, OWNERS), templates included',
    profileKeys: [],
    bad: { kind: 'README', text: '# KEP-1234: Caf\\xe9 support   (a Latin-1 byte)' },
    good: { kind: 'README', text: '# KEP-1234: Café support   (UTF-8)' },
  },
});
