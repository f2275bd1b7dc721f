import { readProblemRule } from './read-problem.js';

export const outsideRepoRule = readProblemRule('io/outside-repo', {
  description:
    'a proposal file is a symbolic link (or a path built from its metadata) that leads outside the repository; it is neither read nor written',
  rationale:
    'Proposals arrive in pull requests from anyone: a README linked to /etc/passwd or /proc/self/environ would otherwise be printed in findings and the index, and `--fix` would write through it.',
});
