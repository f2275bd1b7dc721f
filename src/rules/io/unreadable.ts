import type { Finding, ReadProblem } from '../../model/index.js';
import type { Rule } from '../types.js';

const toFinding = (problem: ReadProblem): Finding => ({
  file: problem.path,
  line: 1,
  column: 1,
  message: problem.message,
});

export const unreadableRule: Rule = {
  id: 'io/unreadable',
  description: 'a file or directory cannot be read (permissions, a symbolic link loop, a broken link)',
  rationale: 'kepkit cannot check what it cannot read; upstream tooling fails outright on such files.',
  severity: 'error',
  appliesToTemplates: true,
  check: (proposal) => proposal.problems.filter((problem) => problem.rule === 'io/unreadable').map(toFinding),
  checkRepository: (scan) =>
    scan.problems.filter((problem) => problem.rule === 'io/unreadable').map(toFinding),
};
