import type { Finding, Proposal, ReadProblem, RepositoryFacts, Severity } from '../model/index.js';

/** What repository-level rules see besides the facts: the layout problems found by the walk. */
export interface RepositoryScan {
  orphanReadmes: string[];
  problems: ReadProblem[];
}

/** The file a documentation example is written in. */
export type ExampleKind = 'metadata' | 'README' | 'PRR' | 'OWNERS' | 'layout';

/** A short snippet of a file, as `kep rules ID` shows it under "Bad" or "Good". */
export interface RuleExample {
  kind: ExampleKind;
  text: string;
}

/**
 * A rule's documentation beyond its one-line description, as Ruff's rule pages and ESLint's `meta.docs` give it.
 * Optional in the type (a rule is written before its docs are); the rule-docs test demands them of every rule
 * and names the rule and the field that is missing.
 */
export interface RuleDocs {
  /** What the rule looks at and when: which proposals, statuses, files (`kep rules ID` "Applies to"). */
  appliesTo: string;
  /** The profile keys the rule reads (`metadata.statuses`, `readme.placeholders`, `rules.<id>.fields`); [] for none. */
  profileKeys: readonly string[];
  /** A case the rule reports, and the same case written so that it reports nothing. */
  bad: RuleExample;
  good: RuleExample;
}

/** One check, with the documentation that `kep rules` prints and the README lists. */
export interface Rule {
  /** `group/name`: a public contract, never renamed. */
  id: string;
  /** One line of prose: what the rule reports. The README's rule table shows it. */
  description: string;
  /** Why it matters, for `kep rules --explain`. */
  rationale: string;
  severity: Severity;
  /** Whether upstream CI enforces the same check (parity rules). */
  upstream?: boolean;
  /** Whether the rule also runs on template directories (only the metadata parity checks do). */
  appliesToTemplates?: boolean;
  /**
   * Whether `kep lint` reports it only under a release gate (`--release`, or the config's release): without one,
   * the newest latest-milestone is no freeze, and a provisional KEP of the coming release is fine.
   */
  releaseGateOnly?: boolean;
  /** Whether findings carry a fix that `kep lint --fix` can apply. */
  fixable?: boolean;
  docs?: RuleDocs;
  check?(proposal: Proposal, facts: RepositoryFacts): Finding[];
  checkRepository?(scan: RepositoryScan, facts: RepositoryFacts): Finding[];
}
