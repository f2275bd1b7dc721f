import type { Finding, Proposal, ReadProblem, RepositoryFacts, Severity } from '../model/index.js';

/** What repository-level rules see besides the facts: the layout problems found by the walk. */
export interface RepositoryScan {
  orphanReadmes: string[];
  problems: ReadProblem[];
}

/** One check, with the documentation that `kep rules` prints and the README lists. */
export interface Rule {
  /** `group/name`: a public contract, never renamed. */
  id: string;
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
  check?(proposal: Proposal, facts: RepositoryFacts): Finding[];
  checkRepository?(scan: RepositoryScan, facts: RepositoryFacts): Finding[];
}
