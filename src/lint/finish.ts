import type { RepositoryLayout } from '../load/walk.js';
import {
  type Diagnostic,
  type RepositoryFacts,
  type SuppressedDiagnostic,
  targetsRelease,
} from '../model/index.js';
import { allRules } from '../rules/registry.js';
import { checkRepositoryScan, sortDiagnostics, toDiagnostics } from './engine.js';
import { isWithin } from './select.js';
import { applyDirectives, directivesOf } from './suppress.js';
import type { LintOptions, LintResult, ProposalResult } from './types.js';

/** Whether a repo-relative path falls under one of the selected paths (or holds one). */
export function selectedBy(paths: string[] | undefined): (candidate: string) => boolean {
  if (!paths || paths.length === 0) return () => true;
  const prefixes = paths.map((p) => p.replace(/\/+$/, ''));
  return (candidate) => prefixes.some((prefix) => isWithin(candidate, prefix) || isWithin(prefix, candidate));
}

/** Apply severities and inline suppressions to per-proposal results, run the repository-level rules, and sort. */
export function finish(
  layout: RepositoryLayout,
  facts: RepositoryFacts,
  results: ProposalResult[],
  options: LintOptions,
): LintResult {
  const selected = selectedBy(options.paths);
  const gateRules = facts.profile.releaseGateRules;
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const result of results) {
    const found = toDiagnostics(result.found, result.kep, allRules, options, {
      releaseGateRules: gateRules,
      targetsRelease: targetsRelease(result.latestMilestone, options.release),
    });
    const directives = directivesOf(result);
    if (!directives) {
      diagnostics.push(...found);
      continue;
    }
    const inline = applyDirectives(found, directives, allRules, options, result.kep);
    diagnostics.push(...inline.kept, ...inline.reports);
    suppressed.push(...inline.suppressed);
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
    suppressed: sortDiagnostics(suppressed),
    notices: facts.notices,
    proposalsChecked: results.length,
    release: facts.release,
  };
}
