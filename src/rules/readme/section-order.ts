import type { Finding } from '../../model/index.js';
import type { Rule } from '../types.js';
import { inFlight, matchTemplate, type TemplateHeading, templateNote, templateOutline } from './outline.js';

export const sectionOrderRule: Rule = {
  id: 'readme/section-order',
  description: 'template sections out of order among their siblings (moving KEPs)',
  rationale:
    'Readers and reviewers find their way through a KEP by the template’s order; upstream’s table-of-contents diff against the template reports a moved heading as missing. Headings are compared with their siblings in the template (the sections of one parent, or the top-level sections), and the fewest that break the order are reported (those outside the longest run in template order), each at its heading: a whole section out of place is one finding. Same headings and scope as readme/missing-section. Example: "## Alternatives" placed before "## Proposal".',
  severity: 'warning',
  docs: {
    appliesTo: 'moving KEPs, for the template’s headings they have',
    profileKeys: ['template', 'readme.activeStatuses', 'readme.currentFrom'],
    bad: { kind: 'README', text: '## Motivation\n## Summary' },
    good: { kind: 'README', text: '## Summary\n## Motivation' },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !outline || !inFlight(proposal, facts)) return [];
    const found = matchTemplate(doc, outline);
    // Siblings are compared with siblings (the template's children of one heading): a whole section
    // out of place is one finding, not one per heading it holds.
    const groups = new Map<number, { heading: TemplateHeading; order: number; at: number }[]>();
    outline.required.forEach((heading, order) => {
      const at = found.get(heading) ?? -1;
      if (at < 0) return;
      const siblings = groups.get(heading.section.parent);
      if (siblings) siblings.push({ heading, order, at });
      else groups.set(heading.section.parent, [{ heading, order, at }]);
    });
    const findings: Finding[] = [];
    for (const siblings of groups.values()) {
      if (siblings.length < 2) continue;
      const inTemplateOrder = [...siblings];
      siblings.sort((a, b) => a.at - b.at || a.order - b.order);
      const keep = longestIncreasing(siblings.map((entry) => entry.order));
      for (const [position, entry] of siblings.entries()) {
        if (keep.has(position)) continue;
        const section = doc.sections[entry.at]!;
        const before = inTemplateOrder[inTemplateOrder.indexOf(entry) - 1]?.heading;
        const follows = siblings[position - 1]?.heading;
        const expected = before
          ? `the template puts it after "${before.section.heading}"`
          : 'the template puts it first';
        const here = follows ? `; here it follows "${follows.section.heading}"` : '';
        findings.push({
          file: doc.file.path,
          line: section.line,
          column: section.column,
          message: `section "${section.heading}" is out of order: ${expected}${here}${templateNote(outline.version)}`,
        });
      }
    }
    findings.sort((a, b) => a.line - b.line);
    return findings;
  },
};

/** Positions of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]!]! < values[i]!) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) keep.add(i);
  return keep;
}
