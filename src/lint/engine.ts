import {
  compareDiagnostics,
  type Diagnostic,
  type Finding,
  type Proposal,
  type RepositoryFacts,
  type Severity,
} from '../model/index.js';
import type { RepositoryScan, Rule } from '../rules/index.js';
import { effectiveSeverity, type SeverityOptions } from './settings.js';

/** Raw findings of one proposal, by rule id: what the cache stores, before severities apply. */
export type FindingsByRule = Record<string, Finding[]>;

/** Milliseconds spent per rule id (and loading, under LOAD_TIMING) in this thread, while timing is on. */
export type RuleTimings = Record<string, number>;

/** The timings key of loading and parsing a proposal's files. */
export const LOAD_TIMING = '(loading and parsing)';

let timings: RuleTimings | undefined;

/** Start recording how long each rule takes in this thread (`kep lint --timing`). */
export function startTiming(): void {
  timings = {};
}

/** The timings recorded in this thread so far (undefined when timing is off). */
export function recordedTimings(): RuleTimings | undefined {
  return timings;
}

/** Add to a timing (no-op while timing is off). */
export function addTiming(key: string, milliseconds: number): void {
  if (timings) timings[key] = (timings[key] ?? 0) + milliseconds;
}

/** Add another thread's timings to these. */
export function mergeTimings(into: RuleTimings, from: RuleTimings | undefined): void {
  for (const [key, value] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + value;
}

/** Run every rule on one proposal. Rules that throw become a diagnostic instead of killing the run. */
export function checkProposal(
  proposal: Proposal,
  facts: RepositoryFacts,
  rules: readonly Rule[],
): FindingsByRule {
  const found: FindingsByRule = {};
  for (const rule of rules) {
    if (!rule.check || (proposal.isTemplate && !rule.appliesToTemplates)) continue;
    const started = timings ? performance.now() : 0;
    const findings = safely(
      rule,
      () => rule.check!(proposal, facts),
      proposal.metadataFile?.file.path ?? proposal.dir,
    );
    if (timings) addTiming(rule.id, performance.now() - started);
    if (findings.length > 0) found[rule.id] = findings;
  }
  return found;
}

export function checkRepositoryScan(
  scan: RepositoryScan,
  facts: RepositoryFacts,
  rules: readonly Rule[],
): FindingsByRule {
  const found: FindingsByRule = {};
  for (const rule of rules) {
    if (!rule.checkRepository) continue;
    const findings = safely(
      rule,
      () => rule.checkRepository!(scan, facts),
      facts.profile.layout.proposalsRoot,
    );
    if (findings.length > 0) found[rule.id] = findings;
  }
  return found;
}

function safely(rule: Rule, run: () => Finding[], file: string): Finding[] {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ file, line: 1, column: 1, message: `internal error in rule ${rule.id}: ${reason}` }];
  }
}

export interface ApplyOptions extends SeverityOptions {
  /** `--release vX.Y`: the profile's gate rules become errors for proposals whose latest-milestone is it. */
  release?: string;
}

/** Turn raw findings into diagnostics with the configured severities. */
export function toDiagnostics(
  found: FindingsByRule,
  kep: number | null,
  rules: readonly Rule[],
  options: ApplyOptions,
  gated: { releaseGateRules: string[]; targetsRelease: boolean },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const findings = found[rule.id];
    if (!findings || (rule.releaseGateOnly && !options.release)) continue;
    let severity: Severity | null = effectiveSeverity(rule, options);
    if (severity !== null && gated.targetsRelease && gated.releaseGateRules.includes(rule.id))
      severity = 'error';
    if (severity === null) continue;
    for (const finding of findings) diagnostics.push({ rule: rule.id, severity, ...finding, kep });
  }
  return diagnostics;
}

export function sortDiagnostics<T extends Diagnostic>(diagnostics: T[]): T[] {
  return diagnostics.sort(compareDiagnostics);
}
