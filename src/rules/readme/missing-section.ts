import type { Finding, MarkdownDocument, TemplateVersion } from '../../model/index.js';
import type { Rule } from '../types.js';
import {
  inFlight,
  matchTemplate,
  type TemplateHeading,
  templateNote,
  templateOutline,
  titleSection,
} from './outline.js';

export const missingSectionRule: Rule = {
  id: 'readme/missing-section',
  description:
    'a heading of the repository’s template that is not marked (Optional) is missing (moving KEPs)',
  rationale:
    'Reviewers and the release team read every KEP against the template (upstream prints the same comparison in hack/verify-toc-vs-template.sh but never fails). Headings are matched like that script’s table-of-contents diff: by their text (as a GitHub anchor, so case and punctuation do not matter), ignoring headings marked (Optional) and everything under them; extra headings are fine. Unlike the diff, a heading at another level still counts as present and order is left to readme/section-order. A missing heading is reported once, with its missing subsections counted in. Applies to KEPs still moving (provisional or implementable, latest-milestone not before the profile’s current-template release) and to KEPs whose latest-milestone is the current release: an implemented 2019 KEP written to an older template is history. Questionnaire questions are left to prr/questionnaire, which knows the stage. Example: an implementable KEP without "## Drawbacks".',
  severity: 'warning',
  docs: {
    appliesTo: 'moving KEPs (provisional or implementable and not history, or targeting the current release)',
    profileKeys: [
      'template',
      'readme.optionalMarker',
      'readme.activeStatuses',
      'readme.currentFrom',
      'readme.currentFromDate',
      'rules.readme/missing-section',
    ],
    bad: { kind: 'README', text: '## Summary\n## Motivation\n## Design Details' },
    good: { kind: 'README', text: '## Summary\n## Motivation\n## Proposal\n## Design Details' },
  },
  check(proposal, facts) {
    const options = facts.profile.ruleOptions['readme/missing-section'];
    if (options?.match === 'line-prefix') {
      const version = facts.templateVersionOf?.(proposal);
      return missingHeadingLines(proposal.readme, version?.doc ?? facts.template, options, version);
    }
    const doc = proposal.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !outline || !inFlight(proposal, facts)) return [];
    const found = matchTemplate(doc, outline);
    const missing = new Set(outline.required.filter((heading) => found.get(heading) === -1));
    if (missing.size === 0) return [];
    const byIndex = new Map(outline.headings.map((heading) => [heading.index, heading]));
    const title = titleSection(doc);
    const findings: Finding[] = [];
    let previous: TemplateHeading | undefined;
    for (const heading of outline.headings) {
      const parent = byIndex.get(heading.section.parent);
      if (!missing.has(heading)) {
        if (found.get(heading)! >= 0) previous = heading;
        continue;
      }
      if (parent && missing.has(parent)) continue;
      let folded = 0;
      for (const other of missing) if (other !== heading && isUnder(other, heading, byIndex)) folded++;
      // Point at the nearest enclosing heading the README has, else at its title.
      let anchor = parent;
      while (anchor && (found.get(anchor) ?? -1) < 0) anchor = byIndex.get(anchor.section.parent);
      const at = anchor ? doc.sections[found.get(anchor)!]! : title;
      const marks = '#'.repeat(heading.section.level);
      const where = previous ? `, after "${previous.section.heading}"` : '';
      const also = folded > 0 ? ` and its ${folded} subsection${folded === 1 ? '' : 's'}` : '';
      findings.push({
        file: doc.file.path,
        line: at?.line ?? 1,
        column: at?.column ?? 1,
        message: `missing section "${heading.section.heading}"${also} (${marks} in the template${where})${templateNote(outline.version)}`,
      });
    }
    return findings;
  },
};

/**
 * The profile's `match: line-prefix` mode, as OpenShift's template-lint matches: every template line starting
 * with `##` (minus those holding the `optional` marker) is required, and present when some line of the file
 * starts with it. One finding per missing heading line, at the top of the file.
 */
function missingHeadingLines(
  doc: MarkdownDocument | undefined,
  template: MarkdownDocument | undefined,
  options: Record<string, unknown>,
  version: TemplateVersion | undefined,
): Finding[] {
  if (!doc || !template) return [];
  const optional = typeof options.optional === 'string' ? options.optional : '[optional]';
  const required = template.lines
    .filter((line) => line.startsWith('##') && !line.includes(optional))
    .map((line) => line.trim());
  return required
    .filter((heading) => !doc.lines.some((line) => line.startsWith(heading)))
    .map((heading) => ({
      file: doc.file.path,
      line: 1,
      column: 1,
      message: `missing section "${heading}" (a line starting with it, as in the template)${templateNote(version)}`,
    }));
}

function isUnder(
  heading: TemplateHeading,
  ancestor: TemplateHeading,
  byIndex: Map<number, TemplateHeading>,
): boolean {
  let parent = byIndex.get(heading.section.parent);
  while (parent) {
    if (parent === ancestor) return true;
    parent = byIndex.get(parent.section.parent);
  }
  return false;
}
