// `kep release vX.Y`: every KEP that targets a release (its latest-milestone is the release), with a verdict per
// freeze criterion of the release team, each decided by running the named lint rules on the KEP, the same
// rules `kep lint --release` gates; a rule that this build lacks is reported as skipped.
import {
  compareMilestones,
  eitherStatus,
  type Finding,
  isStopped,
  type ProcessProfile,
  type Proposal,
  parseMilestone,
  type RepositoryFacts,
  releaseStatuses,
  targetsRelease,
} from '../../model/index.js';

export type Freeze = 'enhancements' | 'code';
export type Verdict = 'pass' | 'fail' | 'skip';

export interface CriterionDefinition {
  id: string;
  title: string;
  /** The lint rules that decide it: it fails when any of them reports on the KEP. */
  rules: string[];
}

export interface CriterionResult {
  id: string;
  verdict: Verdict;
  /** The rule that decided the verdict: the first that reported, or (passed) every rule, comma-separated. */
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
  /** What makes it target the release: `latest-milestone`; in `planned` and `stopped`, `milestone.<stage>`. */
  targetedBy: string;
  owners: { authors: string[]; approvers: string[]; prrApprover: string | null };
  verdict: 'ready' | 'not ready';
  criteria: CriterionResult[];
  /** Its id: the number where it has one, else its path below the proposals root. */
  proposalId: string;
}

/** A proposal listed apart, not judged: stopped, or planned for the release without opting in. */
export type StoppedKep = Omit<ReleaseKep, 'owners' | 'verdict' | 'criteria'>;
/** A proposal whose stage milestone is the release but whose latest-milestone is not (yet): not opted in. */
export type PlannedKep = StoppedKep;

export interface ReleaseTotals {
  keps: number;
  ready: number;
  notReady: number;
}

export interface ReleaseReport {
  release: string;
  freeze: Freeze;
  /** The release treated as current (`--current`, default the release itself): an earlier release is judged as past. */
  currentRelease: string | null;
  criteria: CriterionDefinition[];
  keps: ReleaseKep[];
  /** Proposals whose stage milestone is the release but whose latest-milestone is older (or unset): not judged. */
  planned: PlannedKep[];
  /** Proposals targeting or planned for the release whose status means stopped (withdrawn, rejected, …): not judged. */
  stopped: StoppedKep[];
  totals: {
    all: ReleaseTotals;
    byStage: Record<string, ReleaseTotals>;
    bySig: Record<string, ReleaseTotals>;
  };
  notices: string[];
}

/** `releaseStatuses` moved to the model (the release rules need it too); kept here for callers of the report. */
export { releaseStatuses };

function statusCriterion(profile: ProcessProfile, freeze: Freeze): CriterionDefinition {
  const statuses = releaseStatuses(profile);
  return freeze === 'code'
    ? {
        id: 'status',
        title: `status is ${eitherStatus(statuses.codeFreeze)}`,
        rules: ['release/code-freeze-status'],
      }
    : { id: 'status', title: `status is ${eitherStatus(statuses.tracked)}`, rules: ['release/status'] };
}

const CRITERIA: Record<string, CriterionDefinition> = {
  latest: {
    id: 'latest-milestone',
    title: 'latest-milestone is the release, written as such',
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
  testPlan: { id: 'test-plan', title: 'the test plan is filled in', rules: ['release/test-plan'] },
  unresolved: { id: 'unresolved', title: 'no unresolved blocks', rules: ['readme/unresolved'] },
};

/** Every rule that decides a criterion of either freeze. */
export function releaseCriteriaRules(profile: ProcessProfile): string[] {
  const criteria = [...freezeCriteria('enhancements', profile), ...freezeCriteria('code', profile)];
  return [...new Set(criteria.flatMap((criterion) => criterion.rules))];
}

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

/** How a proposal stands to the release: targeted (judged) or planned (listed), with its stage there. */
export interface ReleaseTarget {
  kind: 'targeted' | 'planned';
  stage: string | null;
  targetedBy: string;
}

/**
 * Whether a proposal targets the release: its latest-milestone is the release (the release team's opt-in), at
 * its current stage. Else it is planned when the milestone of a stage (the latest such in the profile's stage
 * list) is the release while its latest-milestone is older, unset or not a version. Else undefined.
 */
export function releaseTarget(
  metadata: Pick<Proposal['metadata'], 'latestMilestone' | 'stage' | 'milestones'>,
  release: string,
  stages: readonly string[],
): ReleaseTarget | undefined {
  const { latestMilestone } = metadata;
  if (targetsRelease(latestMilestone, release))
    return { kind: 'targeted', stage: metadata.stage ?? null, targetedBy: 'latest-milestone' };
  // A KEP that has moved on past the release is neither: that release is behind it.
  if (parseMilestone(latestMilestone) && compareMilestones(latestMilestone!, release) > 0) return undefined;
  const matching = stages.filter((stage) => targetsRelease(metadata.milestones[stage], release));
  const stage = matching[matching.length - 1];
  return stage ? { kind: 'planned', stage, targetedBy: `milestone.${stage}` } : undefined;
}

/** The highest `vX.Y` among milestones. */
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
  /** Proposals targeting or planned for the release, README parsed, in report order. */
  proposals: Proposal[];
  /**
   * Facts whose `release` is the release being reported on (the rules judge KEPs targeting it), and whose
   * `currentRelease` is the release treated as current when later (`--current`): the release is then past.
   */
  facts: RepositoryFacts;
  /** The lint rules by id (the CLI passes the registry's lookup: query does not import the rules). */
  ruleById: (id: string) => ProposalCheck | undefined;
  /**
   * The findings a rule has on a proposal, when a lint of the repository under this release already has
   * them (the CLI's cached `kep lint --release`): the same answers without running the rules again.
   */
  findingsOf?: (proposal: Proposal, ruleId: string) => Finding[];
}

/** What the report needs of a lint rule: its per-proposal check, when it has one. */
export interface ProposalCheck {
  check?(proposal: Proposal, facts: RepositoryFacts): Finding[];
}

function listed(proposal: Proposal, target: ReleaseTarget): StoppedKep {
  const { metadata } = proposal;
  return {
    number: proposal.number,
    kepNumber: metadata.number ?? '',
    title: metadata.title ?? '',
    dir: proposal.dir,
    owningSig: metadata.owningGroup ?? '',
    status: metadata.status ?? '',
    latestMilestone: metadata.latestMilestone ?? '',
    stage: target.stage,
    targetedBy: target.targetedBy,
    proposalId: proposal.id,
  };
}

export function releaseReport(inputs: ReleaseInputs): ReleaseReport {
  const { release, freeze, facts } = inputs;
  const criteria = freezeCriteria(freeze, facts.profile);
  const planned: PlannedKep[] = [];
  const stopped: StoppedKep[] = [];
  const notices: string[] = [];
  const criteriaRules = [...new Set(criteria.flatMap((c) => c.rules))];
  const missingRules = criteriaRules.filter((id) => !inputs.ruleById(id));
  if (missingRules.length > 0)
    notices.push(`rules not in this build, their criteria are skipped: ${missingRules.join(', ')}`);
  const ungated = criteriaRules.filter((id) => !facts.profile.releaseGateRules.includes(id));
  if (freeze === 'enhancements' && ungated.length > 0)
    notices.push(
      `the profile's releaseGateRules leave out ${ungated.join(', ')}: kep lint --release ${release} does not gate them`,
    );
  if (!facts.prrApprovers && facts.profile.prr)
    notices.push('no PRR approver list (OWNERS_ALIASES): PRR approvers are not checked against it');

  const keps = inputs.proposals.flatMap((proposal): ReleaseKep[] => {
    const target = releaseTarget(proposal.metadata, release, facts.profile.metadata.stages);
    if (!target) return [];
    const { metadata } = proposal;
    if (isStopped(facts.profile, metadata.status)) {
      stopped.push(listed(proposal, target));
      return [];
    }
    if (target.kind === 'planned') {
      planned.push(listed(proposal, target));
      return [];
    }
    const results = criteria.map((criterion) => judge(proposal, criterion, inputs));
    return [
      {
        ...listed(proposal, target),
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
  if (keps.length === 0) notices.push(`no KEP targets ${release} (none has latest-milestone ${release})`);

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
    currentRelease: facts.currentRelease ?? release,
    criteria,
    keps,
    planned,
    stopped,
    totals,
    notices,
  };
}

function tally(): ReleaseTotals {
  return { keps: 0, ready: 0, notReady: 0 };
}

/**
 * A criterion's verdict: the findings of its rules on the proposal. It fails with the first finding's rule and
 * message when any rule reports, passes when none does, and is skipped when a rule is missing or throws.
 */
function judge(proposal: Proposal, criterion: CriterionDefinition, inputs: ReleaseInputs): CriterionResult {
  const { id, rules } = criterion;
  const found: { rule: string; finding: Finding }[] = [];
  for (const ruleId of rules) {
    const rule = inputs.ruleById(ruleId);
    if (!rule?.check)
      return { id, verdict: 'skip', rule: ruleId, reason: `rule ${ruleId} is not in this build` };
    try {
      const findings = inputs.findingsOf
        ? inputs.findingsOf(proposal, ruleId)
        : rule.check(proposal, inputs.facts);
      for (const finding of findings) found.push({ rule: ruleId, finding });
    } catch (error) {
      return {
        id,
        verdict: 'skip',
        rule: ruleId,
        reason: `rule ${ruleId} failed: ${(error as Error).message}`,
      };
    }
  }
  const first = found[0];
  if (!first) return { id, verdict: 'pass', rule: rules.join(', '), reason: 'no findings' };
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return {
    id,
    verdict: 'fail',
    rule: first.rule,
    reason: `${first.finding.message}${more}`,
    findings: found.map(({ finding }) => finding),
  };
}
