// A proposal's README as HTML: GitHub-flavoured enough to read (tables, strikethrough, raw HTML blocks), heading
// anchors as mdtoc writes them (so the table of contents links work), and then sanitized, because the text
// comes from strangers.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { anchor } from '../text/mdtoc/index.js';

/** The id a block gets when it starts on a line (1-based): where a finding on that line links to. */
export const lineId = (line: number): string => `L${line}`;

export interface RenderedMarkdown {
  html: string;
  /** The 1-based lines on which a top-level block starts (and has an id), ascending. */
  blockLines: number[];
}

type Parser = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Parser['parse']>[number];

interface RenderEnv {
  [key: string | symbol]: unknown;
  findingLines?: number[];
}

/** The class of a block that a finding points into (the only class the sanitizer keeps on any element). */
const FINDING_CLASS = 'has-finding';

let parser: Parser | undefined;

function markdownParser(): Parser {
  if (parser) return parser;
  parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
  parser.core.ruler.push('kepkit_ids', (state) => {
    const seen = new Map<string, number>();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'heading_open') {
        const inline = tokens[i + 1];
        token.attrSet('id', anchor(inlineText(inline), seen));
      } else if (token.level === 0 && token.nesting !== -1 && token.map && token.type !== 'html_block') {
        token.attrSet('id', lineId(token.map[0] + 1));
      }
      const marked = (state.env as RenderEnv).findingLines;
      const [start, end] = token.map ?? [0, 0];
      if (token.level === 0 && token.nesting !== -1 && marked?.some((line) => line > start && line <= end))
        token.attrJoin('class', FINDING_CLASS);
    }
  });
  return parser;
}

/** The plain text of a heading's inline content, as mdtoc reads it: code and text, no markup. */
function inlineText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  return inline.children
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

const SAFE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
    'img',
    'del',
    's',
    'details',
    'summary',
    'sup',
    'sub',
    'kbd',
  ],
  allowedAttributes: {
    '*': ['id', 'title', 'align', 'class'],
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height'],
    code: ['class'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    ol: ['start'],
    pre: ['tabindex'],
  },
  // A code block scrolls sideways when its lines are long: it must take the keyboard focus, so that a reader
  // without a mouse can scroll it (axe: scrollable-region-focusable).
  transformTags: { pre: (tagName, attribs) => ({ tagName, attribs: { ...attribs, tabindex: '0' } }) },
  allowedClasses: { code: [/^language-[\w-]+$/], '*': [FINDING_CLASS] },
  // Table cell alignment is all markdown-it writes as style; nothing else may position or hide content.
  allowedStyles: {
    td: { 'text-align': [/^(left|right|center)$/] },
    th: { 'text-align': [/^(left|right|center)$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A removed <script> or <style> takes its text with it rather than leaving the code on the page.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
};

/** Render markdown to sanitized HTML: no script, event handler, form, frame, style, or javascript:/data: link. */
export function renderMarkdown(text: string, findingLines: number[] = []): RenderedMarkdown {
  const md = markdownParser();
  const env: RenderEnv = { findingLines };
  const tokens = md.parse(text, env);
  const blockLines = tokens
    .filter((t) => t.level === 0 && t.nesting !== -1 && t.map && t.attrGet('id') === lineId(t.map[0] + 1))
    .map((t) => t.map![0] + 1);
  const html = sanitizeHtml(md.renderer.render(tokens, md.options, env), SAFE);
  return { html, blockLines };
}

/** The line of the block a finding on `line` belongs to: the last block that starts at or before it. */
export function blockLineFor(blockLines: readonly number[], line: number): number | undefined {
  let found: number | undefined;
  for (const start of blockLines) {
    if (start > line) break;
    found = start;
  }
  return found;
}
