import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';
import { judgedRelease } from './target.js';

export const releaseLatestMilestoneRule: Rule = {
  id: 'release/latest-milestone',
  description:
    'a KEP’s latest-milestone names the release, but not as the release is written (`1.37` for v1.37)',
  rationale:
    'Setting latest-milestone to the release is how a KEP opts in to it: the release team’s tracking matches the text, so `1.37` or `v1.37.0` can leave a KEP untracked that kepkit counts as targeting v1.37. KEPs whose stage milestone is the release but whose latest-milestone is older have not opted in: `kep release` lists them as planned, and no release rule judges them. Applies to KEPs whose latest-milestone is the release (`kep lint` reports it only with `--release` or the config’s release) as a version (not to withdrawn, rejected or replaced ones). Example: latest-milestone: "1.37" under `kep lint --release v1.37`.',
  severity: 'warning',
  docs: {
    appliesTo: 'KEPs whose latest-milestone means the release under a gate',
    profileKeys: ['metadata.keys.latestMilestone'],
    bad: { kind: 'metadata', text: 'latest-milestone: "1.37"' },
    good: { kind: 'metadata', text: 'latest-milestone: "v1.37"' },
  },
  releaseGateOnly: true,
  check(proposal, facts) {
    const release = judgedRelease(proposal, facts);
    const latest = proposal.metadata.latestMilestone;
    if (!release || latest === undefined || latest.trim() === release) return [];
    const key = facts.profile.metadata.keys.latestMilestone;
    return [
      atMetadataValue(
        proposal,
        [key],
        `${key} "${latest}" means ${release} but is not written so: write "${release}", as release tracking reads it`,
      ),
    ];
  },
};
