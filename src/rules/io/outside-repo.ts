import type { Finding, ReadProblem } from '../../model/index.js';
import type { Rule } from '../types.js';

const toFinding = (problem: ReadProblem): Finding => ({
  file: problem.path,
  line: 1,
  column: 1,
  message: problem.message,
});

export const outsideRepoRule: Rule = {
  id: 'io/outside-repo',
  description:
    'a proposal file is a symbolic link (or a path built from its metadata) that leads outside the repository; it is neither read nor written',
  rationale:
    'Proposals arrive in pull requests from anyone: a README linked to /etc/passwd or /proc/self/environ would otherwise be printed in findings and the index, and `--fix` would write through it.',
  severity: 'error',
  appliesToTemplates: true,
  check: (proposal) =>
    proposal.problems.filter((problem) => problem.rule === 'io/outside-repo').map(toFinding),
  checkRepository: (scan) =>
    scan.problems.filter((problem) => problem.rule === 'io/outside-repo').map(toFinding),
};
