import { eitherStatus, releaseStatuses } from '../../model/index.js';
import { atMetadataKey, atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';
import { isPastRelease, judgedRelease } from './target.js';

export const releaseStatusRule: Rule = {
  id: 'release/status',
  description: 'a KEP targeting the release is not implementable (what enhancements freeze tracks)',
  rationale:
    'The release team tracks a KEP for a release once its latest-milestone is that release, and at enhancements freeze it must be implementable (the profile’s release.trackedStatuses): a provisional KEP has not been approved, and an implemented one has nothing left to do in the cycle. A release judged as past (`kep release vX.Y --current` a later one) accepts implemented: the work shipped. Applies to KEPs whose latest-milestone is the release (`kep lint` reports it only with `--release` or the config’s release) (`--release`, the config’s, or the newest), not to withdrawn, rejected or replaced ones. `kep lint --release` makes it an error. Example: "status: provisional" with latest-milestone v1.37 under `kep lint --release v1.37`.',
  severity: 'warning',
  docs: {
    appliesTo: 'KEPs whose latest-milestone is the release under a gate (kep lint --release, kep release)',
    profileKeys: ['release.trackedStatuses', 'metadata.statuses', 'metadata.keys.status', 'releaseGateRules'],
    bad: { kind: 'metadata', text: 'status: provisional\nlatest-milestone: "v1.37"' },
    good: { kind: 'metadata', text: 'status: implementable\nlatest-milestone: "v1.37"' },
  },
  releaseGateOnly: true,
  check(proposal, facts) {
    const release = judgedRelease(proposal, facts);
    if (!release) return [];
    const { profile } = facts;
    const { tracked } = releaseStatuses(profile);
    const status = proposal.metadata.status;
    const key = profile.metadata.keys.status;
    const wanted = eitherStatus(tracked);
    if (!status)
      return [
        atMetadataKey(
          proposal,
          [profile.metadata.keys.latestMilestone],
          `"${key}" is not set; a KEP targeting ${release} must be ${wanted}`,
        ),
      ];
    if (tracked.includes(status)) return [];
    const implemented = profile.metadata.implementedStatus?.status;
    if (status === implemented && isPastRelease(facts)) return [];
    const message =
      status === implemented
        ? `status is ${status}, but a KEP targeting ${release} must be ${wanted} until the release ships`
        : `status is ${status}; a KEP targeting ${release} must be ${wanted}`;
    return [atMetadataValue(proposal, [key], message)];
  },
};
