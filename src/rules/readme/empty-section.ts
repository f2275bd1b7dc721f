import type { Finding, MarkdownDocument } from '../../model/index.js';
import type { Rule } from '../types.js';
import {
  committed,
  headingKey,
  matchTemplate,
  type TemplateHeading,
  templateNote,
  templateOutline,
} from './outline.js';
import { ownVisible } from './prose.js';

// A link reference definition (`[label]: url`) renders as nothing.
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+/;

export const emptySectionRule: Rule = {
  id: 'readme/empty-section',
  description: 'a required section that holds only template comments (implementable KEPs)',
  rationale:
    'A heading kept with only the template’s HTML comments under it looks answered in the table of contents and says nothing. A section counts as filled when it, any of its subsections, or headings of the README’s own right after it at its level have visible text (code counts; HTML comments and link definitions do not). Sections whose template guidance says they only apply sometimes (the profile’s conditional openings, such as "If applicable, …" and "Based on reviewers feedback …") may stay empty. An empty section is reported once, not again for its subsections. Same headings as readme/missing-section, but only for KEPs committed to a release (implementable and not history, or targeting the current release): a provisional draft may fill sections in later, as the template says. The questionnaire is left to prr/questionnaire, which knows what each stage needs. Example: "### Non-Goals" followed only by the template’s comment.',
  severity: 'warning',
  docs: {
    appliesTo: 'implementable KEPs that are not history, for the template’s required sections they have',
    profileKeys: ['template', 'readme.settledStatuses', 'readme.conditionalSections', 'readme.currentFrom'],
    bad: {
      kind: 'README',
      text: '### Risks and Mitigations\n\n<!--\nWhat are the risks of this proposal?\n-->',
    },
    good: {
      kind: 'README',
      text: '### Risks and Mitigations\n\nA misconfigured kubelet falls back to the old behaviour.',
    },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !outline || !committed(proposal, facts)) return [];
    const found = matchTemplate(doc, outline);
    const questionnaire = new Set([
      ...(outline.questionnaire ? [outline.questionnaire] : []),
      ...outline.questionnaireSections.map((scoped) => scoped.heading),
    ]);
    const findings: Finding[] = [];
    const empty = new Set<TemplateHeading>();
    const byIndex = new Map(outline.headings.map((heading) => [heading.index, heading]));
    for (const heading of outline.required) {
      const at = found.get(heading) ?? -1;
      if (at < 0 || heading.conditional || questionnaire.has(heading) || hasText(doc, at, outline.keys))
        continue;
      empty.add(heading);
      // An empty section's subsections are empty too: report only the outermost.
      const parent = byIndex.get(heading.section.parent);
      if (parent && empty.has(parent)) continue;
      const section = doc.sections[at]!;
      findings.push({
        file: doc.file.path,
        line: section.line,
        column: section.column,
        message: `section "${section.heading}" is empty (only template comments)${templateNote(outline.version)}`,
      });
    }
    return findings;
  },
};

/**
 * Whether the section at `index` has visible text: in its body, in a section under it, or under headings
 * of the README's own that follow it at its level before the next template heading (authors often write
 * "### Risks and Mitigations" and then "### Risk: …" beside it).
 */
function hasText(doc: MarkdownDocument, index: number, templateKeys: ReadonlySet<string>): boolean {
  const level = doc.sections[index]!.level;
  for (let next = index; next < doc.sections.length; next++) {
    const section = doc.sections[next]!;
    if (next > index && !section.nested && section.level <= level) {
      if (section.level < level || templateKeys.has(headingKey(section.heading))) break;
    }
    if (ownVisible(doc, section).some((line) => line.trim() !== '' && !LINK_DEFINITION.test(line)))
      return true;
    // A heading in a list item or quote is itself visible content of the enclosing section.
    if (next > index && section.nested) return true;
  }
  return false;
}
