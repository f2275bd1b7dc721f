import type { Finding, MarkdownDocument, Section } from '../../model/index.js';
import { atFileStart } from '../findings.js';
import { emptySectionRule } from '../readme/empty-section.js';
import { placeholderRule } from '../readme/placeholder.js';
import type { Rule } from '../types.js';
import { judgedRelease } from './target.js';

/** The Kubernetes template's test plan heading (matched by text, any level). */
const TEST_PLAN_HEADING = /^test plan$/i;

export const releaseTestPlanRule: Rule = {
  id: 'release/test-plan',
  description:
    'the test plan of a KEP targeting the release is missing, or holds an empty section or template example text',
  rationale:
    'The release team checks that a KEP says how it is tested before it is tracked. This is readme/empty-section and readme/placeholder restricted to the README’s "Test Plan" section and its subsections (and an empty enclosing section), made a rule of its own so that `kep lint --release` gates the test plan alone, not every empty section. A README that dropped the "Test Plan" heading but kept the template’s subsections under it (Prerequisite testing updates, Unit tests, …) is read by those; a README with neither has no test plan. Applies to KEPs whose latest-milestone is the release (`kep lint` reports it only with `--release` or the config’s release) (not to withdrawn, rejected or replaced ones). Example: "- `<package>`: `<date>` - `<test coverage>`" left under "##### Unit tests".',
  severity: 'warning',
  docs: {
    appliesTo: 'the README of KEPs whose latest-milestone is the release under a gate',
    profileKeys: ['template', 'readme.placeholders', 'readme.legacyPlaceholders', 'readme.optionalMarker'],
    bad: { kind: 'README', text: '### Test Plan\n\n<!-- Describe the tests. -->\n' },
    good: {
      kind: 'README',
      text: '### Test Plan\n\nUnit tests in `pkg/kubelet/budget`; an e2e test in `test/e2e/node`.\n',
    },
  },
  releaseGateOnly: true,
  check(proposal, facts) {
    if (!judgedRelease(proposal, facts)) return [];
    const doc = proposal.readme;
    if (!doc) {
      const file = proposal.metadataFile?.file.path ?? proposal.dir;
      return [atFileStart(file, `no README (${proposal.readmePath}): the test plan cannot be read`)];
    }
    const sections = testPlanSections(doc.sections, facts.template?.sections);
    if (sections.length === 0) return [atFileStart(doc.file.path, 'the README has no "Test Plan" section')];
    const inside = inTestPlan(doc, sections);
    const found = [...emptySectionRule.check!(proposal, facts), ...placeholderRule.check!(proposal, facts)];
    return found
      .filter((finding) => finding.file === doc.file.path && inside(finding.line))
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map((finding): Finding => ({ ...finding, message: `test plan: ${finding.message}` }));
  },
};

/** Whether a line is in the test plan: its sections and their subsections, or a heading enclosing them (an empty parent is reported once, at itself). */
function inTestPlan(doc: MarkdownDocument, sections: number[]): (line: number) => boolean {
  const ranges = sections.map((at) => ({ start: doc.sections[at]!.line, end: subtreeEnd(doc.sections, at) }));
  const ancestors = new Set<number>();
  for (const at of sections)
    for (let parent = doc.sections[at]!.parent; parent >= 0; parent = doc.sections[parent]!.parent)
      ancestors.add(doc.sections[parent]!.line);
  return (line) => ranges.some((range) => line >= range.start && line <= range.end) || ancestors.has(line);
}

/**
 * The README sections holding the test plan: its "Test Plan" section, else (a README that dropped the heading
 * but kept its content) the sections named like the template's Test Plan subsections.
 */
function testPlanSections(sections: Section[], template: Section[] | undefined): number[] {
  const heading = sections.findIndex((section) => !section.nested && TEST_PLAN_HEADING.test(section.heading));
  if (heading >= 0) return [heading];
  const at = template?.findIndex((section) => TEST_PLAN_HEADING.test(section.heading)) ?? -1;
  if (!template || at < 0) return [];
  const names = new Set<string>();
  const end = subtreeEnd(template, at);
  for (const section of template.slice(at + 1)) {
    if (section.line > end) break;
    names.add(section.heading.toLowerCase());
  }
  return sections.flatMap((section, index) =>
    !section.nested && names.has(section.heading.toLowerCase()) ? [index] : [],
  );
}

/** 1-based last line of a section's subtree (up to the next heading at its level or above). */
function subtreeEnd(sections: Section[], index: number): number {
  const level = sections[index]!.level;
  for (let next = index + 1; next < sections.length; next++) {
    const section = sections[next]!;
    if (!section.nested && section.level <= level) return section.line - 1;
  }
  return Number.MAX_SAFE_INTEGER;
}
