// Every plan is linted before it is written: the proposal as it would be, against the proposal as it is. A
// plan that adds an error, or a finding on a line of metadata it sets, is refused unless forced.
import { diffLines } from 'diff';
import { checkProposal, toDiagnostics } from '../lint/engine.js';
import { effectiveSeverity } from '../lint/settings.js';
import { loadProposal } from '../load/proposal.js';
import { compareDiagnostics, type Diagnostic, type RepositoryFacts } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import type { Plan } from './plan.js';
import type { Workspace } from './workspace.js';

export interface PlanCheck {
  /** The proposal's findings once the plan is written. */
  after: Diagnostic[];
  /** Those it did not have before. */
  added: Diagnostic[];
  /** The added findings that refuse the write: errors, and findings on metadata lines the plan changes. */
  blocking: Diagnostic[];
}

/** Lint the proposal of a plan as planned (nothing is written) and compare with it as it is. */
export function checkPlan(ws: Workspace, plan: Plan): PlanCheck {
  const { profile } = ws.options;
  const rules = allRules.filter((rule) => effectiveSeverity(rule, { ...ws.options, profile }) !== null);
  const severityOptions = { rules: ws.options.rules };
  const gated = { releaseGateRules: profile.releaseGateRules, targetsRelease: false };
  const diagnose = (facts: RepositoryFacts, planned?: ReadonlyMap<string, string>): Diagnostic[] => {
    const proposal = loadProposal(facts, plan.proposal, planned ? { planned } : {});
    const found = checkProposal(proposal, facts, rules);
    return toDiagnostics(found, proposal.number, rules, severityOptions, gated).sort(compareDiagnostics);
  };
  const exists = ws.layout.proposalDirs.includes(plan.proposal);
  const before = exists ? diagnose(ws.facts) : [];
  const planned = new Map(plan.files.map((file) => [file.path, file.after]));
  const facts: RepositoryFacts = exists
    ? ws.facts
    : {
        ...ws.facts,
        files: new Set([...ws.facts.files, ...planned.keys()]),
        proposalDirs: new Set([...ws.facts.proposalDirs, plan.proposal]),
      };
  const after = diagnose(facts, planned);
  const seen = new Map<string, number>();
  const keyOf = (d: Diagnostic) => `${d.rule}\u0000${d.file}\u0000${d.message}`;
  for (const diagnostic of before) seen.set(keyOf(diagnostic), (seen.get(keyOf(diagnostic)) ?? 0) + 1);
  const added = after.filter((diagnostic) => {
    const count = seen.get(keyOf(diagnostic)) ?? 0;
    if (count === 0) return true;
    seen.set(keyOf(diagnostic), count - 1);
    return false;
  });
  const changedLines = new Map(plan.files.map((file) => [file.path, linesChanged(file.before, file.after)]));
  const metadataFiles = new Set(plan.metadataFiles);
  const blocking = added.filter(
    (diagnostic) =>
      diagnostic.severity === 'error' ||
      (metadataFiles.has(diagnostic.file) &&
        changedLines.get(diagnostic.file)?.has(diagnostic.line) === true),
  );
  return { after, added, blocking };
}

/** 1-based lines of `after` that are not lines of `before` (all of them for a new file). */
function linesChanged(before: string | null, after: string): Set<number> {
  const changed = new Set<number>();
  if (before === after) return changed;
  let line = 1;
  for (const part of diffLines(before ?? '', after)) {
    const count = part.count ?? part.value.split('\n').length - 1;
    if (part.removed) continue;
    if (part.added) for (let i = 0; i < count; i++) changed.add(line + i);
    line += count;
  }
  return changed;
}
