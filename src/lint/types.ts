import type { LoadOptions } from '../load/repository.js';
import type { Diagnostic, SuppressedDiagnostic, SuppressionDirective } from '../model/index.js';
import type { ApplyOptions, FindingsByRule } from './engine.js';
import type { UnmatchedPaths } from './select.js';

/** What linting one proposal yields, before severities: the unit that workers return and the cache keeps. */
export interface ProposalResult {
  dir: string;
  kep: number | null;
  latestMilestone?: string;
  /** The PRR file the result depends on (its content is part of the cache key). */
  prrPath?: string;
  found: FindingsByRule;
  /** Paths outside the proposals root whose existence a rule looked up, and whether they existed. */
  paths?: Record<string, boolean>;
  /** The older template version the proposal was judged by (`templateKey`); absent: today's template. */
  template?: string;
}

/**
 * A result as checking makes it: with the suppression comments of the proposal's files (absent: none), which
 * apply after the cache. Apart from ProposalResult, whose every field the cache's reader checks: a cached
 * result's directives are checked where they are read (`directivesOf`).
 */
export interface CheckedProposal extends ProposalResult {
  directives?: SuppressionDirective[];
}

export interface LintOptions extends LoadOptions, ApplyOptions {
  /** Repo-relative paths (files or directories) to restrict the run to; all proposals when empty. */
  paths?: string[];
  /** Paths that name no proposal: an error (default), or skipped (`kep lint --changed`, pre-commit). */
  unmatchedPaths?: UnmatchedPaths;
  /** Record how long each rule takes (`kep lint --timing`). */
  timing?: boolean;
}

export interface LintResult {
  /** What is reported: every finding that no directive or baseline suppressed. */
  diagnostics: Diagnostic[];
  /** What a directive (`inSource`) or the baseline (`external`) suppressed, sorted like the diagnostics. */
  suppressed: SuppressedDiagnostic[];
  notices: string[];
  proposalsChecked: number;
  /** With `unmatchedPaths: 'skip'`: the paths that named no proposal. */
  skippedPaths?: string[];
  /** The release used for time-dependent rules. */
  release?: string;
  /** With `timing`: milliseconds per rule id (and loading) over every thread, for the proposals checked. */
  timings?: Record<string, number>;
}
