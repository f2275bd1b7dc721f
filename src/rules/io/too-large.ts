import { readProblemRule } from './read-problem.js';

export const tooLargeRule = readProblemRule('io/too-large', {
  description:
    'a file is too large to be a proposal (over 5 MB, or markdown over 50,000 lines) and is not parsed',
  rationale:
    'A multi-megabyte README is almost always a mistake (a generated or binary file committed by accident) and parsing it would slow every run.',
});
