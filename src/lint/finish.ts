import type { RepositoryLayout } from '../load/walk.js';
import { type Diagnostic, type RepositoryFacts, targetsRelease } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import { checkRepositoryScan, sortDiagnostics, toDiagnostics } from './engine.js';
import type { LintOptions, LintResult, ProposalResult } from './types.js';

/** Whether a repo-relative path falls under one of the selected paths. */
export function selectedBy(paths: string[] | undefined): (candidate: string) => boolean {
  if (!paths || paths.length === 0) return () => true;
  const prefixes = paths.map((p) => p.replace(/\/+$/, ''));
  return (candidate) =>
    prefixes.some(
      (prefix) =>
        prefix === '' ||
        prefix === '.' ||
        candidate === prefix ||
        candidate.startsWith(`${prefix}/`) ||
        prefix.startsWith(`${candidate}/`),
    );
}

/** Apply severities to per-proposal results, run the repository-level rules, and sort. */
export function finish(
  layout: RepositoryLayout,
  facts: RepositoryFacts,
  results: ProposalResult[],
  options: LintOptions,
): LintResult {
  const selected = selectedBy(options.paths);
  const gateRules = facts.profile.releaseGateRules;
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    diagnostics.push(
      ...toDiagnostics(result.found, result.kep, allRules, options, {
        releaseGateRules: gateRules,
        targetsRelease: targetsRelease(result.latestMilestone, options.release),
      }),
    );
  }
  const scan = {
    orphanReadmes: layout.orphanReadmes.filter(selected),
    problems: layout.problems.filter((problem) => selected(problem.path)),
  };
  diagnostics.push(
    ...toDiagnostics(checkRepositoryScan(scan, facts, allRules), null, allRules, options, {
      releaseGateRules: [],
      targetsRelease: false,
    }),
  );
  return {
    diagnostics: sortDiagnostics(diagnostics),
    notices: facts.notices,
    proposalsChecked: results.length,
    release: facts.release,
  };
}
