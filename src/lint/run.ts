// The checking half of linting: loads and parses proposals (yaml, markdown, schema), so it is imported lazily.
import { proposalDirectives } from '../load/directives.js';
import { loadFacts, loadProposal, type ProposalLoadOptions } from '../load/index.js';
import type { Proposal, RepositoryFacts } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import type { Rule } from '../rules/types.js';
import { addTiming, checkProposal, LOAD_TIMING, recordedTimings } from './engine.js';
import type { CheckedProposal, LintOptions, ProposalResult } from './types.js';

/** The rules to run: all of them, or the enabled ones by id (rules switched off are not run at all). */
function rulesNamed(ids: readonly string[] | undefined): readonly Rule[] {
  return ids ? allRules.filter((rule) => ids.includes(rule.id)) : allRules;
}

export function checkOne(
  facts: RepositoryFacts,
  dir: string,
  rules: readonly Rule[] = allRules,
  // `planned`: texts in place of the files (an editor's unsaved buffers), judged as the files would be.
  loadOptions: ProposalLoadOptions = {},
): { proposal: Proposal; result: CheckedProposal } {
  const started = recordedTimings() ? performance.now() : 0;
  const proposal = loadProposal(facts, dir, loadOptions);
  if (started) addTiming(LOAD_TIMING, performance.now() - started);
  facts.pathChecks = new Map();
  const found = checkProposal(proposal, facts, rules);
  const paths = facts.pathChecks.size > 0 ? Object.fromEntries(facts.pathChecks) : undefined;
  facts.pathChecks = undefined;
  const directives = proposal.isTemplate ? [] : proposalDirectives(proposal);
  return {
    proposal,
    result: {
      dir,
      kep: proposal.number,
      latestMilestone: proposal.metadata.latestMilestone,
      prrPath: proposal.prrPath,
      found,
      ...(paths ? { paths } : {}),
      ...(directives.length > 0 ? { directives } : {}),
    },
  };
}

/** Check proposals in this thread with freshly loaded facts. */
export function checkInProcess(
  root: string,
  layout: Parameters<typeof loadFacts>[1],
  options: LintOptions,
  dirs: string[],
  ruleIds?: readonly string[],
): ProposalResult[] {
  const facts = loadFacts(root, layout, options);
  const rules = rulesNamed(ruleIds);
  return dirs.map((dir) => checkOne(facts, dir, rules).result);
}

/**
 * Check proposals taken one at a time from a counter shared with other threads (`Atomics.add` hands each
 * index to exactly one thread), with facts loaded in this thread.
 */
export function checkFromQueue(
  root: string,
  layout: Parameters<typeof loadFacts>[1],
  options: LintOptions,
  dirs: readonly string[],
  ruleIds: readonly string[] | undefined,
  next: Int32Array,
): ProposalResult[] {
  const facts = loadFacts(root, layout, options);
  const rules = rulesNamed(ruleIds);
  const results: ProposalResult[] = [];
  for (let index = Atomics.add(next, 0, 1); index < dirs.length; index = Atomics.add(next, 0, 1))
    results.push(checkOne(facts, dirs[index]!, rules).result);
  return results;
}
