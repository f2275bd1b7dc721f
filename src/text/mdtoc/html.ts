// What mdtoc makes of a heading's inline nodes: the HTML that gomarkdown's renderer writes for them (the
// link text of a TOC entry) and the plain text its anchor is made from (html/renderer.go, pkg/mdtoc).
import MarkdownIt from 'markdown-it';
import type { InlineNode } from './inline.js';
import { goRuneString } from './inline.js';
import { goTrimSpace } from './scan.js';

/** The heading's children rendered as HTML by gomarkdown's renderer with default options, trimmed. */
export function headingHtml(children: InlineNode[]): string {
  const out: string[] = [];
  for (const child of children) renderNode(child, out, false);
  return goTrimSpace(out.join(''));
}

/** The text that the anchor is made from: every text and code literal, in order (mdtoc's asText). */
export function headingText(children: InlineNode[]): string {
  let text = '';
  const walk = (nodes: InlineNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text' || node.kind === 'code') text += node.literal;
      else if ('children' in node) walk(node.children);
    }
  };
  walk(children);
  return text;
}

function renderNode(node: InlineNode, out: string[], parentIsLink: boolean): void {
  switch (node.kind) {
    case 'text':
      out.push(parentIsLink ? escapeLink(node.literal) : escapeHtml(node.literal));
      return;
    case 'code':
      out.push('<code>', escapeHtml(node.literal), '</code>');
      return;
    case 'emph':
    case 'strong':
    case 'del': {
      const tag = node.kind === 'emph' ? 'em' : node.kind;
      out.push(`<${tag}>`);
      for (const child of node.children) renderNode(child, out, false);
      out.push(`</${tag}>`);
      return;
    }
    case 'link': {
      let open = `<a href="${escapeLink(node.destination)}"`;
      if (node.title.length > 0) open += ` title="${escapeHtml(node.title)}"`;
      out.push(`${open}>`);
      for (const child of node.children) renderNode(child, out, true);
      out.push('</a>');
      return;
    }
    case 'image':
      out.push(`<img src="${escapeLink(node.destination)}" alt="`);
      for (const child of node.children) renderNode(child, out, false);
      if (node.title !== undefined) out.push(`" title="${escapeHtml(node.title)}`);
      out.push('" />');
      return;
    case 'html':
      out.push(node.literal);
      return;
    case 'hardbreak':
      out.push('<br>\n');
      return;
    case 'math':
      out.push('<span class="math inline">\\(', escapeHtml(node.literal), '\\)</span>');
      return;
    case 'codeblock': {
      const language = node.info.length > 0 ? ` class="language-${node.info.split(/[\t ]/)[0]}"` : '';
      out.push(`<pre><code${language}>`, escapeHtml(node.literal), '</code></pre>\n');
      return;
    }
  }
}

/** gomarkdown's EscapeHTML: &, <, > and " only. */
export function escapeHtml(text: string): string {
  return /[&<>"]/.test(text)
    ? text.replace(/[&<>"]/g, (c) =>
        c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
      )
    : text;
}

/** EscLink: Go's html.UnescapeString, then EscapeHTML. */
function escapeLink(text: string): string {
  return escapeHtml(goUnescapeString(text));
}

// HTML5 named references that are also recognised without their semicolon.
const LEGACY_ENTITIES = new Set(
  (
    'AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute Icirc ' +
    'Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc Ugrave Uuml ' +
    'Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg ' +
    'divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo ' +
    'lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound ' +
    'quot raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml'
  ).split(' '),
);
const LONGEST_ENTITY_WITHOUT_SEMICOLON = 6;

// Windows-1252 characters that numeric references 0x80–0x9F stand for.
const WINDOWS_1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

let markdownUtils: InstanceType<typeof MarkdownIt>['utils'] | undefined;

/** The character(s) of a named reference written with its semicolon (`amp;`), or undefined. */
function namedReference(nameWithSemicolon: string): string | undefined {
  markdownUtils ??= new MarkdownIt().utils;
  const written = `&${nameWithSemicolon}`;
  const decoded = markdownUtils.unescapeAll(written);
  return decoded === written ? undefined : decoded;
}

/** Go's html.UnescapeString. */
function goUnescapeString(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let src = 0;
  while (src < s.length) {
    const amp = s.indexOf('&', src);
    if (amp === -1) {
      out += s.slice(src);
      break;
    }
    out += s.slice(src, amp);
    const { text, length } = unescapeEntity(s.slice(amp));
    out += text;
    src = amp + length;
  }
  return out;
}

/** One reference at the start of s (s[0] is `&`): what it stands for and how much of s it takes. */
function unescapeEntity(s: string): { text: string; length: number } {
  const literal = { text: '&', length: 1 };
  let i = 1;
  if (s.length <= 1) return literal;
  if (s[i] === '#') {
    if (s.length <= 3) return literal;
    i++;
    let c = s[i]!;
    let hex = false;
    if (c === 'x' || c === 'X') {
      hex = true;
      i++;
    }
    // int32 arithmetic, wrapping as Go's rune does.
    let x = 0;
    while (i < s.length) {
      c = s[i]!;
      i++;
      if (hex) {
        const digit = /[0-9a-fA-F]/.test(c) ? Number.parseInt(c, 16) : -1;
        if (digit >= 0) {
          x = (Math.imul(x, 16) + digit) | 0;
          continue;
        }
      } else if (c >= '0' && c <= '9') {
        x = (Math.imul(x, 10) + Number(c)) | 0;
        continue;
      }
      if (c !== ';') i--;
      break;
    }
    if (i <= 3) return literal;
    if (x >= 0x80 && x <= 0x9f) x = WINDOWS_1252[x - 0x80]!;
    else if (x === 0 || (x >= 0xd800 && x <= 0xdfff) || x > 0x10ffff) x = 0xfffd;
    return { text: goRuneString(BigInt(x)), length: i };
  }
  while (i < s.length) {
    const c = s[i]!;
    i++;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
    if (c !== ';') i--;
    break;
  }
  const name = s.slice(1, i);
  if (name.length === 0) return literal;
  const exact = name.endsWith(';')
    ? namedReference(name)
    : LEGACY_ENTITIES.has(name)
      ? namedReference(`${name};`)
      : undefined;
  if (exact !== undefined) return { text: exact, length: i };
  const maxLength = Math.min(name.length - 1, LONGEST_ENTITY_WITHOUT_SEMICOLON);
  for (let j = maxLength; j > 1; j--) {
    const prefix = name.slice(0, j);
    if (LEGACY_ENTITIES.has(prefix)) return { text: namedReference(`${prefix};`)!, length: j + 1 };
  }
  return { text: s.slice(0, i), length: i };
}
