// The lint part's public face: the pipeline (lint-repository.ts) and the settings it takes.
export { lintRepository, type RepositoryLintOptions } from './lint-repository.js';
export { UnmatchedPathsError } from './select.js';
export { effectiveSeverity, isRuleSetting, type RuleSetting } from './settings.js';
export type { LintOptions, LintResult } from './types.js';
