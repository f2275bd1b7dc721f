import { type LintOptions, type LintResult, lintInProcess } from './run.js';

export interface RepositoryLintOptions extends LintOptions {
  /** Use the on-disk cache (default true). */
  cache?: boolean;
  /** The config file's text, part of the cache key. */
  configText?: string;
}

export async function lintRepository(root: string, options: RepositoryLintOptions): Promise<LintResult> {
  return lintInProcess(root, options);
}

export type { LintOptions, LintResult } from './run.js';
export { effectiveSeverity, isRuleSetting, type RuleSetting } from './settings.js';
