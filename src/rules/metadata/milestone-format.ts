import { type Finding, type Fix, MILESTONE_FORMAT, type Proposal } from '../../model/index.js';
import { atMetadataValue, rawMetadata, scalarSpan } from '../findings.js';
import type { Rule } from '../types.js';

/** `1.30` is certainly `v1.30`: only the `v` is missing. Anything else (`TBD`, `v1.30.0`) needs a person. */
function missingVFix(proposal: Proposal, path: string[], value: string): Fix | undefined {
  const doc = proposal.metadataFile;
  if (!doc || !/^[1-9]\d*\.\d+$/.test(value)) return undefined;
  const span = scalarSpan(doc, path);
  if (!span || doc.file.text.slice(span.start, span.end) !== value) return undefined;
  return {
    file: doc.file.path,
    description: `write ${path.join('.')} as v${value}`,
    edits: [{ start: span.start, end: span.start, text: 'v' }],
    sourceHash: doc.file.hash,
  };
}

export const milestoneFormatRule: Rule = {
  id: 'metadata/milestone-format',
  description: 'a milestone not written `vMAJOR.MINOR` (`1.30`, `TBD`, `0.0`); a missing `v` is fixed',
  rationale:
    'Release tooling compares milestones as versions; "1.31", "v1.31.0" or "TBD" sort wrongly or not at all.',
  severity: 'warning',
  docs: {
    appliesTo: 'latest-milestone and every stage milestone of every proposal',
    profileKeys: ['metadata.keys.latestMilestone', 'metadata.keys.milestones'],
    bad: { kind: 'metadata', text: 'latest-milestone: "1.30"\nmilestone:\n  alpha: v1.30.0' },
    good: { kind: 'metadata', text: 'latest-milestone: "v1.30"\nmilestone:\n  alpha: v1.30' },
  },
  fixable: true,
  check(proposal, facts) {
    const data = rawMetadata(proposal);
    if (!data) return [];
    const keys = facts.profile.metadata.keys;
    const findings: Finding[] = [];
    const checkValue = (path: string[], value: unknown): void => {
      if (typeof value === 'string' && value !== '' && !MILESTONE_FORMAT.test(value)) {
        const finding = atMetadataValue(
          proposal,
          path,
          `"${path.join('.')}" is "${value}"; expected vMAJOR.MINOR, e.g. v1.31`,
        );
        const fix = missingVFix(proposal, path, value);
        findings.push(fix ? { ...finding, fix } : finding);
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
