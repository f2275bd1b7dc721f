import type { Finding } from '../../model/index.js';
import { atMetadataKey, atYaml } from '../findings.js';
import type { Rule } from '../types.js';
import { prrFileRequired } from './requirement.js';

export const prrApproverRule: Rule = {
  id: 'prr/approver',
  description:
    'the PRR approval file does not decode strictly, names no approver for the KEP’s stage, or names someone outside the `prod-readiness-approvers` (and `-emeritus`) aliases',
  rationale:
    'Upstream CI reads the PRR file of every KEP that needs one and checks the approver for the current stage against the prod-readiness-approvers alias of OWNERS_ALIASES.',
  severity: 'error',
  docs: {
    appliesTo: 'proposals that have a PRR file, or need one (prr/required’s scope)',
    profileKeys: [
      'prr.approverAliases',
      'prr.ownersAliasesCandidates',
      'prr.numberField',
      'prr.approverField',
      'metadata.stages',
    ],
    bad: { kind: 'PRR', text: 'kep-number: 1234\nbeta:\n  approver: "@someone-else"' },
    good: { kind: 'PRR', text: 'kep-number: 1234\nbeta:\n  approver: "@soltysh"' },
  },
  upstream: true,
  check(proposal, facts) {
    const approval = proposal.prr;
    if (!approval || !prrFileRequired(proposal, facts)) return [];
    const file = approval.file.file.path;
    if (approval.issues.length > 0) {
      return approval.issues.map((issue) =>
        atYaml(approval.file, file, issue.path, `${file}: ${issue.message}`, 'key'),
      );
    }
    const stage = proposal.metadata.stage!;
    const keys = facts.profile.metadata.keys;
    if (!facts.profile.metadata.stages.includes(stage)) {
      return [
        atMetadataKey(proposal, [keys.stage], `cannot look up the PRR approver: invalid stage "${stage}"`),
      ];
    }
    const findings: Finding[] = [];
    const approver = approval.approvers[stage];
    if (Object.keys(approval.approvers).length === 0) {
      findings.push(atYaml(approval.file, file, [], `${file} names no approver for any stage`));
    } else if (!approver) {
      findings.push(atYaml(approval.file, file, [], `${file} names no PRR approver for stage "${stage}"`));
    } else if (facts.prrApprovers) {
      const name = approver.replace(/^@/, '');
      if (!facts.prrApprovers.names.has(name)) {
        findings.push(
          atYaml(
            approval.file,
            file,
            [stage, 'approver'],
            `"${approver}" is not a PRR approver (not in the ${facts.profile.prr?.approverAliases.join(' or ')} aliases of ${facts.prrApprovers.source})`,
          ),
        );
      }
    }
    return findings;
  },
};
