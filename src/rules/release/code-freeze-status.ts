import { eitherStatus, releaseStatuses } from '../../model/index.js';
import { atMetadataKey, atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';
import { judgedRelease } from './target.js';

export const releaseCodeFreezeStatusRule: Rule = {
  id: 'release/code-freeze-status',
  description:
    'a KEP targeting the release is neither implementable nor implemented (what code freeze accepts)',
  rationale:
    'By code freeze a KEP of the release is still implementable or already implemented (the profile’s release.codeFreezeStatuses); any other status means it left the release without saying so. `kep release vX.Y --freeze code` decides its status criterion by this rule; `kep lint --release` gates enhancements freeze (release/status) instead. Applies to KEPs whose latest-milestone is the release (`kep lint` reports it only with `--release` or the config’s release), not to withdrawn, rejected or replaced ones. Example: "status: provisional" with latest-milestone v1.37 at v1.37 code freeze.',
  severity: 'warning',
  docs: {
    appliesTo: 'KEPs whose latest-milestone is the release, at code freeze (kep release --freeze code)',
    profileKeys: ['release.codeFreezeStatuses', 'metadata.statuses', 'metadata.keys.status'],
    bad: { kind: 'metadata', text: 'status: provisional\nlatest-milestone: "v1.37"' },
    good: { kind: 'metadata', text: 'status: implemented\nlatest-milestone: "v1.37"' },
  },
  releaseGateOnly: true,
  check(proposal, facts) {
    const release = judgedRelease(proposal, facts);
    if (!release) return [];
    const { profile } = facts;
    const { codeFreeze } = releaseStatuses(profile);
    const status = proposal.metadata.status;
    const key = profile.metadata.keys.status;
    const wanted = eitherStatus(codeFreeze);
    if (!status)
      return [
        atMetadataKey(
          proposal,
          [profile.metadata.keys.latestMilestone],
          `"${key}" is not set; at code freeze a KEP targeting ${release} must be ${wanted}`,
        ),
      ];
    if (codeFreeze.includes(status)) return [];
    return [
      atMetadataValue(
        proposal,
        [key],
        `status is ${status}; at code freeze a KEP targeting ${release} must be ${wanted}`,
      ),
    ];
  },
};
