import type { Rule } from '../types.js';
import {
  checklistItem,
  firstSectionWithKey,
  inFlight,
  predates,
  targetsCurrentRelease,
  templateNote,
  templateOutline,
  titleSection,
} from './outline.js';
import { linkLabels, ownProse } from './prose.js';

export const signoffChecklistRule: Rule = {
  id: 'readme/signoff-checklist',
  description:
    'the Release Signoff Checklist is missing or empty, or an implemented KEP has unticked (R) items',
  rationale:
    'The release team tracks a KEP through the checklist of the template (the section whose items carry the required marker, "(R)" in Kubernetes): required items must be done before a release. Applies to KEPs that went or are going through a release under the current process: implementable or implemented with a latest-milestone not before the profile’s current-template release, and KEPs targeting the current release. A missing checklist heading of a KEP still moving is readme/missing-section’s finding, so it is reported here only for the others. Unticked required items are reported for implemented KEPs, once per KEP at the first of them. Example: an implemented KEP whose "- [ ] (R) Production readiness review approved" was never ticked.',
  severity: 'warning',
  docs: {
    appliesTo:
      'implementable or implemented KEPs not before readme.currentFrom, and KEPs targeting the current release',
    profileKeys: [
      'template',
      'readme.requiredItemMarker',
      'readme.settledStatuses',
      'readme.currentFrom',
      'metadata.implementedStatus',
    ],
    bad: {
      kind: 'README',
      text: '## Release Signoff Checklist\n\n- [ ] (R) Enhancement issue in release milestone',
    },
    good: {
      kind: 'README',
      text: '## Release Signoff Checklist\n\n- [x] (R) Enhancement issue in release milestone',
    },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const settings = facts.profile.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !settings || !outline?.checklist) return [];
    const { status, latestMilestone } = proposal.metadata;
    const released =
      status !== undefined &&
      settings.settledStatuses.includes(status) &&
      latestMilestone !== undefined &&
      !predates(latestMilestone, settings.currentFrom);
    if (!released && !targetsCurrentRelease(proposal, facts)) return [];
    const name = outline.checklist.section.heading;
    const at = firstSectionWithKey(doc, outline.checklist.key);
    if (at < 0) {
      if (inFlight(proposal, facts)) return [];
      const title = titleSection(doc);
      return [
        {
          file: doc.file.path,
          line: title?.line ?? 1,
          column: title?.column ?? 1,
          message: `no "${name}" section (the release team tracks the KEP with it)${templateNote(outline.version)}`,
        },
      ];
    }
    const section = doc.sections[at]!;
    const lines = ownProse(doc, section);
    const items: { ticked: boolean; text: string; line: number; column: number }[] = [];
    for (const [offset, line] of lines.entries()) {
      const item = checklistItem(line);
      if (item)
        items.push({ ...item, line: section.bodyStartLine + offset + 1, column: line.search(/\S/) + 1 });
    }
    if (items.length === 0) {
      return [
        {
          file: doc.file.path,
          line: section.line,
          column: section.column,
          message: `"${name}" has no checklist items${templateNote(outline.version)}`,
        },
      ];
    }
    if (status !== facts.profile.metadata.implementedStatus?.status) return [];
    const required = items.filter((item) => item.text.includes(settings.requiredItemMarker));
    const unticked = required.filter((item) => !item.ticked);
    const first = unticked[0];
    if (!first) return [];
    return [
      {
        file: doc.file.path,
        line: first.line,
        column: first.column,
        message: `${unticked.length} of ${required.length} required ${settings.requiredItemMarker} items of "${name}" are not ticked in a KEP that is ${status}, first: "${shorten(first.text)}"${templateNote(outline.version)}`,
      },
    ];
  },
};

function shorten(text: string): string {
  const plain = linkLabels(text).replace(/\s+/g, ' ');
  return plain.length > 80 ? `${plain.slice(0, 77)}…` : plain;
}
