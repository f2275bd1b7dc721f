// The inline pass of gomarkdown (parser/inline.go at the version mdtoc v1.4.0 pins), for heading text:
// a line-for-line port with parser.CommonExtensions (no intra-word emphasis, strikethrough, autolinks,
// inline math, backslash line breaks; no footnotes, no super/subscript, no mmark syntax).
import type { LinkReference } from './blocks.js';
import { charge } from './budget.js';
import { BacktickRuns } from './runs.js';
import {
  isAlnum,
  isLetter,
  isPunctuation,
  isSpace,
  skipAlnum,
  skipChar,
  skipCharN,
  skipSpace,
  skipUntilChar,
  syntaxRange,
} from './scan.js';

export type InlineNode =
  | { kind: 'text'; literal: string }
  | { kind: 'code'; literal: string }
  | { kind: 'emph' | 'strong' | 'del'; children: InlineNode[] }
  | { kind: 'link'; destination: string; title: string; children: InlineNode[] }
  /** `title` is undefined when none was given (a reference without a title gives the empty string). */
  | { kind: 'image'; destination: string; title: string | undefined; children: InlineNode[] }
  | { kind: 'html'; literal: string }
  | { kind: 'hardbreak' }
  | { kind: 'math'; literal: string }
  | { kind: 'codeblock'; info: string; literal: string };

type Parsed = { consumed: number; node?: InlineNode };
type Handler = (data: string, offset: number) => Parsed;

const MAX_NESTING = 16;
const NONE: Parsed = { consumed: 0 };
const ESCAPE_CHARS = '\\`*_{}[]()#+-.!:|&<>~^$';
const PROTOCOL_PREFIXES = ['http://', 'https://', 'ftp://', 'file://', 'mailto:'];
const SAFE_URIS = ['http://', 'https://', 'ftp://', 'mailto:'];
const SAFE_PATHS = ['/', './', '../'];

const URL_RE = '((https?|ftp):\\/\\/|\\/)[-A-Za-z0-9+&@#\\/%?=~_|!:,.;\\(\\)]+';
// Go's \s is [\t\n\f\r ].
const ANCHOR_RE = new RegExp(
  `^(<a[\\t\\n\\f\\r ]href="${URL_RE}"([\\t\\n\\f\\r ]title="[^"<>]+")?[\\t\\n\\f\\r ]?>${URL_RE}<\\/a>)`,
);
const HTML_ENTITY_RE = /&[a-z]{2,5};/g;
/** What any inline handler could act on in a line: its trigger characters and the autolink schemes. */
const MARKUP = /[*_~`[<\\&!^$\n]|(?:https?|ftp|file):\/\/|mailto:/i;

/** Whether inline parsing leaves the text as one text node: no character that could start any markup. */
export function isPlainInline(content: string): boolean {
  return !MARKUP.test(content);
}

function text(literal: string): InlineNode {
  return { kind: 'text', literal };
}

export class InlineParser {
  private nesting = 0;
  private insideLink = false;
  /** The backtick runs of the text `inline` is parsing, once a code span in it was found unclosed. */
  private runs: BacktickRuns | undefined;
  /** Autolinks look back for `<`: the last one found (0: none) and the next one (-1: none, -2: not looked for). */
  private ltAt = 0;
  private ltNext = -2;
  private readonly handlers: Record<string, Handler>;

  constructor(private readonly refs: ReadonlyMap<string, LinkReference>) {
    const emphasis: Handler = (data, offset) => this.emphasis(data, offset);
    const autoLink: Handler = (data, offset) => this.maybeAutoLink(data, offset);
    this.handlers = {
      ' ': maybeLineBreak,
      '*': emphasis,
      _: emphasis,
      '~': emphasis,
      '`': (data, offset) => this.codeSpan(data, offset),
      '[': (data, offset) => this.link(data, offset),
      '<': leftAngle,
      '\\': backslashEscape,
      '&': entity,
      '!': (data, offset) =>
        offset < data.length - 1 && data[offset + 1] === '[' ? this.link(data, offset) : NONE,
      '^': (data, offset) =>
        offset < data.length - 1 && data[offset + 1] === '[' ? this.link(data, offset) : NONE,
      h: autoLink,
      m: autoLink,
      f: autoLink,
      H: autoLink,
      M: autoLink,
      F: autoLink,
      $: math,
    };
  }

  /** The inline nodes of a heading's text. */
  parse(content: string): InlineNode[] {
    // No character that starts inline markup (a space only matters before a newline): one text node.
    if (!MARKUP.test(content)) return content.length > 0 ? [text(content)] : [];
    const children: InlineNode[] = [];
    this.inline(children, content);
    return children;
  }

  private inline(children: InlineNode[], data: string): void {
    if (this.nesting >= MAX_NESTING || data.length === 0) return;
    charge(data.length);
    this.nesting++;
    const { runs: outerRuns, ltAt: outerLtAt, ltNext: outerLtNext } = this;
    this.runs = undefined;
    this.ltAt = 0;
    this.ltNext = -2;
    let beg = 0;
    let end = 0;
    const n = data.length;
    while (end < n) {
      const handler = Object.hasOwn(this.handlers, data[end]!) ? this.handlers[data[end]!] : undefined;
      if (!handler) {
        end++;
        continue;
      }
      const { consumed, node } = handler(data, end);
      if (consumed === 0) {
        end++;
        continue;
      }
      children.push(text(data.slice(beg, end)));
      if (node) children.push(node);
      beg = end + consumed;
      end = beg;
    }
    if (beg < n) {
      if (data[end - 1] === '\n') end--;
      children.push(text(data.slice(beg, end)));
    }
    this.runs = outerRuns;
    this.ltAt = outerLtAt;
    this.ltNext = outerLtNext;
    this.nesting--;
  }

  /** A code span (or, with three backticks over several lines, a code block). */
  private codeSpan(whole: string, offset: number): Parsed {
    // Each backtick of an unclosed run would rescan the rest of the text: ask the run table instead.
    if (this.runs?.unclosedAt(offset)) return NONE;
    const found = codeSpan(whole, offset);
    if (found.consumed === 0) this.runs ??= BacktickRuns.of(whole);
    return found;
  }

  private emphasis(whole: string, offset: number): Parsed {
    const data = whole.slice(offset);
    const c = data[0]!;
    const n = data.length;
    if (n > 2 && data[1] !== c) {
      // Whitespace cannot follow an opening emphasis.
      if (isSpace(data[1])) return NONE;
      const found = this.helperEmphasis(data.slice(1), c);
      return found.consumed === 0 ? NONE : { consumed: found.consumed + 1, node: found.node };
    }
    if (n > 3 && data[1] === c && data[2] !== c) {
      if (isSpace(data[2])) return NONE;
      const found = this.helperDoubleEmphasis(data.slice(2), c);
      return found.consumed === 0 ? NONE : { consumed: found.consumed + 2, node: found.node };
    }
    if (n > 4 && data[1] === c && data[2] === c && data[3] !== c) {
      if (c === '~' || isSpace(data[3])) return NONE;
      const found = this.helperTripleEmphasis(data, 3, c);
      return found.consumed === 0 ? NONE : { consumed: found.consumed + 3, node: found.node };
    }
    return NONE;
  }

  private helperEmphasis(data: string, c: string): Parsed {
    let i = 0;
    if (data.length > 1 && data[0] === c && data[1] === c) i = 1;
    while (i < data.length) {
      const length = helperFindEmphChar(data.slice(i), c);
      if (length === 0) return NONE;
      i += length;
      if (i >= data.length) return NONE;
      if (i + 1 < data.length && data[i + 1] === c) {
        i++;
        continue;
      }
      if (data[i] === c && !isSpace(data[i - 1])) {
        // No intra-word emphasis: the closing marker must end a word.
        if (!(i + 1 === data.length || isSpace(data[i + 1]) || isPunctuation(data[i + 1]))) continue;
        const children: InlineNode[] = [];
        this.inline(children, data.slice(0, i));
        return { consumed: i + 1, node: { kind: 'emph', children } };
      }
    }
    return NONE;
  }

  private helperDoubleEmphasis(data: string, c: string): Parsed {
    let i = 0;
    while (i < data.length) {
      const length = helperFindEmphChar(data.slice(i), c);
      if (length === 0) return NONE;
      i += length;
      if (i + 1 < data.length && data[i] === c && data[i + 1] === c && i > 0 && !isSpace(data[i - 1])) {
        const children: InlineNode[] = [];
        this.inline(children, data.slice(0, i));
        return { consumed: i + 2, node: { kind: c === '~' ? 'del' : 'strong', children } };
      }
      i++;
    }
    return NONE;
  }

  private helperTripleEmphasis(origData: string, offset: number, c: string): Parsed {
    let i = 0;
    const data = origData.slice(offset);
    while (i < data.length) {
      const length = helperFindEmphChar(data.slice(i), c);
      if (length === 0) return NONE;
      i += length;
      if (data[i] !== c || isSpace(data[i - 1])) continue;
      if (i + 2 < data.length && data[i + 1] === c && data[i + 2] === c) {
        const children: InlineNode[] = [];
        this.inline(children, data.slice(0, i));
        return { consumed: i + 3, node: { kind: 'strong', children: [{ kind: 'emph', children }] } };
      }
      if (i + 1 < data.length && data[i + 1] === c) {
        const found = this.helperEmphasis(origData.slice(offset - 2), c);
        return found.consumed === 0 ? NONE : { consumed: found.consumed - 2, node: found.node };
      }
      const found = this.helperDoubleEmphasis(origData.slice(offset - 1), c);
      return found.consumed === 0 ? NONE : { consumed: found.consumed - 1, node: found.node };
    }
    return NONE;
  }

  /** `[`, `![` and `^[`: an inline link, a reference link or an image. */
  private link(whole: string, offset: number): Parsed {
    if (
      this.insideLink &&
      ((offset > 0 && whole[offset - 1] === '[') || (whole.length - 1 > offset && whole[offset + 1] === '^'))
    ) {
      return NONE;
    }
    let image = false;
    if (offset >= 0 && whole[offset] === '!') {
      image = true;
      offset++;
    }
    const data = whole.slice(offset);

    let i = 1;
    let textHasNl = false;
    for (let level = 1; level > 0 && i < data.length; i++) {
      if (data[i] === '\n') textHasNl = true;
      else if (data[i - 1] === '\\') continue;
      else if (data[i] === '[') level++;
      else if (data[i] === ']') {
        level--;
        if (level <= 0) i--;
      }
    }
    charge(i);
    if (i >= data.length) return NONE;
    const txtE = i;
    i++;
    i = skipSpace(data, i);

    let link = '';
    let title: string | undefined;
    if (i < data.length && data[i] === '(') {
      i++;
      i = skipSpace(data, i);
      let linkB = i;
      let brace = 0;
      findlinkend: while (i < data.length) {
        switch (data[i]) {
          case '\\':
            i += 2;
            break;
          case '(':
            brace++;
            i++;
            break;
          case ')':
            if (brace <= 0) break findlinkend;
            brace--;
            i++;
            break;
          case "'":
          case '"':
            break findlinkend;
          default:
            i++;
        }
      }
      charge(i - linkB);
      if (i >= data.length) return NONE;
      let linkE = i;
      let titleB = 0;
      let titleE = 0;
      if (data[i] === "'" || data[i] === '"') {
        i++;
        titleB = i;
        let titleEndCharFound = false;
        while (i < data.length) {
          if (data[i] === '\\') i++;
          else if (data[i] === data[titleB - 1]) titleEndCharFound = true;
          else if (titleEndCharFound && data[i] === ')') break;
          i++;
        }
        charge(i - titleB);
        if (i >= data.length) return NONE;
        titleE = i - 1;
        while (titleE > titleB && isSpace(data[titleE])) titleE--;
        if (data[titleE] !== "'" && data[titleE] !== '"') {
          titleB = 0;
          titleE = 0;
          linkE = i;
        }
      }
      while (linkE > linkB && isSpace(data[linkE - 1])) linkE--;
      if (data[linkB] === '<') linkB++;
      if (data[linkE - 1] === '>') linkE--;
      if (linkE > linkB) link = data.slice(linkB, linkE);
      if (titleE > titleB) title = data.slice(titleB, titleE);
      i++;
    } else if (i < data.length - 1 && data[i] === '[' && data[i + 1] !== '^') {
      // [text][id], or [text][] with the text as id.
      i++;
      const linkB = i;
      i = skipUntilChar(data, i, ']');
      charge(i - linkB);
      if (i >= data.length) return NONE;
      const linkE = i;
      const id =
        linkB === linkE
          ? textHasNl
            ? joinLines(data, txtE)
            : data.slice(1, txtE)
          : data.slice(linkB, linkE);
      const ref = this.refs.get(id.toLowerCase());
      if (!ref) return NONE;
      link = ref.link;
      title = ref.title;
      i++;
    } else {
      // [id]: a shortcut reference.
      const id = textHasNl ? joinLines(data, txtE) : data.slice(1, txtE);
      const ref = this.refs.get(id.toLowerCase());
      if (!ref) return NONE;
      link = ref.link;
      title = ref.title;
      i = txtE + 1;
    }

    const destination = link.length > 0 ? unescapeText(link) : '';
    if (image) {
      return {
        consumed: i + 1,
        node: { kind: 'image', destination, title, children: [text(data.slice(1, txtE))] },
      };
    }
    // Links cannot contain other links: link parsing is off while the text is parsed.
    const children: InlineNode[] = [];
    const insideLink = this.insideLink;
    this.insideLink = true;
    this.inline(children, data.slice(1, txtE));
    this.insideLink = insideLink;
    return { consumed: i, node: { kind: 'link', destination, title: title ?? '', children } };
  }

  private maybeAutoLink(data: string, offset: number): Parsed {
    if (this.insideLink || data.length < offset + 6) return NONE;
    const head = data.slice(offset, Math.min(offset + 8, data.length));
    for (const prefix of PROTOCOL_PREFIXES) {
      if (hasPrefixCaseInsensitive(head, prefix))
        return autoLink(data, offset, this.lastLtAtOrBefore(data, offset));
    }
    return NONE;
  }

  /** Where upstream's backward scan for `<` from `offset` stops: the last `<` at or before it, else 0. */
  private lastLtAtOrBefore(data: string, offset: number): number {
    // inline() asks with growing offsets, so each `<` of the text is looked for once.
    if (this.ltNext === -2) this.ltNext = data.indexOf('<');
    while (this.ltNext !== -1 && this.ltNext <= offset) {
      this.ltAt = this.ltNext;
      this.ltNext = data.indexOf('<', this.ltNext + 1);
    }
    return this.ltAt;
  }
}

function joinLines(data: string, txtE: number): string {
  let id = '';
  for (let j = 1; j < txtE; j++) {
    if (data[j] !== '\n') id += data[j];
    else if (data[j - 1] !== ' ') id += ' ';
  }
  return id;
}

/** Look for the next emphasis character, skipping code spans and links. */
function helperFindEmphChar(data: string, c: string): number {
  let i = 0;
  while (i < data.length) {
    while (i < data.length && data[i] !== c && data[i] !== '`' && data[i] !== '[') i++;
    if (i >= data.length) return scanned(i, 0);
    if (i !== 0 && data[i - 1] === '\\') {
      i++;
      continue;
    }
    if (data[i] === c) return scanned(i, i);
    if (data[i] === '`') {
      let tmpI = 0;
      i++;
      while (i < data.length && data[i] !== '`') {
        if (tmpI === 0 && data[i] === c) tmpI = i;
        i++;
      }
      if (i >= data.length) return scanned(i, tmpI);
      i++;
    } else if (data[i] === '[') {
      let tmpI = 0;
      i++;
      while (i < data.length && data[i] !== ']') {
        if (tmpI === 0 && data[i] === c) tmpI = i;
        i++;
      }
      i++;
      while (i < data.length && (data[i] === ' ' || data[i] === '\n')) i++;
      if (i >= data.length) return scanned(i, tmpI);
      if (data[i] !== '[' && data[i] !== '(') {
        if (tmpI > 0) return scanned(i, tmpI);
        continue;
      }
      const cc = data[i];
      i++;
      while (i < data.length && data[i] !== cc) {
        if (tmpI === 0 && data[i] === c) return scanned(i, i);
        i++;
      }
      if (i >= data.length) return scanned(i, tmpI);
      i++;
    }
  }
  return scanned(i, 0);
}

/** The result of a scan that read up to index `i`, charged to the work budget. */
function scanned(i: number, result: number): number {
  charge(i);
  return result;
}

function maybeLineBreak(data: string, offset: number): Parsed {
  const origOffset = offset;
  offset = skipChar(data, offset, ' ');
  charge(offset - origOffset);
  if (offset < data.length && data[offset] === '\n') {
    if (offset - origOffset >= 2) return { consumed: offset - origOffset + 1, node: { kind: 'hardbreak' } };
    return { consumed: offset - origOffset };
  }
  return NONE;
}

/** gomarkdown's codeSpan, as written; InlineParser.codeSpan skips the searches known to fail. */
function codeSpan(whole: string, offset: number): Parsed {
  const data = whole.slice(offset);
  const nb = skipChar(data, 0, '`');
  let i = 0;
  let end = nb;
  let hasLFBeforeDelimiter = false;
  for (; end < data.length && i < nb; end++) {
    if (data[end] === '\n') hasLFBeforeDelimiter = true;
    if (data[end] === '`') i++;
    else i = 0;
  }
  charge(end);
  if (i < nb && end >= data.length) return NONE;
  let hasCharsAfterDelimiter = false;
  for (let j = end; j < data.length; j++) {
    if (data[j] === '\n') break;
    if (!isSpace(data[j])) {
      hasCharsAfterDelimiter = true;
      break;
    }
  }
  let fBegin = nb;
  while (fBegin < end && data[fBegin] === ' ') fBegin++;
  let fEnd = end - nb;
  while (fEnd > fBegin && data[fEnd - 1] === ' ') fEnd--;
  if (fBegin === fEnd) return { consumed: end };
  if (nb === 3) {
    const syntax = syntaxRange(data, fBegin);
    if (hasLFBeforeDelimiter && !hasCharsAfterDelimiter) {
      return {
        consumed: end,
        node: {
          kind: 'codeblock',
          info: data.slice(syntax.start, syntax.start + syntax.length),
          literal: data.slice(syntax.next, fEnd),
        },
      };
    }
  }
  return { consumed: end, node: { kind: 'code', literal: data.slice(fBegin, fEnd) } };
}

/** `<`: an HTML tag or comment (kept as raw HTML), or an autolink `<http://…>` / `<a@b.c>`. */
function leftAngle(whole: string, offset: number): Parsed {
  const data = whole.slice(offset);
  const tag = tagLength(data);
  let end = tag.end;
  const comment = inlineHTMLComment(data);
  if (comment > 0) end = comment;
  if (end <= 2) return { consumed: end };
  if (tag.type === 'none') return { consumed: end, node: { kind: 'html', literal: data.slice(0, end) } };
  const link = unescapeText(data.slice(1, end + 1 - 2));
  if (link.length <= 0) return { consumed: end };
  const destination = tag.type === 'email' ? `mailto:${link}` : link;
  return {
    consumed: end,
    node: { kind: 'link', destination, title: '', children: [text(stripMailto(link))] },
  };
}

function inlineHTMLComment(data: string): number {
  if (data.length < 5 || !data.startsWith('<!--')) return 0;
  let i = 5;
  while (i < data.length && !(data[i - 2] === '-' && data[i - 1] === '-' && data[i] === '>')) i++;
  charge(i);
  if (i >= data.length) return 0;
  return i + 1;
}

function stripMailto(link: string): string {
  if (link.startsWith('mailto://')) return link.slice(9);
  if (link.startsWith('mailto:')) return link.slice(7);
  return link;
}

/** tagLength: the length of a tag at the start of data, and whether it is an autolink. */
function tagLength(data: string): { type: 'none' | 'normal' | 'email'; end: number } {
  if (data.length < 3 || data[0] !== '<') return { type: 'none', end: 0 };
  let i = data[1] === '/' ? 2 : 1;
  if (!isAlnum(data[i])) return { type: 'none', end: 0 };
  let type: 'none' | 'normal' | 'email' = 'none';
  while (i < data.length && (isAlnum(data[i]) || data[i] === '.' || data[i] === '+' || data[i] === '-')) i++;
  if (i > 1 && i < data.length && data[i] === '@') {
    const j = isMailtoAutoLink(data.slice(i));
    if (j !== 0) return { type: 'email', end: i + j };
  }
  if (i > 2 && i < data.length && data[i] === ':') {
    type = 'normal';
    i++;
  }
  if (i >= data.length) {
    type = 'none';
  } else if (type !== 'none') {
    const j = i;
    while (i < data.length) {
      if (data[i] === '\\') i += 2;
      else if (data[i] === '>' || data[i] === "'" || data[i] === '"' || isSpace(data[i])) break;
      else i++;
    }
    charge(i);
    if (i >= data.length) return { type, end: 0 };
    if (i > j && data[i] === '>') return { type, end: i + 1 };
    type = 'none';
  }
  // Upstream adds IndexByte's -1 when there is no `>`: the tag then ends where the name did.
  const close = data.indexOf('>', i);
  charge(close === -1 ? data.length : close);
  i += close === -1 ? -1 : close - i;
  if (i < 0) return { type, end: 0 };
  return { type, end: i + 1 };
}

function isMailtoAutoLink(data: string): number {
  let nb = 0;
  for (let i = 0; i < data.length; i++) {
    charge(1);
    const c = data[i]!;
    if (isAlnum(c)) continue;
    switch (c) {
      case '@':
        nb++;
        break;
      case '-':
      case '.':
      case '_':
        break;
      case '>':
        return nb === 1 ? i + 1 : 0;
      default:
        return 0;
    }
  }
  return 0;
}

function backslashEscape(whole: string, offset: number): Parsed {
  const data = whole.slice(offset, offset + 2);
  if (data.length <= 1) return { consumed: 2 };
  if (data[1] === '\n') return { consumed: 2, node: { kind: 'hardbreak' } };
  if (!ESCAPE_CHARS.includes(data[1]!)) return NONE;
  return { consumed: 2, node: text(data[1]!) };
}

/** `&…;`: `&amp;` becomes `&`, numeric references their character; other names stay as written. */
function entity(whole: string, offset: number): Parsed {
  const data = whole.slice(offset);
  let end = skipCharN(data, 1, '#', 1);
  end = skipAlnum(data, end);
  charge(end);
  if (end < data.length && data[end] === ';') end++;
  else return NONE;
  const ent = data.slice(0, end);
  if (ent === '&amp;') return { consumed: end, node: text('&') };
  if (ent.length < 4) return { consumed: end, node: text(ent) };
  const hex = ent[2] === 'x' || ent[2] === 'X';
  const digits = hex ? ent.slice(3, -1) : ent.slice(2, -1);
  const value = parseUint64(digits, hex ? 16 : 10);
  if (value !== undefined) return { consumed: end, node: text(goRuneString(value)) };
  return { consumed: end, node: text(ent) };
}

/** strconv.ParseUint(s, base, 64): undefined on a syntax or range error. */
function parseUint64(digits: string, base: 10 | 16): bigint | undefined {
  if (!(base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const value = BigInt(base === 16 ? `0x${digits}` : digits);
  return value > 0xffffffffffffffffn ? undefined : value;
}

/** Go's string(rune(x)) for a uint64 x: truncated to int32; invalid code points become U+FFFD. */
export function goRuneString(value: bigint): string {
  const rune = Number(BigInt.asIntN(32, value));
  if (rune < 0 || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(rune);
}

function math(whole: string, offset: number): Parsed {
  const data = whole.slice(offset);
  if (data.length <= 2 || data[1] === '$') return NONE;
  const end = data.indexOf('$', 1);
  charge(end === -1 ? data.length : end);
  if (end === -1) return NONE;
  return { consumed: end + 1, node: { kind: 'math', literal: data.slice(1, end) } };
}

function hasPrefixCaseInsensitive(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const b = prefix.charCodeAt(i);
    const c = s.charCodeAt(i);
    // Upstream compares byte b with s[i] and s[i] + ('a' - 'A') (a byte, so it wraps).
    if (b !== c && (c >= 0x80 || b !== ((c + 32) & 0xff))) return false;
  }
  return true;
}

function isSafeUrl(url: string): boolean {
  for (const path of SAFE_PATHS) {
    if (url.length >= path.length && url.startsWith(path)) {
      if (url.length === path.length || isAlnum(url[path.length])) return true;
    }
  }
  for (const prefix of SAFE_URIS) {
    const head = url.slice(0, prefix.length).replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (url.length > prefix.length && head === prefix && isAlnum(url[prefix.length])) return true;
  }
  return false;
}

function autoLink(origData: string, offset: number, anchorStart: number): Parsed {
  // Not inside an anchor element already.
  const offsetFromAnchor = offset - anchorStart;
  // The pattern reads at most to the end of the text.
  if (origData[anchorStart] === '<') charge(origData.length - anchorStart);
  const anchor = ANCHOR_RE.exec(origData.slice(anchorStart))?.[0];
  if (anchor !== undefined) {
    return {
      consumed: anchor.length - offsetFromAnchor,
      node: { kind: 'html', literal: anchor.slice(offsetFromAnchor) },
    };
  }

  let rewind = 0;
  while (offset - rewind > 0 && rewind <= 7 && isLetter(origData[offset - rewind - 1])) rewind++;
  if (rewind > 6) return NONE;
  const data = origData.slice(offset - rewind);
  if (!isSafeUrl(data)) return NONE;

  let linkEnd = 0;
  while (linkEnd < data.length && !(isSpace(data[linkEnd]) || data[linkEnd] === '<')) linkEnd++;
  if ((data[linkEnd - 1] === '.' || data[linkEnd - 1] === ',') && data[linkEnd - 2] !== '\\') linkEnd--;
  if (data[linkEnd - 1] === ';' && data[linkEnd - 2] !== '\\' && !linkEndsWithEntity(data, linkEnd))
    linkEnd--;

  const closers: Record<string, string> = { '"': '"', "'": "'", ')': '(', ']': '[', '}': '{' };
  const copen = closers[data[linkEnd - 1]!];
  if (copen !== undefined) {
    let bufEnd = offset - rewind + linkEnd - 2;
    let openDelim = 1;
    // A closing punctuation that closes outside the URL is not part of it.
    const scanFrom = bufEnd;
    while (bufEnd >= 0 && origData[bufEnd] !== '\n' && openDelim !== 0) {
      if (origData[bufEnd] === data[linkEnd - 1]) openDelim++;
      if (origData[bufEnd] === copen) openDelim--;
      bufEnd--;
    }
    charge(scanFrom - bufEnd);
    if (openDelim === 0) linkEnd--;
  }

  const link = unescapeText(data.slice(0, linkEnd));
  if (link.length > 0) {
    return {
      consumed: linkEnd,
      node: { kind: 'link', destination: link, title: '', children: [text(link)] },
    };
  }
  return { consumed: linkEnd };
}

function linkEndsWithEntity(data: string, linkEnd: number): boolean {
  let lastEnd = -1;
  for (const match of data.slice(0, linkEnd).matchAll(HTML_ENTITY_RE))
    lastEnd = match.index + match[0].length;
  return lastEnd === linkEnd;
}

/** unescapeText: drop each backslash and keep the character after it. */
function unescapeText(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const org = i;
    while (i < src.length && src[i] !== '\\') i++;
    if (i > org) out += src.slice(org, i);
    if (i + 1 >= src.length) break;
    out += src[i + 1];
    i += 2;
  }
  return out;
}
