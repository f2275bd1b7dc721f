// A proposal's README as HTML, as GitHub shows it: tables, task lists, footnotes, strikethrough, autolinks (URLs
// and www. names, not bare domains), raw HTML blocks, heading anchors as mdtoc writes them (so the table of
// contents links work), code highlighted here rather than in the browser, mermaid blocks left as code for a
// script to draw. Then sanitized, because the text comes from strangers.
import { randomUUID } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import sanitizeHtml from 'sanitize-html';
import { HIGHLIGHT_CLASSES, highlightCode } from './highlight.js';

/** The id a block gets when it starts on a line (1-based): where a finding on that line links to. */
export const lineId = (line: number): string => `L${line}`;

export interface RenderedMarkdown {
  html: string;
  /** The 1-based lines on which a top-level block starts (and has an id), ascending. */
  blockLines: number[];
  /** Whether a ```mermaid block is on the page (the page then loads the script that draws it). */
  hasMermaid: boolean;
}

/** A note to show right after the rendered block that holds `line` (trusted HTML: the caller escapes). */
export interface BlockNote {
  line: number;
  html: string;
}

type Parser = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Parser['parse']>[number];
type StateCore = Parameters<Parameters<Parser['core']['ruler']['push']>[1]>[0];

interface RenderEnv {
  [key: string | symbol]: unknown;
  findingLines?: number[];
  noteLines?: number[];
  hasMermaid?: boolean;
}

/** The class of a block that a finding points into. */
const FINDING_CLASS = 'has-finding';
/** What a fence's info string says to be a diagram (GitHub's name). */
const MERMAID = 'mermaid';
/**
 * Where a note goes, as text the sanitizer keeps: random per process, so that no README can write it and have
 * kepkit's own HTML put where it chose.
 */
const NOTE_MARK = `kepkit-note-${randomUUID()}`;
const NOTE_PLACE = new RegExp(`<div>${NOTE_MARK}-(\\d+)</div>\\n?`, 'g');

let parser: Parser | undefined;

function markdownParser(): Parser {
  if (parser) return parser;
  parser = new MarkdownIt({
    html: true,
    linkify: true,
    typographer: false,
    highlight: (code, info, _attrs) => highlightCode(code, info) ?? '',
  });
  parser.use(footnote);
  // GitHub's footnote back links say where they go rather than only showing an arrow.
  parser.renderer.rules.footnote_anchor = (tokens, idx, options, env, slf) => {
    const id = slf.rules.footnote_anchor_name!(tokens, idx, options, env, slf);
    const subId = (tokens[idx]!.meta as { subId?: number } | null)?.subId ?? 0;
    const sub = subId > 0 ? `:${subId}` : '';
    return ` <a href="#fnref${id}${sub}" class="footnote-backref" aria-label="Back to reference ${id}">\u21a9\uFE0E</a>`;
  };
  parser.core.ruler.push('kepkit_blocks', (state) => {
    const env = state.env as RenderEnv;
    githubAutolinks(state);
    taskLists(state);
    const seen = new Map<string, number>();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'fence' && token.info.trim().split(/\s+/)[0]?.toLowerCase() === MERMAID)
        env.hasMermaid = true;
      if (token.type === 'heading_open') {
        const inline = tokens[i + 1];
        token.attrSet('id', githubAnchor(inlineText(inline), seen));
      } else if (token.level === 0 && token.nesting !== -1 && token.map && token.type !== 'html_block') {
        token.attrSet('id', lineId(token.map[0] + 1));
      }
      const [start, end] = token.map ?? [0, 0];
      if (
        token.level === 0 &&
        token.nesting !== -1 &&
        token.type !== 'html_block' &&
        env.findingLines?.some((line) => line > start && line <= end)
      )
        token.attrJoin('class', FINDING_CLASS);
    }
    if (env.noteLines?.length) placeNotes(state, env.noteLines);
  });
  return parser;
}

/**
 * After each top-level block holding a noted line, a placeholder for its notes; a line between blocks goes
 * with the block before it (or the first block).
 */
function placeNotes(state: StateCore, noteLines: readonly number[]): void {
  const tokens = state.tokens;
  const blocks: { start: number; end: number; after: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    let close = i;
    if (token.nesting === 1)
      while (close < tokens.length - 1 && !(tokens[close]!.level === 0 && tokens[close]!.nesting === -1))
        close++;
    blocks.push({ start: token.map[0] + 1, end: token.map[1], after: close });
    i = close;
  }
  if (blocks.length === 0) return;
  const notesAfter = new Map<number, Set<number>>();
  for (const [index, line] of noteLines.entries()) {
    let block = blocks[0]!;
    for (const candidate of blocks) if (candidate.start <= line) block = candidate;
    const set = notesAfter.get(block.after) ?? new Set<number>();
    set.add(index);
    notesAfter.set(block.after, set);
  }
  for (const after of [...notesAfter.keys()].sort((a, b) => b - a)) {
    const marks = [...notesAfter.get(after)!].map((index) => {
      const mark = new state.Token('html_block', '', 0);
      mark.content = `<div>${NOTE_MARK}-${index}</div>\n`;
      return mark;
    });
    tokens.splice(after + 1, 0, ...marks);
  }
}

/** A `www.` name where GitHub links one: after a space or `(`/`*`/`_`/`~`, a host with a dot, then a path. */
const WWW_LINK =
  /(^|[\s(*_~])(www\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:[/?#][^\s<]*)?)/gi;

/** A link's end as GitHub trims it: no trailing punctuation, no `)` that closes a parenthesis opened before. */
function trimLinkEnd(url: string): string {
  let end = url.replace(/[.,:;!?"'*_~]+$/, '');
  while (end.endsWith(')') && (end.match(/\(/g)?.length ?? 0) < (end.match(/\)/g)?.length ?? 0))
    end = end.slice(0, -1).replace(/[.,:;!?"'*_~]+$/, '');
  return end;
}

/**
 * GitHub links `https://…`, `http://…` and e-mail addresses in text (linkify, which finds only those when its
 * fuzzy search is off: that search is by far the slowest part of rendering a README), and `www.…` names, found
 * here; a bare `example.com` stays text, as on GitHub.
 */
function githubAutolinks(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== 'inline' || !children || !block.content.toLowerCase().includes('www.')) continue;
    let linkDepth = 0;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'link_open') linkDepth++;
      else if (child.type === 'link_close') linkDepth--;
      if (child.type !== 'text' || linkDepth > 0 || !/www\./i.test(child.content)) continue;
      const pieces: Token[] = [];
      let last = 0;
      for (const match of child.content.matchAll(WWW_LINK)) {
        const start = match.index + match[1]!.length;
        const url = trimLinkEnd(match[2]!);
        const href = state.md.normalizeLink(`http://${url}`);
        if (!state.md.validateLink(href)) continue;
        const before = new state.Token('text', '', 0);
        before.content = child.content.slice(last, start);
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [['href', href]];
        open.markup = 'linkify';
        open.info = 'auto';
        const text = new state.Token('text', '', 0);
        text.content = url;
        const close = new state.Token('link_close', 'a', -1);
        close.markup = 'linkify';
        close.info = 'auto';
        pieces.push(before, open, text, close);
        last = start + url.length;
      }
      if (pieces.length === 0) continue;
      const after = new state.Token('text', '', 0);
      after.content = child.content.slice(last);
      pieces.push(after);
      children.splice(i, 1, ...pieces);
      i += pieces.length - 1;
    }
  }
}

/** `- [ ] todo` and `- [x] done` items, as GitHub renders them: a disabled checkbox, classes on the list. */
function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== 'inline' || tokens[i - 1]!.type !== 'paragraph_open') continue;
    const item = tokens[i - 2]!;
    if (item.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const box = first?.type === 'text' ? /^\[([ xX])\] /.exec(first.content) : null;
    if (!first || !box) continue;
    first.content = first.content.slice(box[0].length);
    const checkbox = new state.Token('html_inline', '', 0);
    checkbox.content = `<input type="checkbox" class="task-list-item-checkbox" disabled${box[1] === ' ' ? '' : ' checked'} aria-label="task"> `;
    inline.children!.unshift(checkbox);
    item.attrJoin('class', 'task-list-item');
    for (let j = i - 3; j >= 0; j--) {
      const list = tokens[j]!;
      if (
        (list.type === 'bullet_list_open' || list.type === 'ordered_list_open') &&
        list.level === item.level - 1
      ) {
        if (!String(list.attrGet('class') ?? '').includes('contains-task-list'))
          list.attrJoin('class', 'contains-task-list');
        break;
      }
    }
  }
}

/**
 * A heading's id as GitHub makes it (github-slugger): lower case, only letters, marks, digits, `_`, `-` and
 * spaces kept, spaces as `-`; a repeated one gets `-1`, `-2`. The same as mdtoc's for ASCII headings, and
 * unlike it keeps non-ASCII letters, as GitHub's page does.
 */
function githubAnchor(text: string, seen: Map<string, number>): string {
  const slug = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replaceAll(' ', '-');
  // github-slugger's counting: `a`, `a-1`, and a heading written `a-1` later becomes `a-1-1`.
  let id = slug;
  while (seen.has(id)) {
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    id = `${slug}-${count}`;
  }
  seen.set(id, 0);
  return id;
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
    'input',
  ],
  allowedAttributes: {
    '*': ['id', 'title', 'align', 'class'],
    a: ['href', 'name', 'aria-label'],
    img: ['src', 'alt', 'width', 'height'],
    input: ['type', 'checked', 'disabled', 'aria-label'],
    code: ['class'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    ol: ['start'],
    pre: ['tabindex'],
  },
  // A code block scrolls sideways on a phone: it must take the keyboard focus to be scrolled without a mouse.
  transformTags: { pre: (tagName, attribs) => ({ tagName, attribs: { ...attribs, tabindex: '0' } }) },
  allowedClasses: {
    code: [/^language-[\w-]+$/],
    span: HIGHLIGHT_CLASSES,
    sup: ['footnote-ref'],
    hr: ['footnotes-sep'],
    section: ['footnotes'],
    ol: ['footnotes-list', 'contains-task-list'],
    ul: ['contains-task-list'],
    li: ['footnote-item', 'task-list-item'],
    a: ['footnote-backref'],
    input: ['task-list-item-checkbox'],
    '*': [FINDING_CLASS],
  },
  // The only input is a task list's checkbox, which nobody can tick: any other input (of a form) is dropped.
  exclusiveFilter: (frame) =>
    frame.tag === 'input' &&
    (frame.attribs.class !== 'task-list-item-checkbox' ||
      frame.attribs.type !== 'checkbox' ||
      frame.attribs.disabled === undefined),
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

export interface RenderOptions {
  /** Lines (1-based) a finding points at: the top-level block holding each is marked. */
  findingLines?: number[];
  /** Notes placed after the block holding their line; a note whose place the HTML lost goes at the end. */
  notes?: BlockNote[];
}

/**
 * Render markdown to sanitized HTML: no script, event handler, form, frame, style, or javascript:/data: link.
 * A second argument that is an array is the finding lines (the older form).
 */
export function renderMarkdown(text: string, options: RenderOptions | number[] = {}): RenderedMarkdown {
  const { findingLines = [], notes = [] } = Array.isArray(options) ? { findingLines: options } : options;
  const md = markdownParser();
  const env: RenderEnv = { findingLines, noteLines: notes.map((note) => note.line) };
  const tokens = md.parse(text, env);
  const blockLines = tokens
    .filter((t) => t.level === 0 && t.nesting !== -1 && t.map && t.attrGet('id') === lineId(t.map[0] + 1))
    .map((t) => t.map![0] + 1);
  const placed = new Set<number>();
  let html = sanitizeHtml(md.renderer.render(tokens, md.options, env), SAFE).replace(
    NOTE_PLACE,
    (_whole, index: string) => {
      const note = notes[Number(index)];
      if (!note || placed.has(Number(index))) return '';
      placed.add(Number(index));
      return note.html;
    },
  );
  const lost = notes.filter((_note, index) => !placed.has(index));
  if (lost.length > 0) html += lost.map((note) => note.html).join('');
  return { html, blockLines, hasMermaid: env.hasMermaid === true };
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
