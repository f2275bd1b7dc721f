import { compareMilestones, parseMilestone } from '../../model/index.js';
import { atMetadataKey, atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';
import { judgedRelease } from './target.js';

export const releaseStageMilestoneRule: Rule = {
  id: 'release/stage-milestone',
  description:
    'a KEP targeting the release has no stage, or the milestone of its stage is unset, not a version, or after the release',
  rationale:
    'The release team reads what a KEP delivers in the release from its stage and that stage’s milestone (`milestone.beta: v1.37`). The milestone may be earlier than the release: a KEP reworked within a stage it reached before keeps that stage’s milestone. Applies to KEPs whose latest-milestone is the release (`kep lint` reports it only with `--release` or the config’s release) (not to withdrawn, rejected or replaced ones); `kep lint --release` makes it an error. Example: stage beta with no milestone.beta, latest-milestone v1.37.',
  severity: 'warning',
  docs: {
    appliesTo: 'KEPs whose latest-milestone is the release under a gate',
    profileKeys: ['metadata.keys.stage', 'metadata.keys.milestones', 'metadata.stages'],
    bad: { kind: 'metadata', text: 'stage: beta\nlatest-milestone: "v1.37"\nmilestone:\n  alpha: "v1.36"' },
    good: {
      kind: 'metadata',
      text: 'stage: beta\nlatest-milestone: "v1.37"\nmilestone:\n  alpha: "v1.36"\n  beta: "v1.37"',
    },
  },
  releaseGateOnly: true,
  check(proposal, facts) {
    const release = judgedRelease(proposal, facts);
    if (!release) return [];
    const { keys, stages } = facts.profile.metadata;
    const { stage, milestones } = proposal.metadata;
    if (!stage)
      return [
        atMetadataKey(
          proposal,
          [keys.latestMilestone],
          `"${keys.stage}" is not set: name the stage this KEP reaches in ${release}`,
        ),
      ];
    if (!stages.includes(stage))
      return [atMetadataValue(proposal, [keys.stage], `stage "${stage}" is not one of ${stages.join(', ')}`)];
    const milestone = milestones[stage];
    const field = `${keys.milestones}.${stage}`;
    if (!milestone)
      return [atMetadataValue(proposal, [keys.stage], `${field} is not set: set it to ${release}`)];
    const at = [keys.milestones, stage];
    if (!parseMilestone(milestone))
      return [
        atMetadataValue(proposal, at, `${field} "${milestone}" is not a version: set it to ${release}`),
      ];
    if (compareMilestones(milestone, release) > 0)
      return [
        atMetadataValue(proposal, at, `${field} is ${milestone}, after ${release} that the KEP targets`),
      ];
    return [];
  },
};
