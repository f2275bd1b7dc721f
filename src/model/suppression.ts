import type { Diagnostic } from './diagnostic.js';

/**
 * An inline suppression comment as written: `<!-- kep-disable … -->` in markdown, `# kep-disable-line …` in
 * YAML. Where it is, what it says, and the rule ids or groups it names (none: every rule).
 */
export interface SuppressionDirective {
  /** Repo-relative path with `/` separators. */
  file: string;
  line: number;
  column: number;
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Rule ids, groups (`readme`, `readme/*`) or `*`, as written; empty for every rule. */
  rules: string[];
}

/** Where a suppression of a finding came from, in SARIF's words: a comment in the file, or the baseline. */
export type SuppressionKind = 'inSource' | 'external';

/** A diagnostic that a directive or the baseline suppressed: not reported, but counted (and kept in SARIF). */
export interface SuppressedDiagnostic extends Diagnostic {
  suppression: SuppressionKind;
}
