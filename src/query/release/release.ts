// `kep release vX.Y`: every KEP that targets a release, with a verdict per freeze criterion of the release
// team, each decided by a named rule. The README criteria run kepkit's lint rules by id on the KEP as if it
// targeted the release at its stage for that release; a rule that this build lacks is reported as skipped.
import type { Finding, ProcessProfile, Proposal, RepositoryFacts, Section } from '../../model/index.js';
import { compareMilestones, parseMilestone } from '../../model/milestone.js';

export type Freeze = 'enhancements' | 'code';
export type Verdict = 'pass' | 'fail' | 'skip';

export interface CriterionDefinition {
  id: string;
  title: string;
  /** The rules that decide it: lint rule ids, or `release/<id>` for checks of this report itself. */
  rules: string[];
}

export interface CriterionResult {
  id: string;
  verdict: Verdict;
  /** The rule that decided the verdict. */
  rule: string;
  /** Why, in one sentence. */
  reason: string;
  /** The rule's findings behind a failure (positions in the KEP's files). */
  findings?: Finding[];
}

export interface ReleaseKep {
  number: number | null;
  kepNumber: string;
  title: string;
  dir: string;
  owningSig: string;
  status: string;
  latestMilestone: string;
  /** The stage the KEP has in this release, or null when that cannot be told. */
  stage: string | null;
  /** What makes it target the release: `latest-milestone` or `milestone.<stage>`. */
  targetedBy: string;
  owners: { authors: string[]; approvers: string[]; prrApprover: string | null };
  verdict: 'ready' | 'not ready';
  criteria: CriterionResult[];
  /** Its id: the number where it has one, else its path below the proposals root. */
  proposalId: string;
}

/** A proposal that targets the release but whose status means stopped: listed apart, not judged. */
export type StoppedKep = Omit<ReleaseKep, 'owners' | 'verdict' | 'criteria'>;

export interface ReleaseTotals {
  keps: number;
  ready: number;
  notReady: number;
}

export interface ReleaseReport {
  release: string;
  freeze: Freeze;
  /** The repository's current release (config, else the highest latest-milestone): earlier releases are history. */
  currentRelease: string | null;
  criteria: CriterionDefinition[];
  keps: ReleaseKep[];
  /** Proposals targeting the release whose status means stopped (withdrawn, rejected, …): not judged. */
  stopped: StoppedKep[];
  totals: {
    all: ReleaseTotals;
    byStage: Record<string, ReleaseTotals>;
    bySig: Record<string, ReleaseTotals>;
  };
  notices: string[];
}

/** The Kubernetes template's test plan heading (matched by text, any level). */
const TEST_PLAN_HEADING = /^test plan$/i;

/** Statuses as a sentence: `a`, `a or b`, `a, b or c`. */
function either(statuses: readonly string[]): string {
  if (statuses.length <= 1) return statuses[0] ?? '(none)';
  return `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;
}

/** The statuses that pass the status criterion of each freeze: the profile's `release`, else by meaning. */
export function releaseStatuses(profile: ProcessProfile): { tracked: string[]; codeFreeze: string[] } {
  const meanings = profile.metadata.statusMeanings;
  const open = profile.metadata.statuses.filter((status) => meanings[status] === 'open');
  const done = profile.metadata.statuses.filter((status) => meanings[status] === 'done');
  return {
    tracked: profile.release?.trackedStatuses ?? open,
    codeFreeze: profile.release?.codeFreezeStatuses ?? [...open, ...done],
  };
}

function statusCriterion(profile: ProcessProfile, freeze: Freeze): CriterionDefinition {
  const statuses = releaseStatuses(profile);
  const wanted = freeze === 'code' ? statuses.codeFreeze : statuses.tracked;
  return { id: 'status', title: `status is ${either(wanted)}`, rules: ['release/status'] };
}

const CRITERIA: Record<string, CriterionDefinition> = {
  latest: {
    id: 'latest-milestone',
    title: 'latest-milestone is the release',
    rules: ['release/latest-milestone'],
  },
  stage: {
    id: 'stage-milestone',
    title: 'the milestone of the stage is set (the release, or an earlier one the KEP stays at)',
    rules: ['release/stage-milestone'],
  },
  prr: {
    id: 'prr-approval',
    title: 'the PRR file names a PRR approver for the stage',
    rules: ['prr/required', 'prr/approver'],
  },
  sections: {
    id: 'readme-sections',
    title: 'the README has the template’s sections',
    rules: ['readme/missing-section'],
  },
  questionnaire: {
    id: 'prr-questionnaire',
    title: 'the PRR questions the stage needs are answered',
    rules: ['prr/questionnaire'],
  },
  testPlan: {
    id: 'test-plan',
    title: 'the test plan is filled in',
    rules: ['readme/empty-section', 'readme/placeholder'],
  },
  unresolved: { id: 'unresolved', title: 'no unresolved blocks', rules: ['readme/unresolved'] },
};

/** The criteria of each freeze, in report order. */
export function freezeCriteria(freeze: Freeze, profile: ProcessProfile): CriterionDefinition[] {
  return freeze === 'code'
    ? [
        statusCriterion(profile, freeze),
        CRITERIA.latest!,
        CRITERIA.stage!,
        CRITERIA.prr!,
        CRITERIA.testPlan!,
        CRITERIA.unresolved!,
      ]
    : [
        statusCriterion(profile, freeze),
        CRITERIA.latest!,
        CRITERIA.stage!,
        CRITERIA.prr!,
        CRITERIA.sections!,
        CRITERIA.questionnaire!,
        CRITERIA.testPlan!,
        CRITERIA.unresolved!,
      ];
}

const sameRelease = (value: string | undefined, release: string): boolean =>
  value !== undefined && parseMilestone(value) !== undefined && compareMilestones(value, release) === 0;

/**
 * Whether a proposal targets the release, and its stage there: with latest-milestone equal to the release,
 * its current stage; else the (latest, in the profile's stage list) stage whose milestone is the release.
 */
export function releaseTarget(
  metadata: Pick<Proposal['metadata'], 'latestMilestone' | 'stage' | 'milestones'>,
  release: string,
  stages: readonly string[],
): { stage: string | null; targetedBy: string } | undefined {
  if (sameRelease(metadata.latestMilestone, release))
    return { stage: metadata.stage ?? null, targetedBy: 'latest-milestone' };
  const matching = stages.filter((stage) => sameRelease(metadata.milestones[stage], release));
  const stage = matching[matching.length - 1];
  return stage ? { stage, targetedBy: `milestone.${stage}` } : undefined;
}

/** The highest `vX.Y` among milestones (the repository's current release when none is configured). */
export function highestMilestone(values: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const value of values) {
    if (!value || !parseMilestone(value)) continue;
    if (!best || compareMilestones(value, best) > 0) best = value;
  }
  return best;
}

export interface ReleaseInputs {
  release: string;
  freeze: Freeze;
  /** The repository's current release; a release before it is judged as history (see the status criterion). */
  currentRelease?: string;
  /** Proposals targeting the release, README parsed, in report order. */
  proposals: Proposal[];
  /** Facts whose `release` is the release being reported on (README rules gate on it). */
  facts: RepositoryFacts;
  /** The lint rules by id (the CLI passes the registry's lookup: query does not import the rules). */
  ruleById: (id: string) => ProposalCheck | undefined;
}

/** What the report needs of a lint rule: its per-proposal check, when it has one. */
export interface ProposalCheck {
  check?(proposal: Proposal, facts: RepositoryFacts): Finding[];
}

export function releaseReport(inputs: ReleaseInputs): ReleaseReport {
  const { release, freeze, facts } = inputs;
  const criteria = freezeCriteria(freeze, facts.profile);
  const meanings = facts.profile.metadata.statusMeanings;
  const stopped: StoppedKep[] = [];
  const notices: string[] = [];
  const missingRules = [...new Set(criteria.flatMap((c) => c.rules))].filter(
    (id) => !id.startsWith('release/') && !inputs.ruleById(id),
  );
  if (missingRules.length > 0)
    notices.push(`rules not in this build, their criteria are skipped: ${missingRules.join(', ')}`);
  if (!facts.prrApprovers && facts.profile.prr)
    notices.push('no PRR approver list (OWNERS_ALIASES): PRR approvers are not checked against it');

  const keps = inputs.proposals.flatMap((proposal): ReleaseKep[] => {
    const target = releaseTarget(proposal.metadata, release, facts.profile.metadata.stages);
    if (!target) return [];
    const { metadata } = proposal;
    if (metadata.status !== undefined && meanings[metadata.status] === 'stopped') {
      stopped.push({
        number: proposal.number,
        kepNumber: metadata.number ?? '',
        title: metadata.title ?? '',
        dir: proposal.dir,
        owningSig: metadata.owningGroup ?? '',
        status: metadata.status,
        latestMilestone: metadata.latestMilestone ?? '',
        stage: target.stage,
        targetedBy: target.targetedBy,
        proposalId: proposal.id,
      });
      return [];
    }
    const judge = new Judge(proposal, target.stage, inputs);
    const results = criteria.map((criterion) => judge.criterion(criterion));
    return [
      {
        number: proposal.number,
        kepNumber: metadata.number ?? '',
        title: metadata.title ?? '',
        dir: proposal.dir,
        owningSig: metadata.owningGroup ?? '',
        status: metadata.status ?? '',
        latestMilestone: metadata.latestMilestone ?? '',
        stage: target.stage,
        targetedBy: target.targetedBy,
        owners: {
          authors: metadata.authors,
          approvers: metadata.approvers,
          prrApprover: (target.stage && proposal.prr?.approvers[target.stage]) || null,
        },
        verdict: results.some((result) => result.verdict === 'fail') ? 'not ready' : 'ready',
        criteria: results,
        proposalId: proposal.id,
      },
    ];
  });

  const totals = {
    all: tally(),
    byStage: {} as Record<string, ReleaseTotals>,
    bySig: {} as Record<string, ReleaseTotals>,
  };
  for (const kep of keps) {
    const ready = kep.verdict === 'ready';
    const stage = kep.stage ?? '(none)';
    const sig = kep.owningSig || '(none)';
    totals.byStage[stage] ??= tally();
    totals.bySig[sig] ??= tally();
    for (const bucket of [totals.all, totals.byStage[stage], totals.bySig[sig]]) {
      bucket.keps++;
      if (ready) bucket.ready++;
      else bucket.notReady++;
    }
  }
  return {
    release,
    freeze,
    currentRelease: inputs.currentRelease ?? null,
    criteria,
    keps,
    stopped,
    totals,
    notices,
  };
}

function tally(): ReleaseTotals {
  return { keps: 0, ready: 0, notReady: 0 };
}

/** Judges one proposal against the criteria. */
class Judge {
  private readonly facts: RepositoryFacts;
  private readonly release: string;
  private readonly freeze: Freeze;
  /** The proposal as if it targeted the release at its stage there: what the README rules are run on. */
  private readonly targeting: Proposal;
  private readonly history: boolean;

  constructor(
    private readonly proposal: Proposal,
    private readonly stage: string | null,
    private readonly inputs: ReleaseInputs,
  ) {
    this.facts = inputs.facts;
    this.release = inputs.release;
    this.freeze = inputs.freeze;
    this.targeting = {
      ...proposal,
      metadata: { ...proposal.metadata, latestMilestone: inputs.release, stage: stage ?? undefined },
    };
    // A release before the repository's current one is history: the KEP may have moved on since.
    this.history =
      inputs.currentRelease !== undefined &&
      parseMilestone(inputs.currentRelease) !== undefined &&
      compareMilestones(inputs.release, inputs.currentRelease) < 0;
  }

  criterion(definition: CriterionDefinition): CriterionResult {
    switch (definition.id) {
      case 'status':
        return this.status();
      case 'latest-milestone':
        return this.latestMilestone();
      case 'stage-milestone':
        return this.stageMilestone();
      case 'prr-approval':
        return this.prrApproval();
      case 'readme-sections':
        return this.byRules(definition.id, ['readme/missing-section']);
      case 'prr-questionnaire':
        if (!this.stage)
          return this.skip(definition.id, 'prr/questionnaire', 'no stage to judge the questions for');
        return this.byRules(definition.id, ['prr/questionnaire']);
      case 'test-plan':
        return this.testPlan();
      case 'unresolved':
        return this.byRules(definition.id, ['readme/unresolved']);
      default:
        return this.skip(definition.id, `release/${definition.id}`, 'unknown criterion');
    }
  }

  private pass(id: string, rule: string, reason: string): CriterionResult {
    return { id, verdict: 'pass', rule, reason };
  }
  private fail(id: string, rule: string, reason: string, findings?: Finding[]): CriterionResult {
    return findings ? { id, verdict: 'fail', rule, reason, findings } : { id, verdict: 'fail', rule, reason };
  }
  private skip(id: string, rule: string, reason: string): CriterionResult {
    return { id, verdict: 'skip', rule, reason };
  }

  /** How latest-milestone relates to the release: equal, later (moved on), earlier, or unusable. */
  private latestRelation(): 'same' | 'later' | 'earlier' | 'unset' | 'invalid' {
    const latest = this.proposal.metadata.latestMilestone;
    if (!latest) return 'unset';
    if (!parseMilestone(latest)) return 'invalid';
    const order = compareMilestones(latest, this.release);
    return order === 0 ? 'same' : order > 0 ? 'later' : 'earlier';
  }

  private status(): CriterionResult {
    const id = 'status';
    const rule = 'release/status';
    const status = this.proposal.metadata.status;
    const key = this.facts.profile.metadata.keys.status;
    const statuses = releaseStatuses(this.facts.profile);
    const accepted = this.freeze === 'code' ? statuses.codeFreeze : statuses.tracked;
    const wanted = either(accepted);
    if (!status) return this.fail(id, rule, `"${key}" is not set; it must be ${wanted}`);
    const implemented = this.facts.profile.metadata.implementedStatus?.status;
    if (this.freeze === 'enhancements' && statuses.tracked.includes(status))
      return this.pass(id, rule, `status is ${status}`);
    if (status === implemented || (this.freeze === 'code' && accepted.includes(status))) {
      if (this.freeze === 'code' && accepted.includes(status))
        return this.pass(id, rule, `status is ${status}`);
      // Looking back at a past release, implemented means the work shipped; in the current one it is early.
      const relation = this.latestRelation();
      if (this.history && (relation === 'same' || relation === 'later'))
        return this.pass(id, rule, `status is ${status}: the work for ${this.release} has shipped`);
      return this.fail(
        id,
        rule,
        `status is ${status}, but a KEP tracked for ${this.release} must be ${wanted}`,
      );
    }
    return this.fail(id, rule, `status is ${status}; it must be ${wanted}`);
  }

  private latestMilestone(): CriterionResult {
    const id = 'latest-milestone';
    const rule = 'release/latest-milestone';
    const latest = this.proposal.metadata.latestMilestone;
    const key = this.facts.profile.metadata.keys.latestMilestone;
    switch (this.latestRelation()) {
      case 'same':
        return this.pass(id, rule, `${key} is ${latest}`);
      case 'later':
        return this.history
          ? this.pass(id, rule, `${key} is ${latest}: the KEP has moved on since ${this.release}`)
          : this.fail(id, rule, `${key} is ${latest}: the KEP no longer targets ${this.release}`);
      case 'earlier':
        return this.fail(id, rule, `${key} is ${latest}, before ${this.release}: set it to ${this.release}`);
      case 'invalid':
        return this.fail(id, rule, `${key} "${latest}" is not a version: set it to ${this.release}`);
      default:
        return this.fail(id, rule, `${key} is not set: set it to ${this.release}`);
    }
  }

  private stageMilestone(): CriterionResult {
    const id = 'stage-milestone';
    const rule = 'release/stage-milestone';
    const { keys, stages } = this.facts.profile.metadata;
    if (!this.stage)
      return this.fail(id, rule, `"${keys.stage}" is not set: name the stage targeted in ${this.release}`);
    if (!stages.includes(this.stage))
      return this.fail(id, rule, `stage "${this.stage}" is not one of ${stages.join(', ')}`);
    const milestone = this.proposal.metadata.milestones[this.stage];
    const field = `${keys.milestones}.${this.stage}`;
    if (!milestone) return this.fail(id, rule, `${field} is not set: set it to ${this.release}`);
    if (!parseMilestone(milestone)) return this.fail(id, rule, `${field} "${milestone}" is not a version`);
    const order = compareMilestones(milestone, this.release);
    if (order === 0) return this.pass(id, rule, `${field} is ${milestone}`);
    // A KEP may change within a stage it reached earlier (a beta KEP reworked in a later release): the
    // stage's milestone stays the release that reached it.
    if (order < 0)
      return this.pass(id, rule, `${field} is ${milestone}: the KEP stays ${this.stage} in ${this.release}`);
    return this.fail(id, rule, `${field} is ${milestone}, after ${this.release}`);
  }

  private prrApproval(): CriterionResult {
    const id = 'prr-approval';
    const { prr, keys } = { prr: this.facts.profile.prr, keys: this.facts.profile.metadata.keys };
    if (!prr) return this.skip(id, 'prr/required', 'the process has no production readiness review');
    if (compareMilestones(this.release, prr.requiredFromMilestone) < 0)
      return this.skip(id, 'prr/required', `PRR approvals are required from ${prr.requiredFromMilestone} on`);
    const file = this.proposal.prrPath;
    if (!file)
      return this.fail(
        id,
        'prr/required',
        `cannot locate the PRR file: "${keys.owningGroup}" or "${keys.number}" is not set`,
      );
    const approval = this.proposal.prr;
    if (!approval) {
      const problem = this.proposal.problems.find((p) => p.path === file);
      return this.fail(id, 'prr/required', problem ? `${file}: ${problem.message}` : `${file} is missing`);
    }
    if (approval.issues.length > 0)
      return this.fail(
        id,
        'prr/approver',
        `${file}: ${approval.issues.map((issue) => issue.message).join('; ')}`,
      );
    if (!this.stage) return this.fail(id, 'prr/approver', 'no stage to look the PRR approver up for');
    const approver = approval.approvers[this.stage];
    if (!approver) return this.fail(id, 'prr/approver', `${file} names no PRR approver for ${this.stage}`);
    const approvers = this.facts.prrApprovers;
    if (approvers && !approvers.names.has(approver.replace(/^@/, '')))
      return this.fail(
        id,
        'prr/approver',
        `${approver} (${this.stage}) is not a PRR approver in ${approvers.source}`,
      );
    return this.pass(id, 'prr/approver', `${file}: ${this.stage} approved by ${approver}`);
  }

  /** Findings of the rules (with the id of each) on the proposal as targeting the release, or why they cannot run. */
  private run(
    ruleIds: string[],
  ): { found: { rule: string; finding: Finding }[] } | { skip: string; rule: string } {
    const found: { rule: string; finding: Finding }[] = [];
    for (const ruleId of ruleIds) {
      const rule = this.inputs.ruleById(ruleId);
      if (!rule?.check) return { skip: `rule ${ruleId} is not in this build`, rule: ruleId };
      try {
        for (const finding of rule.check(this.targeting, this.facts)) found.push({ rule: ruleId, finding });
      } catch (error) {
        return { skip: `rule ${ruleId} failed: ${(error as Error).message}`, rule: ruleId };
      }
    }
    return { found };
  }

  /** Fail with the first finding's rule and message, or pass. */
  private verdict(
    id: string,
    ruleIds: string[],
    found: { rule: string; finding: Finding }[],
    passed: string,
  ): CriterionResult {
    const first = found[0];
    if (!first) return this.pass(id, ruleIds.join(', '), passed);
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    return this.fail(
      id,
      first.rule,
      `${first.finding.message}${more}`,
      found.map(({ finding }) => finding),
    );
  }

  private byRules(id: string, ruleIds: string[]): CriterionResult {
    if (!this.proposal.readme) return this.fail(id, ruleIds[0]!, `no README (${this.proposal.readmePath})`);
    const outcome = this.run(ruleIds);
    if ('skip' in outcome) return this.skip(id, outcome.rule, outcome.skip);
    return this.verdict(id, ruleIds, outcome.found, 'no findings');
  }

  private testPlan(): CriterionResult {
    const id = 'test-plan';
    const ruleIds = ['readme/empty-section', 'readme/placeholder'];
    const doc = this.proposal.readme;
    if (!doc) return this.fail(id, ruleIds[0]!, `no README (${this.proposal.readmePath})`);
    const sections = testPlanSections(doc.sections, this.facts.template?.sections);
    if (sections.length === 0)
      return this.fail(id, 'readme/missing-section', 'the README has no "Test Plan" section');
    const outcome = this.run(ruleIds);
    if ('skip' in outcome) return this.skip(id, outcome.rule, outcome.skip);
    // The test plan's lines and subsections, and its enclosing headings (an empty parent is reported once).
    const ranges = sections.map((at) => ({
      start: doc.sections[at]!.line,
      end: subtreeEnd(doc.sections, at),
    }));
    const ancestors = new Set<number>();
    for (const at of sections)
      for (let parent = doc.sections[at]!.parent; parent >= 0; parent = doc.sections[parent]!.parent)
        ancestors.add(doc.sections[parent]!.line);
    const inside = outcome.found.filter(
      ({ finding }) =>
        ranges.some((range) => finding.line >= range.start && finding.line <= range.end) ||
        ancestors.has(finding.line),
    );
    const first = doc.sections[sections[0]!]!;
    const passed = TEST_PLAN_HEADING.test(first.heading)
      ? `"${first.heading}" is filled in`
      : `the test plan's subsections are filled in (the "Test Plan" heading itself is missing)`;
    return this.verdict(id, ruleIds, inside, passed);
  }
}

/**
 * The README sections holding the test plan: its "Test Plan" section, else (a README that dropped the heading
 * but kept its content) the sections named like the template's Test Plan subsections.
 */
function testPlanSections(sections: Section[], template: Section[] | undefined): number[] {
  const heading = sections.findIndex((section) => !section.nested && TEST_PLAN_HEADING.test(section.heading));
  if (heading >= 0) return [heading];
  const at = template?.findIndex((section) => TEST_PLAN_HEADING.test(section.heading)) ?? -1;
  if (!template || at < 0) return [];
  const names = new Set<string>();
  const end = subtreeEnd(template, at);
  for (const section of template.slice(at + 1)) {
    if (section.line > end) break;
    names.add(section.heading.toLowerCase());
  }
  return sections.flatMap((section, index) =>
    !section.nested && names.has(section.heading.toLowerCase()) ? [index] : [],
  );
}

/** 1-based last line of a section's subtree (up to the next heading at its level or above). */
function subtreeEnd(sections: Section[], index: number): number {
  const level = sections[index]!.level;
  for (let next = index + 1; next < sections.length; next++) {
    const section = sections[next]!;
    if (!section.nested && section.level <= level) return section.line - 1;
  }
  return Number.MAX_SAFE_INTEGER;
}
