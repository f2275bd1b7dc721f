import type { Finding } from '../../model/index.js';
import type { Rule } from '../types.js';
import { inFlight, matchTemplate, type TemplateHeading, templateOutline } from './outline.js';

export const sectionOrderRule: Rule = {
  id: 'readme/section-order',
  description: 'sections of the template are present but not in the template’s order',
  rationale:
    'Readers and reviewers find their way through a KEP by the template’s order; upstream’s table-of-contents diff against the template reports a moved heading as missing. The fewest headings that break the order are reported (those outside the longest run in template order), each at its heading. Same headings and scope as readme/missing-section. Example: "## Alternatives" placed before "## Proposal".',
  severity: 'warning',
  check(proposal, facts) {
    const doc = proposal.readme;
    const outline = templateOutline(facts);
    if (!doc || !outline || !inFlight(proposal, facts)) return [];
    const found = matchTemplate(doc, outline);
    // Template headings the README has, in the README's order; each remembers its template position.
    const present: { heading: TemplateHeading; order: number; at: number }[] = [];
    outline.required.forEach((heading, order) => {
      const at = found.get(heading) ?? -1;
      if (at >= 0) present.push({ heading, order, at });
    });
    present.sort((a, b) => a.at - b.at || a.order - b.order);
    const keep = longestIncreasing(present.map((p) => p.order));
    const findings: Finding[] = [];
    for (const [position, entry] of present.entries()) {
      if (keep.has(position)) continue;
      const section = doc.sections[entry.at]!;
      const level = entry.heading.section.level;
      // Name neighbours at this heading's level or above: "after Proposal", not "after Risks and Mitigations".
      const before = lastWhere(outline.required.slice(0, entry.order), (h) => h.section.level <= level);
      const follows = lastWhere(present.slice(0, position), (p) => p.heading.section.level <= level)?.heading;
      const expected = before
        ? `the template puts it after "${before.section.heading}"`
        : 'the template puts it first';
      const here = follows ? `; here it follows "${follows.section.heading}"` : '';
      findings.push({
        file: doc.file.path,
        line: section.line,
        column: section.column,
        message: `section "${section.heading}" is out of order: ${expected}${here}`,
      });
    }
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

function lastWhere<T>(items: T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}
