import type { Finding, ReadProblem } from '../../model/index.js';
import type { Rule } from '../types.js';

/**
 * An io rule reports what the loader could not read, as the loader recorded it (`ReadProblem`): the
 * proposal's own files, and the walk's for the repository. All four io rules are this shape.
 */
export function readProblemRule(
  id: ReadProblem['rule'],
  docs: Pick<Rule, 'description' | 'rationale' | 'docs'>,
): Rule {
  const toFinding = (problem: ReadProblem): Finding => ({
    file: problem.path,
    line: 1,
    column: 1,
    message: problem.message,
  });
  return {
    id,
    ...docs,
    severity: 'error',
    appliesToTemplates: true,
    check: (proposal) => proposal.problems.filter((problem) => problem.rule === id).map(toFinding),
    checkRepository: (scan) => scan.problems.filter((problem) => problem.rule === id).map(toFinding),
  };
}
