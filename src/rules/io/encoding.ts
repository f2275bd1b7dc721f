import { readProblemRule } from './read-problem.js';

export const encodingRule = readProblemRule('io/encoding', {
  description: 'a file is binary or not valid UTF-8',
  rationale: 'KEP files are UTF-8 text; a binary or mis-encoded file cannot be parsed or rendered.',
});
