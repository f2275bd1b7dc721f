import {
  type LoadOptions,
  latestRelease,
  loadFacts,
  loadProposal,
  type RepositoryLayout,
  walkRepository,
} from '../load/index.js';
import type { Diagnostic, Proposal, RepositoryFacts } from '../model/index.js';
import { allRules } from '../rules/index.js';
import {
  type ApplyOptions,
  checkProposal,
  checkRepositoryScan,
  type FindingsByRule,
  sortDiagnostics,
  toDiagnostics,
} from './engine.js';

/** What linting one proposal yields, before severities: the unit that workers return and the cache keeps. */
export interface ProposalResult {
  dir: string;
  kep: number | null;
  latestMilestone?: string;
  found: FindingsByRule;
}

export interface LintOptions extends LoadOptions, ApplyOptions {
  /** Repo-relative paths (files or directories) to restrict the run to; all proposals when empty. */
  paths?: string[];
}

export interface LintResult {
  diagnostics: Diagnostic[];
  notices: string[];
  proposalsChecked: number;
  /** The release used for time-dependent rules. */
  release?: string;
}

export function checkOne(
  facts: RepositoryFacts,
  dir: string,
): { proposal: Proposal; result: ProposalResult } {
  const proposal = loadProposal(facts, dir);
  return {
    proposal,
    result: {
      dir,
      kep: proposal.number,
      latestMilestone: proposal.metadata.latestMilestone,
      found: checkProposal(proposal, facts, allRules),
    },
  };
}

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

/** Lint a repository in this thread (the cached, parallel entry point builds on the same pieces). */
export function lintInProcess(root: string, options: LintOptions): LintResult {
  const layout = walkRepository(root, options.profile);
  const facts = loadFacts(root, layout, options);
  const selected = selectedBy(options.paths);
  const results = layout.proposalDirs.filter(selected).map((dir) => checkOne(facts, dir).result);
  return finish(layout, facts, results, options);
}

export function finish(
  layout: RepositoryLayout,
  facts: RepositoryFacts,
  results: ProposalResult[],
  options: LintOptions,
): LintResult {
  const selected = selectedBy(options.paths);
  const release =
    facts.release ??
    latestRelease(results.map((r) => ({ metadata: { latestMilestone: r.latestMilestone } }) as Proposal));
  const gateRules = facts.profile.releaseGateRules;
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    diagnostics.push(
      ...toDiagnostics(result.found, result.kep, allRules, options, {
        releaseGateRules: gateRules,
        targetsRelease: options.release !== undefined && result.latestMilestone === options.release,
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
    release,
  };
}
