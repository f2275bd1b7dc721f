import { type Finding, MILESTONE_FORMAT } from '../../model/index.js';
import { atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const milestoneFormatRule: Rule = {
  id: 'metadata/milestone-format',
  description: 'latest-milestone or a stage milestone is not of the form vMAJOR.MINOR (e.g. v1.31)',
  rationale:
    'Release tooling compares milestones as versions; "1.31", "v1.31.0" or "TBD" sort wrongly or not at all.',
  severity: 'warning',
  check(proposal, facts) {
    const data = rawMetadata(proposal);
    if (!data) return [];
    const keys = facts.profile.metadata.keys;
    const findings: Finding[] = [];
    const checkValue = (path: string[], value: unknown): void => {
      if (typeof value === 'string' && value !== '' && !MILESTONE_FORMAT.test(value)) {
        findings.push(
          atMetadataValue(
            proposal,
            path,
            `"${path.join('.')}" is "${value}"; expected vMAJOR.MINOR, e.g. v1.31`,
          ),
        );
      }
    };
    checkValue([keys.latestMilestone], data[keys.latestMilestone]);
    const milestones = data[keys.milestones];
    if (milestones && typeof milestones === 'object') {
      for (const [stage, value] of Object.entries(milestones)) checkValue([keys.milestones, stage], value);
    }
    return findings;
  },
};
