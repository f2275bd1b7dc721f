import type { Finding } from '../../model/index.js';
import type { Rule } from '../types.js';
import { templateNote, templateOutline, titleSection } from './outline.js';
import { proseLines } from './prose.js';

export const placeholderRule: Rule = {
  id: 'readme/placeholder',
  description:
    'template text left in place: `KEP-NNNN`, the template’s title, its example lines (also those of older templates)',
  rationale:
    'Example text copied from the template ("`<package>`: `<date>` - `<test coverage>`", links to "MyCoolFeature" tests, "KEP-NNNN") reads as if the section were filled in. The placeholders are the template’s own title and number (from its H1) and the profile’s example strings that occur in the repo’s template; HTML comments and code blocks are not searched, and the H1 is left to readme/title. Applies to every KEP: leftover example text is wrong whatever the status. Example: "- `<package>`: `<date>` - `<test coverage>`" under "##### Unit tests".',
  severity: 'warning',
  docs: {
    appliesTo: 'every KEP; HTML comments, code blocks and the H1 are not searched',
    profileKeys: ['template', 'readme.placeholders', 'readme.legacyPlaceholders', 'readme.titlePattern'],
    bad: { kind: 'README', text: '##### Unit tests\n\n- `<package>`: `<date>` - `<test coverage>`' },
    good: {
      kind: 'README',
      text: '##### Unit tests\n\n- `k8s.io/kubernetes/pkg/kubelet`: `2024-05-01` - `82%`',
    },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !outline) return [];
    // Most READMEs hold none: look in the raw text first, then line by line only for those that occur.
    const text = doc.file.text;
    const placeholders = outline.placeholders.filter(
      (placeholder, index) => text.includes(outline.placeholderProbes[index]!) && text.includes(placeholder),
    );
    if (placeholders.length === 0) return [];
    const lines = proseLines(doc);
    const title = titleSection(doc);
    const findings: Finding[] = [];
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (line === '' || (title && index === title.line - 1)) continue;
      // The leftmost placeholder of the line, once: an example line often holds several.
      let first: { column: number; text: string } | undefined;
      for (const text of placeholders) {
        const column = line.indexOf(text);
        if (column !== -1 && (!first || column < first.column)) first = { column, text };
      }
      if (!first) continue;
      findings.push({
        file: doc.file.path,
        line: index + 1,
        column: first.column + 1,
        endLine: index + 1,
        endColumn: first.column + 1 + first.text.length,
        message: `template placeholder left in place: "${first.text}"${templateNote(outline.version)}`,
      });
    }
    return findings;
  },
};
