import type { RepositoryLayout } from '../load/walk.js';
import { compareMilestones, type Diagnostic, parseMilestone, type RepositoryFacts } from '../model/index.js';
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

/** Whether a latest-milestone is the gated release, compared as versions (`1.37` is `v1.37`). */
function targets(latestMilestone: string | undefined, release: string | undefined): boolean {
  if (!latestMilestone || !release || !parseMilestone(latestMilestone)) return false;
  return compareMilestones(latestMilestone, release) === 0;
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
        targetsRelease: targets(result.latestMilestone, options.release),
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
