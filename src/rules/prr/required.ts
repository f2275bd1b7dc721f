import { type Finding, parseMilestone } from '../../model/index.js';
import { atMetadataKey } from '../findings.js';
import type { Rule } from '../types.js';
import { prrFileRequired } from './requirement.js';

export const prrRequiredRule: Rule = {
  id: 'prr/required',
  description:
    'an implementable or implemented KEP without `stage` or `latest-milestone`, or, from v1.21 on, without its PRR file `keps/prod-readiness/<owning-sig>/<number>.yaml`',
  rationale:
    'Upstream CI requires a production readiness approval file keps/prod-readiness/<owning-sig>/<number>.yaml for every KEP that is implementable or implemented from v1.21 on.',
  severity: 'error',
  docs: {
    appliesTo:
      'proposals whose status is in prr.requiredStatuses; the PRR file from prr.requiredFromMilestone on',
    profileKeys: ['prr.requiredStatuses', 'prr.requiredFromMilestone', 'prr.path', 'layout.prrDir'],
    bad: {
      kind: 'metadata',
      text: 'status: implementable\nstage: alpha\nlatest-milestone: "v1.31"\n# and no keps/prod-readiness/sig-node/1234.yaml',
    },
    good: {
      kind: 'PRR',
      text: '# keps/prod-readiness/sig-node/1234.yaml\nkep-number: 1234\nalpha:\n  approver: "@deads2k"',
    },
  },
  upstream: true,
  check(proposal, facts) {
    const prr = facts.profile.prr;
    const { status, stage, latestMilestone } = proposal.metadata;
    const keys = facts.profile.metadata.keys;
    if (!prr || !status || !prr.requiredStatuses.includes(status) || proposal.metadataIssues.length > 0)
      return [];
    const findings: Finding[] = [];
    if (!latestMilestone) {
      findings.push(
        atMetadataKey(
          proposal,
          [keys.status],
          `"${keys.latestMilestone}" is required when status is ${status}`,
        ),
      );
    } else if (!parseMilestone(latestMilestone)) {
      findings.push(
        atMetadataKey(
          proposal,
          [keys.latestMilestone],
          `"${keys.latestMilestone}" is not a version: "${latestMilestone}"`,
        ),
      );
    }
    if (!stage)
      findings.push(
        atMetadataKey(proposal, [keys.status], `"${keys.stage}" is required when status is ${status}`),
      );
    if (findings.length > 0 || !prrFileRequired(proposal, facts)) return findings;
    if (!proposal.prr && !proposal.problems.some((problem) => problem.path === proposal.prrPath)) {
      findings.push(
        atMetadataKey(
          proposal,
          [keys.latestMilestone],
          `PRR approval file ${proposal.prrPath ?? `${facts.profile.layout.prrDir}/<owning-sig>/<number>.yaml`} is missing (required for ${status} KEPs from ${prr.requiredFromMilestone} on)`,
        ),
      );
    }
    return findings;
  },
};
