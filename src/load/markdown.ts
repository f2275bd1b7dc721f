import MarkdownIt from 'markdown-it';
import type { MarkdownDocument, Section, SourceFile, SuppressionDirective } from '../model/index.js';
import { addHtmlBlockDirectives } from './directives.js';

// Block structure is all the section tree needs: skipping inline parsing halves the cost.
const blockParser = new MarkdownIt('default', { html: true });
blockParser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
// Link reference definitions never hold a heading, and trying them at every paragraph costs a third of the parse
// (measured on the corpus: the same headings in every README without it).
blockParser.block.ruler.disable(['reference']);

/**
 * Parse markdown into a flat, ordered list of sections. Headings in code fences or HTML comments are not headings.
 * Its suppression comments (`<!-- kep-disable … -->`) are read from the same HTML blocks.
 */
export function parseMarkdown(
  file: SourceFile,
  options: { frontMatterLines?: number } = {},
): MarkdownDocument {
  // markdown-it ends a line at a lone CR too; every position kepkit reports counts LF-ended lines (as git and
  // YAML do), so a lone CR is read as a space: the same offsets, the same lines.
  let text = file.text.includes('\r') ? file.text.replace(/\r(?!\n)/g, ' ') : file.text;
  const lines = file.text.split(/\r?\n/);
  // A front matter block is metadata, not markdown: its lines are read as blank, so that lines stay the file's.
  const skip = options.frontMatterLines ?? 0;
  if (skip > 0) text = '\n'.repeat(skip) + lines.slice(skip).join('\n');
  const tokens = blockParser.parse(text, {});
  const directives: SuppressionDirective[] = [];
  const sections: Section[] = [];
  let containerDepth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (
      token.type === 'bullet_list_open' ||
      token.type === 'ordered_list_open' ||
      token.type === 'blockquote_open'
    ) {
      containerDepth++;
    } else if (
      token.type === 'bullet_list_close' ||
      token.type === 'ordered_list_close' ||
      token.type === 'blockquote_close'
    ) {
      containerDepth--;
    } else if (token.type === 'html_block' && token.map) {
      addHtmlBlockDirectives(directives, { content: token.content, line: token.map[0] }, lines, file.path);
    } else if (token.type === 'heading_open' && token.map) {
      const inline = tokens[index + 1];
      const level = Number(token.tag.slice(1));
      const line = token.map[0] + 1;
      const source = lines[token.map[0]] ?? '';
      sections.push({
        heading: (inline?.content ?? '').trim(),
        level,
        line,
        column: source.length - source.trimStart().length + 1,
        bodyStartLine: token.map[1],
        bodyEndLine: lines.length - 1,
        setext: token.markup === '=' || token.markup === '-',
        nested: containerDepth > 0,
        parent: -1,
      });
    }
  }
  const stack: number[] = [];
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index]!;
    const next = sections[index + 1];
    if (next) section.bodyEndLine = next.line - 2;
    while (stack.length > 0 && sections[stack[stack.length - 1]!]!.level >= section.level) stack.pop();
    section.parent = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(index);
  }
  return {
    file,
    lines,
    sections,
    directives,
    body: (section) => lines.slice(section.bodyStartLine, section.bodyEndLine + 1).join('\n'),
    derived: new Map(),
  };
}
