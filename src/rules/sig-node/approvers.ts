import type { Finding, Proposal, RepositoryFacts } from '../../model/index.js';
import { atMetadataKey, atMetadataValue, atYaml, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

/** SIG Node's approver policy (upstream pkg/nodeapprovers): this rule's options in the profile (`rules.sig-node/approvers`). */
interface NodeApprovers {
  /** The group whose directory (`<proposalsRoot>/<owningGroup>/`) holds the proposals under the tech-lead rule. */
  owningGroup: string;
  /** OWNERS_ALIASES alias whose members are the group's tech leads. */
  techLeadsAlias: string;
  /** YAML line comment marking an assigned approver in the metadata's approvers list. */
  assignedMarker: string;
  /** YAML line comment marking an assigned reviewer in the metadata's reviewers list. */
  assignedReviewerMarker: string;
  /** File in the proposal directory that must list exactly the assigned reviewers and approvers. */
  ownersFile: string;
  /** The tech-lead rule applies from this release on (compared by minor version, as upstream does). */
  fromMilestone: string;
  /** Statuses of proposals that are no longer active: the tech-lead rule skips them. */
  inactiveStatuses: string[];
  /** While a proposal is actively in this stage, it needs a tech lead and may not use the marker. */
  techLeadStage: string;
}

const TEXT_OPTIONS = [
  'owningGroup',
  'techLeadsAlias',
  'assignedMarker',
  'assignedReviewerMarker',
  'ownersFile',
  'fromMilestone',
  'techLeadStage',
] as const;

/** The profile's options for this rule, when it gives them all with the right types; else the rule does not apply. */
function policyOf(facts: RepositoryFacts): NodeApprovers | undefined {
  const options = facts.profile.ruleOptions['sig-node/approvers'];
  if (!options) return undefined;
  const complete =
    TEXT_OPTIONS.every((key) => typeof options[key] === 'string') &&
    Array.isArray(options.inactiveStatuses) &&
    options.inactiveStatuses.every((status) => typeof status === 'string');
  return complete ? (options as unknown as NodeApprovers) : undefined;
}

/** GitHub handles are case-insensitive; kep.yaml writes `@name`, OWNERS writes `name`. */
export function normalizeUser(name: string): string {
  const trimmed = name.trim();
  return (trimmed.startsWith('@') ? trimmed.slice(1) : trimmed).toLowerCase();
}

/**
 * Upstream's `parseMilestoneMinor`: the minor number of `v1.36`, `"1.36"` or `v1.36.0`; 0 when there is
 * none. Only the minor counts, exactly as upstream compares releases.
 */
export function milestoneMinor(milestone: string | undefined): number {
  if (!milestone) return 0;
  const parts = milestone
    .replace(/^"+|"+$/g, '')
    .trim()
    .replace(/^v/, '')
    .split('.');
  if (parts.length < 2 || !/^[+-]?\d+$/.test(parts[1]!)) return 0;
  return Number(parts[1]);
}

/** A metadata list entry that is a scalar (upstream skips mappings and lists inside the list). */
interface Entry {
  index: number;
  user: string;
  marked: boolean;
}

function entries(proposal: Proposal, key: string, marker: string): Entry[] {
  const list = rawMetadata(proposal)?.[key];
  if (!Array.isArray(list)) return [];
  const doc = proposal.metadataFile!;
  // Reading a line comment needs the full YAML parse: skip it when the marker is nowhere in the file.
  const mayBeMarked = doc.file.text.includes(marker);
  const out: Entry[] = [];
  list.forEach((item, index) => {
    if (item !== null && typeof item !== 'string') return;
    out.push({
      index,
      user: normalizeUser(item ?? ''),
      marked: mayBeMarked && doc.lineComment([key, index]) === marker,
    });
  });
  return out;
}

/** Upstream's `VerifyKEP`: the assigned reviewers and approvers are exactly those of the OWNERS file. */
function checkAssignments(proposal: Proposal, facts: RepositoryFacts, policy: NodeApprovers): Finding[] {
  const keys = facts.profile.metadata.keys;
  const roles = [
    { role: 'reviewer', key: keys.reviewers, marker: policy.assignedReviewerMarker, owners: 'reviewers' },
    { role: 'approver', key: keys.approvers, marker: policy.assignedMarker, owners: 'approvers' },
  ] as const;
  const assigned = roles.map((role) =>
    entries(proposal, role.key, role.marker).filter((entry) => entry.marked),
  );
  const file = `${proposal.dir}/${policy.ownersFile}`;
  const owners = facts.ownersFile(file);
  const findings: Finding[] = [];
  if (owners.kind === 'missing') {
    roles.forEach((role, which) => {
      for (const entry of assigned[which]!) {
        findings.push(
          atMetadataValue(
            proposal,
            [role.key, entry.index],
            `assigned ${role.role} "${entry.user}" needs an ${policy.ownersFile} file beside the metadata (${file} not found)`,
          ),
        );
      }
    });
    return findings;
  }
  if (owners.kind === 'broken') return [{ file: owners.file, ...owners.position, message: owners.message }];
  roles.forEach((role, which) => {
    const listed = new Set(owners[role.owners].map(normalizeUser));
    for (const entry of assigned[which]!) {
      if (listed.has(entry.user)) continue;
      findings.push(
        atMetadataValue(
          proposal,
          [role.key, entry.index],
          `assigned ${role.role} "${entry.user}" is not listed under ${role.owners} in ${file}`,
        ),
      );
    }
  });
  roles.forEach((role, which) => {
    const marked = new Set(assigned[which]!.map((entry) => entry.user));
    for (const [index, name] of owners[role.owners].entries()) {
      const user = normalizeUser(name);
      if (marked.has(user)) continue;
      findings.push(
        atYaml(
          owners.doc,
          file,
          [role.owners, index],
          `${role.role} "${user}" is listed in ${policy.ownersFile} but not marked # ${role.marker} in ${proposal.metadataFile!.file.path}`,
        ),
      );
    }
  });
  return findings;
}

/** Upstream's `VerifyTechLeadApprovers`, with the upcoming release taken from the facts, not from GitHub. */
function checkTechLeads(proposal: Proposal, facts: RepositoryFacts, policy: NodeApprovers): Finding[] {
  const root = facts.profile.layout.proposalsRoot;
  if (!proposal.dir.startsWith(`${root}/${policy.owningGroup}/`)) return [];
  const data = rawMetadata(proposal)!;
  const keys = facts.profile.metadata.keys;
  const scalar = (key: string): string => {
    const value = data[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  if (policy.inactiveStatuses.includes(scalar(keys.status))) return [];
  const latest = scalar(keys.latestMilestone);
  // A missing or unparseable milestone counts as 0: legacy KEPs that predate the policy.
  if (milestoneMinor(latest) < milestoneMinor(policy.fromMilestone)) return [];
  // Only KEPs the policy covers need the alias; a repo without OWNERS_ALIASES is told so by a notice.
  if (!facts.ownersAliases) return [];
  const members = facts.ownersAliases.get(policy.techLeadsAlias);
  const aliasesFile = facts.prrApprovers?.source ?? 'OWNERS_ALIASES';
  if (!members || members.length === 0) {
    return [
      atMetadataKey(
        proposal,
        [keys.approvers],
        `cannot check the ${policy.owningGroup} approvers: alias "${policy.techLeadsAlias}" ${members ? 'has no members' : 'is missing'} in ${aliasesFile}`,
      ),
    ];
  }
  const techLeads = new Set(members.map(normalizeUser));
  const approvers = entries(proposal, keys.approvers, policy.assignedMarker);
  if (approvers.length === 0) {
    return [atMetadataKey(proposal, [keys.approvers], `no approvers listed`)];
  }
  const hasTechLead = approvers.some((entry) => techLeads.has(entry.user));
  const upcoming = facts.release ? milestoneMinor(facts.release) : Number.POSITIVE_INFINITY;
  // Actively in the stage only when targeting the upcoming release or later: KEPs of past cycles may
  // already carry markers for their next stage.
  const activelyInStage = scalar(keys.stage) === policy.techLeadStage && milestoneMinor(latest) >= upcoming;
  // What the KEP is judged as, in words: its stage and how its latest-milestone stands to the upcoming release.
  const stage = scalar(keys.stage);
  const judgedAs = `${stage ? `${stage} KEP` : `KEP without a ${keys.stage}`} ${
    !facts.release
      ? `with ${keys.latestMilestone} ${latest}`
      : milestoneMinor(latest) >= upcoming
        ? `targeting ${latest}${milestoneMinor(latest) > upcoming ? ` (after the upcoming release ${facts.release})` : ''}`
        : `of ${latest}, before the upcoming release ${facts.release},`
  }`;
  const findings: Finding[] = [];
  if (activelyInStage) {
    if (!hasTechLead) {
      findings.push(
        atMetadataKey(
          proposal,
          [keys.approvers],
          `${judgedAs} must list at least one ${policy.techLeadsAlias} member as approver`,
        ),
      );
    }
    for (const entry of approvers.filter((candidate) => candidate.marked)) {
      findings.push(
        atMetadataValue(
          proposal,
          [keys.approvers, entry.index],
          `${judgedAs} must not use the # ${policy.assignedMarker} marker (on "${entry.user}"); a ${policy.techLeadsAlias} member approves it`,
        ),
      );
    }
    return findings;
  }
  if (!hasTechLead && !approvers.some((entry) => entry.marked)) {
    findings.push(
      atMetadataKey(
        proposal,
        [keys.approvers],
        `${judgedAs} must list a ${policy.techLeadsAlias} member or an approver marked # ${policy.assignedMarker}`,
      ),
    );
  }
  return findings;
}

export const sigNodeApproversRule: Rule = {
  id: 'sig-node/approvers',
  description:
    'SIG Node’s approver policy (upstream `pkg/nodeapprovers`): a tech lead or an assigned approver, and assignments mirrored in the KEP’s OWNERS file',
  rationale:
    'Upstream CI (pkg/nodeapprovers) enforces SIG Node’s approver policy from v1.36 on: a KEP actively in alpha needs a tech lead, later stages a tech lead or an assigned approver, and every assignment must be mirrored in the KEP’s OWNERS file so that Prow lets the assignee approve.',
  severity: 'error',
  docs: {
    appliesTo:
      'assignment markers on every KEP; the tech-lead policy on KEPs of the profile’s owning group with latest-milestone v1.36 or later (not withdrawn, rejected or replaced)',
    profileKeys: [
      'rules.sig-node/approvers',
      'prr.ownersAliasesCandidates',
      'metadata.keys.approvers',
      'metadata.keys.reviewers',
    ],
    bad: {
      kind: 'metadata',
      text: 'approvers:\n  - "@someone" # sig-node-assigned-approver\n# and keps/…/OWNERS does not list someone',
    },
    good: { kind: 'OWNERS', text: '# keps/sig-node/1234-feature/OWNERS\napprovers:\n  - someone' },
  },
  upstream: true,
  check(proposal, facts) {
    const policy = policyOf(facts);
    if (!policy || !proposal.metadataFile || !rawMetadata(proposal)) return [];
    if (proposal.metadataFile.issues.length > 0) return [];
    return [...checkAssignments(proposal, facts, policy), ...checkTechLeads(proposal, facts, policy)];
  },
};
