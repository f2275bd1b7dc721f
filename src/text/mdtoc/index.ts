// sigs.k8s.io/mdtoc v1.4.0 (pkg/mdtoc/mdtoc.go) in TypeScript: the table of contents of a markdown text,
// byte for byte as `mdtoc --inplace` writes it. Parsing follows gomarkdown, not CommonMark (see blocks.ts).
import { BlockParser } from './blocks.js';
import { withBudget } from './budget.js';
import { headingHtml, headingText } from './html.js';
import { InlineParser } from './inline.js';

export interface TocHeading {
  level: number;
  /** The entry's link text: the heading's inline markup rendered as HTML. */
  html: string;
  /** The anchor, without `#`, made unique with `-1`, `-2`… as mdtoc does. */
  anchor: string;
}

export { stepsSpent, TocBudgetError } from './budget.js';

/** Every heading of the text with its rendered text and anchor text, in document order. */
export function parseHeadings(markdown: string): { level: number; html: string; text: string }[] {
  // Throws TocBudgetError on markup that would take gomarkdown's rescans too long (see budget.ts).
  return withBudget(markdown.length, () => {
    // gomarkdown works on Unix newlines only.
    const blocks = new BlockParser();
    blocks.parse(markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown);
    const inline = new InlineParser(blocks.refs);
    return blocks.headings.map((heading) => {
      const children = inline.parse(heading.content);
      return { level: heading.level, html: headingHtml(children), text: headingText(children) };
    });
  });
}

/** mdtoc's GenerateTOC: one `- [text](#anchor)` line per heading up to maxDepth, indented two spaces a level. */
export function generateToc(markdown: string, maxDepth: number): string {
  const headings = parseHeadings(markdown);
  // Indentation counts from the shallowest heading of all, whatever the depth limit.
  let base = Number.MAX_SAFE_INTEGER;
  for (const heading of headings) base = Math.min(base, heading.level);
  const anchors = new Map<string, number>();
  let toc = '';
  for (const heading of headings) {
    if (maxDepth > 0 && heading.level > maxDepth) continue;
    toc += `${'  '.repeat(heading.level - base)}- [${heading.html}](#${anchor(heading.text, anchors)})\n`;
  }
  return toc;
}

/** mdtoc's anchorGen: lower case, drop all but ASCII word characters, `-` and space, spaces to `-`; count repeats. */
export function anchor(text: string, seen: Map<string, number>): string {
  const slug = slugOf(text);
  const index = seen.get(slug) ?? 0;
  seen.set(slug, index + 1);
  return index > 0 ? `${slug}-${index}` : slug;
}

function slugOf(text: string): string {
  let slug = '';
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    // Lower-casing can turn a few non-ASCII letters into ASCII ones (K, İ): let the full mapping decide.
    if (code >= 0x80)
      return text
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replaceAll(' ', '-');
    if (code >= 65 && code <= 90) code += 32;
    if (code === 32) slug += '-';
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45)
      slug += String.fromCharCode(code);
  }
  return slug;
}
