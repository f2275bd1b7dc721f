import { readProblemRule } from './read-problem.js';

export const unreadableRule = readProblemRule('io/unreadable', {
  description: 'a file or directory cannot be read (permissions, a symbolic link loop, a broken link)',
  rationale: 'kepkit cannot check what it cannot read; upstream tooling fails outright on such files.',
});
