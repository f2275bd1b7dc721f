import type { Finding, ReadProblem } from '../../model/index.js';
import type { Rule } from '../types.js';

const toFinding = (problem: ReadProblem): Finding => ({
  file: problem.path,
  line: 1,
  column: 1,
  message: problem.message,
});

export const encodingRule: Rule = {
  id: 'io/encoding',
  description: 'a file is binary or not valid UTF-8',
  rationale: 'KEP files are UTF-8 text; a binary or mis-encoded file cannot be parsed or rendered.',
  severity: 'error',
  appliesToTemplates: true,
  check: (proposal) => proposal.problems.filter((problem) => problem.rule === 'io/encoding').map(toFinding),
  checkRepository: (scan) => scan.problems.filter((problem) => problem.rule === 'io/encoding').map(toFinding),
};
