import type { Finding, ReadProblem } from '../../model/index.js';
import type { Rule } from '../types.js';

const toFinding = (problem: ReadProblem): Finding => ({
  file: problem.path,
  line: 1,
  column: 1,
  message: problem.message,
});

export const tooLargeRule: Rule = {
  id: 'io/too-large',
  description: 'a file is too large to be a proposal (over 5 MB) and is not parsed',
  rationale:
    'A multi-megabyte README is almost always a mistake (a generated or binary file committed by accident) and parsing it would slow every run.',
  severity: 'error',
  appliesToTemplates: true,
  check: (proposal) => proposal.problems.filter((problem) => problem.rule === 'io/too-large').map(toFinding),
  checkRepository: (scan) =>
    scan.problems.filter((problem) => problem.rule === 'io/too-large').map(toFinding),
};
