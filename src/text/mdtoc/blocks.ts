// The block pass of gomarkdown (github.com/gomarkdown/markdown@v0.0.0-20240328165702-4d01890c35c0,
// parser/block.go, block_table.go, caption.go, parser.go), as sigs.k8s.io/mdtoc v1.4.0 configures it:
// parser.CommonExtensions plus mmark's ParserHook. Only what decides where headings are is kept: the
// headings themselves (with their raw inline text) and the link reference definitions their text may use.
// It is a line-for-line port, quirks included (an unclosed fence is no code block; `---` at the start of a
// block opens an mmark title block that runs to the next `---`; headings need `# ` at the very line start).
//
// Go slices bytes; this works on UTF-16 code units in Uint16Array views (subarray), which gives the same
// answers because every comparison is against an ASCII character. Typed arrays keep the hot loops
// monomorphic: string slices come in half a dozen representations that each cost V8 a deoptimisation.

/** A heading as the block pass finds it: level and the raw text that the inline pass parses. */
export interface RawHeading {
  level: number;
  content: string;
}

/** A link reference definition (`[id]: link "title"`). */
export interface LinkReference {
  link: string;
  title: string;
}

import { endianness } from 'node:os';
import { charge } from './budget.js';
import { BacktickRuns } from './runs.js';

type Text = Uint16Array;

// Bits of gomarkdown's ast.ListType that the list parser reads.
const ORDERED = 1;
const DEFINITION = 2;
const TERM = 4;
const CONTAINS_BLOCK = 8;
const BEGINNING_OF_LIST = 16;
const END_OF_LIST = 32;

const MAX_NESTING = 16;

const TAB = 9;
const NL = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;

const BLOCK_TAGS = new Set([
  'blockquote',
  'del',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'iframe',
  'ins',
  'li',
  'math',
  'noscript',
  'ol',
  'pre',
  'p',
  'script',
  'style',
  'table',
  'ul',
  'address',
  'article',
  'aside',
  'canvas',
  'details',
  'dialog',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'main',
  'nav',
  'output',
  'progress',
  'section',
  'video',
]);

const LITTLE_ENDIAN = endianness() === 'LE';
// One buffer per thread that documents are encoded into: parsing is synchronous and keeps no view of it.
let scratch = Buffer.alloc(0);

/** The UTF-16 code units of a string, in a buffer that the next call reuses. */
function toCodes(text: string): Text {
  if (LITTLE_ENDIAN) {
    if (scratch.length < text.length * 2)
      scratch = Buffer.allocUnsafeSlow(Math.max(1 << 20, text.length * 4));
    scratch.write(text, 0, 'utf16le');
    return new Uint16Array(scratch.buffer, scratch.byteOffset, text.length);
  }
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

function decode(data: Text): string {
  let out = '';
  for (let i = 0; i < data.length; i += 8192) {
    out += String.fromCharCode.apply(null, data.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

function concat(parts: Text[], length: number): Text {
  const out = new Uint16Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A list item's content: ranges of one source text and inserted newlines, assembled only when asked. */
class Ranges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  length = 0;

  constructor(private readonly source: Text) {}

  add(start: number, end: number): void {
    if (end <= start) return;
    const last = this.ends.length - 1;
    // A line that continues where the last one ended joins it, so a plain item is one view of the source.
    if (last >= 0 && this.starts[last] !== -1 && this.ends[last] === start) this.ends[last] = end;
    else {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.length += end - start;
  }

  newline(): void {
    this.starts.push(-1);
    this.ends.push(-1);
    this.length++;
  }

  /** The content from offset `from` to `to`: a view of the source when it lies in one range, else a copy. */
  text(from = 0, to = this.length): Text {
    let offset = 0;
    for (let k = 0; k < this.starts.length; k++) {
      const start = this.starts[k]!;
      const size = start === -1 ? 1 : this.ends[k]! - start;
      if (start !== -1 && from >= offset && to <= offset + size)
        return this.source.subarray(start + from - offset, start + to - offset);
      offset += size;
    }
    const out = new Uint16Array(to - from);
    offset = 0;
    let written = 0;
    for (let k = 0; k < this.starts.length && offset < to; k++) {
      const start = this.starts[k]!;
      const size = start === -1 ? 1 : this.ends[k]! - start;
      const lo = Math.max(from, offset);
      const hi = Math.min(to, offset + size);
      if (lo < hi) {
        if (start === -1) out[written] = NL;
        else out.set(this.source.subarray(start + lo - offset, start + hi - offset), written);
        written += hi - lo;
      }
      offset += size;
    }
    return out;
  }
}

function startsWith(data: Text, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Index of the first occurrence of a run of three `c` at or after `from`, or -1. */
function indexOfTriple(data: Text, c: number, from: number): number {
  for (let i = data.indexOf(c, from); i !== -1 && i + 2 < data.length; i = data.indexOf(c, i + 1)) {
    if (data[i + 1] === c && data[i + 2] === c) return i;
  }
  return -1;
}

function skipChar(data: Text, i: number, c: number): number {
  const n = data.length;
  while (i < n && data[i] === c) i++;
  return i;
}

function skipCharN(data: Text, i: number, c: number, max: number): number {
  const n = data.length;
  while (i < n && max > 0 && data[i] === c) {
    i++;
    max--;
  }
  return i;
}

function skipUntilChar(data: Text, i: number, c: number): number {
  if (i >= data.length) return i;
  const index = data.indexOf(c, i);
  return index === -1 ? data.length : index;
}

function backUntilChar(data: Text, i: number, c: number): number {
  while (i > 0 && data[i - 1] !== c) i--;
  return i;
}

function isSpace(c: number | undefined): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || c === FF || c === VT;
}

function isAlnum(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90));
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/** gomarkdown's IsEmpty: the length of a blank first line (with its newline), or 0. */
function isEmpty(data: Text, at = 0): number {
  if (data.length <= at) return 0;
  let i = at;
  for (; i < data.length && data[i] !== NL; i++) {
    if (data[i] !== SPACE && data[i] !== TAB) return 0;
  }
  return skipCharN(data, i, NL, 1) - at;
}

/** Whether data[i] follows an odd number of backslashes (counted back to index `from`). */
function isBackslashEscaped(data: Text, i: number, from = 0): boolean {
  let backslashes = 0;
  while (i - backslashes - 1 >= from && data[i - backslashes - 1] === BACKSLASH) backslashes++;
  return (backslashes & 1) === 1;
}

export class BlockParser {
  readonly headings: RawHeading[] = [];
  readonly refs = new Map<string, LinkReference>();
  private nesting = 0;

  /** Parse a document (Unix newlines). */
  parse(markdown: string): void {
    clearMemos();
    try {
      this.block(toCodes(markdown));
    } finally {
      clearMemos();
    }
  }

  /** Parser.Block: one block-level construct at a time (tests run at an offset; Go slices `data[i:]`). */
  private block(data: Text): void {
    if (this.nesting >= MAX_NESTING) return;
    this.nesting++;
    const n = data.length;
    let at = 0;
    while (at < n) {
      const c = data[at];
      // mmark's ParserHook runs first at every block start (TitleHook, then ReferenceHook).
      const hooked =
        c === DASH || c === PERCENT ? titleHook(data, at) : c === LT ? referenceHook(data, at) : 0;
      if (hooked > 0) {
        at += hooked;
        continue;
      }
      if (isPrefixHeading(data, at)) {
        at += this.prefixHeading(data, at, false);
        continue;
      }
      if (isPrefixSpecialHeading(data, at)) {
        at += this.prefixHeading(data, at, true);
        continue;
      }
      if (c === LT) {
        const size = html(data, at);
        if (size > 0) {
          at += size;
          continue;
        }
      }
      const blank = isEmpty(data, at);
      if (blank > 0) {
        at += blank;
        continue;
      }
      if (codePrefix(data, at) > 0) {
        at += code(data.subarray(at));
        continue;
      }
      const fenced = fencedCodeBlock(data, at);
      if (fenced > 0) {
        at += fenced;
        continue;
      }
      if (isHRule(data, at)) {
        at = skipUntilChar(data, at, NL);
        continue;
      }
      if (quotePrefix(data, at) > 0) {
        at += this.quote(data.subarray(at));
        continue;
      }
      if (tableHeader(data, at) > 0) {
        at += tableBlock(data.subarray(at));
        continue;
      }
      if (uliPrefix(data, at) > 0) {
        at += this.list(data.subarray(at), 0);
        continue;
      }
      if (oliPrefix(data, at) > 0) {
        at += this.list(data.subarray(at), ORDERED);
        continue;
      }
      if (dliPrefix(data, at) > 0) {
        at += this.list(data.subarray(at), DEFINITION);
        continue;
      }
      const math = c === DOLLAR ? blockMath(data.subarray(at)) : 0;
      if (math > 0) {
        at += math;
        continue;
      }
      // Upstream would loop forever on a paragraph of nothing; it cannot happen, but never hang.
      at += Math.max(1, this.paragraph(data, at));
    }
    this.nesting--;
  }

  /** prefixHeading and prefixSpecialHeading (`.# Abstract`, level 1), at data[at:]; returns the length taken. */
  private prefixHeading(data: Text, at: number, special: boolean): number {
    const level = special ? 1 : skipCharN(data, at, HASH, 6) - at;
    const i = skipChar(data, at + (special ? 2 : level), SPACE);
    let end = skipUntilChar(data, i, NL);
    let skip = end;
    // HeadingIDs: `{#id}` ends the heading text; what follows it on the line is parsed as a new block.
    let j = i;
    while (j < end - 1 && (data[j] !== LBRACE || data[j + 1] !== HASH)) j++;
    let k = j + 1;
    while (k < end && data[k] !== RBRACE) k++;
    if (j < end && k < end) {
      end = j;
      skip = k + 1;
      while (end > at && data[end - 1] === SPACE) end--;
    }
    while (end > at && data[end - 1] === HASH) {
      if (isBackslashEscaped(data, end - 1, at)) break;
      end--;
    }
    while (end > at && data[end - 1] === SPACE) end--;
    if (end > i) this.headings.push({ level, content: decode(data.subarray(i, end)) });
    return skip - at;
  }

  private quote(data: Text): number {
    const raw: Text[] = [];
    let rawLength = 0;
    let beg = 0;
    let end = 0;
    while (beg < data.length) {
      end = beg;
      // Whole lines, except that a fenced code block (even one starting mid-line) is taken whole.
      while (end < data.length && data[end] !== NL) {
        const fenced = fencedCodeBlock(data, end);
        if (fenced > 0) {
          end += fenced - 1;
          break;
        }
        end++;
      }
      end = skipCharN(data, end, NL, 1);
      const pre = quotePrefix(data, beg);
      if (pre > 0) beg += pre;
      else if (terminateBlockquote(data, beg, end)) break;
      if (end > beg) {
        raw.push(data.subarray(beg, end));
        rawLength += end - beg;
      }
      beg = end;
    }
    this.block(concat(raw, rawLength));
    return end;
  }

  private list(data: Text, type: number): number {
    let i = 0;
    const flags = { value: type | BEGINNING_OF_LIST };
    while (i < data.length) {
      const skip = this.listItem(data.subarray(i), flags);
      i += skip;
      if (skip === 0 || (flags.value & END_OF_LIST) !== 0) break;
      flags.value &= ~BEGINNING_OF_LIST;
    }
    return i;
  }

  private listItem(data: Text, flags: { value: number }): number {
    let itemIndent = 0;
    if (data[0] === TAB) itemIndent += 4;
    else while (itemIndent < 3 && data[itemIndent] === SPACE) itemIndent++;

    let i = uliPrefix(data);
    if (i === 0) i = oliPrefix(data);
    if (i === 0) {
      i = dliPrefix(data);
      if (i > 0) flags.value &= ~TERM;
    }
    if (i === 0) {
      if ((flags.value & DEFINITION) !== 0) flags.value |= TERM;
      else return 0;
    }
    i = skipChar(data, i, SPACE);
    let line = i;
    while (i > 0 && i < data.length && data[i - 1] !== NL) i++;
    const raw = new Ranges(data);
    raw.add(line, i);
    line = i;

    let containsBlankLine = false;
    let sublist = 0;
    while (line < data.length) {
      i++;
      while (i < data.length && data[i - 1] !== NL) i++;
      if (isEmpty(data, line) > 0) {
        containsBlankLine = true;
        line = i;
        continue;
      }
      let indent = 0;
      let indentIndex = 0;
      if (data[line] === TAB) {
        indentIndex++;
        indent += 4;
      } else {
        while (indent < 4 && line + indent < i && data[line + indent] === SPACE) {
          indent++;
          indentIndex++;
        }
      }
      // The line's chunk is data[chunk:i]; it ends at a newline (or the end), so the tests can run on data.
      let chunk = line + indentIndex;

      // A fence line without indent is not part of the list.
      if (indent === 0 && isFenceLine(data, line, undefined).end > 0) {
        flags.value |= END_OF_LIST;
        break;
      }

      if (
        (uliPrefix(data, chunk) > 0 && !isHRule(data, chunk)) ||
        oliPrefix(data, chunk) > 0 ||
        dliPrefix(data, chunk) > 0
      ) {
        if (indentIndex >= 4 && dliPrefix(data, chunk) <= 0) {
          const leadingWhiteSpaces = skipChar(data, chunk, SPACE) - chunk;
          chunk = line + indentIndex - (leadingWhiteSpaces + 1);
        }
        // A nested list must be indented more; otherwise it is the next item or another list.
        if (indent <= itemIndent) {
          if (listTypeChanged(data, chunk, flags.value)) flags.value |= END_OF_LIST;
          else if (containsBlankLine) flags.value |= CONTAINS_BLOCK;
          break;
        }
        if (containsBlankLine) flags.value |= CONTAINS_BLOCK;
        if (sublist === 0) {
          sublist = raw.length;
          if (dliPrefix(data, chunk) > 0) sublist = backUntilChar(raw.text(), raw.length - 1, NL);
        }
      } else if (isPrefixHeading(data, chunk) || isPrefixSpecialHeading(data, chunk)) {
        // An unindented heading after a blank line ends the list.
        if (containsBlankLine && indent < 4) {
          flags.value |= END_OF_LIST;
          break;
        }
        flags.value |= CONTAINS_BLOCK;
      } else if (containsBlankLine && indent < 4) {
        if ((flags.value & DEFINITION) !== 0 && i < data.length - 1) {
          let next = skipUntilChar(data, i, NL);
          while (next < data.length - 1 && data[next] === NL) next++;
          if (i < data.length - 1 && data[i] !== COLON && next < data.length - 1 && data[next] !== COLON) {
            flags.value |= END_OF_LIST;
          }
        } else {
          flags.value |= END_OF_LIST;
        }
        break;
      } else if (containsBlankLine) {
        raw.newline();
        flags.value |= CONTAINS_BLOCK;
      }

      if (containsBlankLine) {
        containsBlankLine = false;
        raw.newline();
      }
      raw.add(chunk, i);
      line = i;
    }

    // The content is only assembled when it is parsed as blocks.
    if ((flags.value & CONTAINS_BLOCK) !== 0 && (flags.value & TERM) === 0) {
      if (sublist > 0) {
        this.block(raw.text(0, sublist));
        this.block(raw.text(sublist));
      } else {
        this.block(raw.text());
      }
    } else if (sublist > 0) {
      // The item's own text is a paragraph (no headings); only the sublist is parsed as blocks.
      this.block(raw.text(sublist));
    }
    return line;
  }

  /** Parser.paragraph at data[start:]: the length it takes (a setext heading ends it, and is recorded). */
  private paragraph(data: Text, start: number): number {
    let prev = start;
    let line = start;
    let i = start;
    while (i < data.length) {
      prev = line;
      line = i;
      // Every test below looks at the line at i (Go passes data[i:]).
      const refEnd = this.reference(data, i);
      if (refEnd > 0) return i + refEnd - start;

      const blank = isEmpty(data, i);
      if (blank > 0) {
        // A blank line followed by a definition list item: the previous line is its term.
        if (i < data.length - 1 && data[i + 1] === COLON)
          return prev - start + this.list(data.subarray(prev), DEFINITION);
        return i + blank - start;
      }

      if (i > start) {
        const level = isUnderlinedHeading(data, i);
        if (level > 0) {
          // Only the line above the underline is the heading; the lines before it stay a paragraph.
          let eol = i - 1;
          while (prev < eol && data[prev] === SPACE) prev++;
          while (eol > prev && data[eol - 1] === SPACE) eol--;
          this.headings.push({ level, content: decode(data.subarray(prev, eol)) });
          return skipUntilChar(data, i, NL) - start;
        }
      }

      if (isPrefixHeading(data, i) || isPrefixSpecialHeading(data, i) || isHRule(data, i)) return i - start;
      if (quotePrefix(data, i) > 0) return i - start;
      if (fencedCodeBlock(data, i) > 0) return i - start;
      if (tableHeader(data, i) > 0) return i - start;
      if (dliPrefix(data, i) !== 0) return prev - start + this.list(data.subarray(prev), DEFINITION);

      const newline = data.indexOf(NL, i);
      i = newline >= 0 ? newline + 1 : data.length;
    }
    return i - start;
  }

  /** isReference: a link reference definition at data[at:] is recorded; returns its length. */
  private reference(whole: Text, at: number): number {
    // Only a `[` after at most three spaces can start one.
    let first = at;
    while (first < at + 3 && whole[first] === SPACE) first++;
    if (whole[first] !== LBRACKET) return 0;
    const data = whole.subarray(at);
    if (data.length < 4) return 0;
    let i = 0;
    while (i < 3 && data[i] === SPACE) i++;
    if (data[i] !== LBRACKET) return 0;
    i++;
    const idOffset = i;
    while (i < data.length && data[i] !== NL && data[i] !== CR && data[i] !== RBRACKET) i++;
    if (i >= data.length || data[i] !== RBRACKET) return 0;
    const idEnd = i;
    if (idOffset === idEnd) return 0;
    i++;
    if (i >= data.length || data[i] !== COLON) return 0;
    i++;
    while (i < data.length && (data[i] === SPACE || data[i] === TAB)) i++;
    if (i < data.length && (data[i] === NL || data[i] === CR)) {
      i++;
      if (i < data.length && data[i] === NL && data[i - 1] === CR) i++;
    }
    while (i < data.length && (data[i] === SPACE || data[i] === TAB)) i++;
    if (i >= data.length) return 0;

    const scanned = scanLinkRef(data, i);
    if (scanned.lineEnd === 0) return 0;
    this.refs.set(decode(data.subarray(idOffset, idEnd)).toLowerCase(), {
      link: decode(data.subarray(scanned.linkOffset, scanned.linkEnd)),
      title: decode(data.subarray(scanned.titleOffset, scanned.titleEnd)),
    });
    return scanned.lineEnd;
  }
}

function scanLinkRef(
  data: Text,
  i: number,
): { linkOffset: number; linkEnd: number; titleOffset: number; titleEnd: number; lineEnd: number } {
  const result = { linkOffset: 0, linkEnd: 0, titleOffset: 0, titleEnd: 0, lineEnd: 0 };
  if (data[i] === LT) i++;
  result.linkOffset = i;
  while (i < data.length && data[i] !== SPACE && data[i] !== TAB && data[i] !== NL && data[i] !== CR) i++;
  result.linkEnd = i;
  if (result.linkEnd < data.length && data[result.linkOffset] === LT && data[result.linkEnd - 1] === GT) {
    result.linkOffset++;
    result.linkEnd--;
  }
  while (i < data.length && (data[i] === SPACE || data[i] === TAB)) i++;
  if (
    i < data.length &&
    data[i] !== NL &&
    data[i] !== CR &&
    data[i] !== QUOTE &&
    data[i] !== DQUOTE &&
    data[i] !== LPAREN
  ) {
    return result;
  }
  if (i >= data.length || data[i] === CR || data[i] === NL) result.lineEnd = i;
  if (i + 1 < data.length && data[i] === CR && data[i + 1] === NL) result.lineEnd++;
  if (result.lineEnd > 0) {
    i = result.lineEnd + 1;
    while (i < data.length && (data[i] === SPACE || data[i] === TAB)) i++;
  }
  if (i + 1 < data.length && (data[i] === QUOTE || data[i] === DQUOTE || data[i] === LPAREN)) {
    i++;
    result.titleOffset = i;
    while (i < data.length && data[i] !== NL && data[i] !== CR) i++;
    if (i + 1 < data.length && data[i] === NL && data[i + 1] === CR) result.titleEnd = i + 1;
    else result.titleEnd = i;
    i--;
    while (i > result.titleOffset && (data[i] === SPACE || data[i] === TAB)) i--;
    if (i > result.titleOffset && (data[i] === QUOTE || data[i] === DQUOTE || data[i] === RPAREN)) {
      result.lineEnd = result.titleEnd;
      result.titleEnd = i;
    }
  }
  return result;
}

/** mmark's TitleHook at data[at:]: `---` or `%%%` at a block start swallows everything up to the next such run. */
function titleHook(data: Text, at: number): number {
  if (data.length - at < 3) return 0;
  const c = data[at]!;
  if (c !== PERCENT && c !== DASH) return 0;
  if (data[at + 1] !== c || data[at + 2] !== c) return 0;
  const found = indexOfTriple(data, c, at + 3);
  return found === -1 ? 0 : found + 3 - at;
}

/** mmark's ReferenceHook at data[at:]: `<reference ` runs to `</reference>` (or to the end). */
function referenceHook(data: Text, at: number): number {
  if (data[at] !== LT || !startsWith(data.subarray(at), '<reference ')) return 0;
  for (let i = data.indexOf(GT, at); i !== -1; i = data.indexOf(GT, i + 1)) {
    if (i - at >= 11 && startsWith(data.subarray(i - 11), '</reference>')) return i + 1 - at;
  }
  return data.length - at;
}

function isPrefixHeading(data: Text, at = 0): boolean {
  if (data.length > at && data[at] !== HASH) return false;
  const level = skipCharN(data, at, HASH, 6);
  return level !== data.length && data[level] === SPACE;
}

function isPrefixSpecialHeading(data: Text, at = 0): boolean {
  return (
    data.length - at >= 4 &&
    data[at] === DOT &&
    data[at + 1] === HASH &&
    data[at + 2] !== HASH &&
    data[at + 2] === SPACE
  );
}

function isUnderlinedHeading(data: Text, at: number): number {
  const c = data[at];
  if (c !== EQUALS && c !== DASH) return 0;
  let i = skipChar(data, at + 1, c);
  i = skipChar(data, i, SPACE);
  if (i < data.length && data[i] === NL) return c === EQUALS ? 1 : 2;
  return 0;
}

/** Parser.html at whole[at:]: a block-level HTML element, an HTML comment or an `<hr>` followed by a blank line. */
function html(whole: Text, at: number): number {
  const data = whole.subarray(at);
  if (data[0] !== LT) return 0;
  let tagEnd = 1;
  // A name longer than ten characters is no block tag, however long it is.
  while (tagEnd < data.length && tagEnd <= 11 && isAlnum(data[tagEnd])) tagEnd++;
  const curtag = tagEnd - 1 <= 10 ? decode(data.subarray(1, tagEnd)) : '';
  if (!BLOCK_TAGS.has(curtag)) {
    const comment = htmlComment(whole, at);
    if (comment > 0) return comment;
    return htmlHr(data);
  }
  if (curtag === 'ins' || curtag === 'del') return 0;
  // Whether a closing tag follows depends only on the text after `at`: once none did, none does later on.
  const unclosed = memoOf(unclosedTags, whole);
  if (at >= (unclosed.get(curtag) ?? Number.MAX_SAFE_INTEGER)) return 0;
  // The closing tag must end its line and be followed by a blank line.
  let i = 1;
  while (i < data.length) {
    i++;
    while (i < data.length && !(data[i - 1] === LT && data[i] === SLASH)) i++;
    if (i + 2 + curtag.length >= data.length) break;
    const j = htmlFindEnd(curtag, data.subarray(i - 1));
    if (j > 0) {
      charge(i);
      return i + j - 1;
    }
  }
  charge(data.length);
  unclosed.set(curtag, at);
  return 0;
}

function htmlComment(whole: Text, at: number): number {
  const i = inlineHTMLComment(whole, at);
  const j = isEmpty(whole, at + i);
  return j > 0 ? i + j : 0;
}

/** inlineHTMLComment at whole[at:]: the length of `<!-- … -->`, or 0. */
function inlineHTMLComment(whole: Text, at: number): number {
  if (whole.length - at < 5) return 0;
  if (whole[at] !== LT || whole[at + 1] !== 33 || whole[at + 2] !== DASH || whole[at + 3] !== DASH) return 0;
  const close = commentCloseFrom(whole, at + 5);
  return close === -1 ? 0 : close + 1 - at;
}

/**
 * The index of the `>` of the first `-->` whose `>` is at or after `from`, or -1. Block starts are asked
 * about in increasing order, so the last answer is kept: a run of unclosed comments reads the text once.
 */
function commentCloseFrom(data: Text, from: number): number {
  const memo = commentCloses.get(data);
  if (memo && memo.from <= from && (memo.found === -1 || memo.found >= from)) return memo.found;
  let i = from;
  while (i < data.length && !(data[i - 2] === DASH && data[i - 1] === DASH && data[i] === GT)) i++;
  charge(i - from);
  const found = i < data.length ? i : -1;
  commentCloses.set(data, { from, found });
  return found;
}

function htmlHr(data: Text): number {
  if (data.length < 4) return 0;
  if (data[0] !== LT || (data[1] !== 104 && data[1] !== 72) || (data[2] !== 114 && data[2] !== 82)) return 0;
  if (data[3] !== SPACE && data[3] !== SLASH && data[3] !== GT) return 0;
  let i = 3;
  while (i < data.length && data[i] !== GT && data[i] !== NL) i++;
  if (i < data.length && data[i] === GT) {
    i++;
    const j = isEmpty(data.subarray(i));
    if (j > 0) return i + j;
  }
  return 0;
}

function htmlFindEnd(tag: string, data: Text): number {
  if (!startsWith(data, `</${tag}>`)) return 0;
  let i = tag.length + 3;
  let skip = isEmpty(data.subarray(i));
  if (skip === 0) return 0;
  i += skip;
  if (i >= data.length) return i;
  skip = isEmpty(data.subarray(i));
  if (skip === 0) return 0;
  return i + skip;
}

function isHRule(data: Text, at = 0): boolean {
  let i = at;
  while (i < at + 3 && data[i] === SPACE) i++;
  const c = data[i];
  if (c !== STAR && c !== DASH && c !== UNDERSCORE) return false;
  let n = 0;
  for (; i < data.length && data[i] !== NL; i++) {
    if (data[i] === c) n++;
    else if (data[i] !== SPACE) return false;
  }
  return n >= 3;
}

/**
 * The info string of a fence line at i: `{…}` or a run of non-space characters; start 0 and length 0 when `{` is
 * unclosed. The same as scan.ts's `syntaxRange` (used by the inline parser on strings), here on the block
 * parser's UTF-16 code array, which it scans without making strings.
 */
function syntaxRange(data: Text, i: number): { start: number; length: number; next: number } {
  const n = data.length;
  let syn = 0;
  let syntaxStart = i;
  if (data[i] === LBRACE) {
    const origin = i;
    i++;
    syntaxStart++;
    while (i < n && data[i] !== RBRACE && data[i] !== NL) {
      syn++;
      i++;
    }
    if (i >= n || data[i] !== RBRACE) return { start: 0, length: 0, next: origin };
    while (syn > 0 && isSpace(data[syntaxStart])) {
      syntaxStart++;
      syn--;
    }
    while (syn > 0 && isSpace(data[syntaxStart + syn - 1])) syn--;
    i++;
  } else {
    while (i < n && !isSpace(data[i])) {
      syn++;
      i++;
    }
  }
  return { start: syntaxStart, length: syn, next: i };
}

interface FenceMarker {
  char: number;
  size: number;
}

/**
 * isFenceLine on the line at data[at:] (which ends at a newline or the end of data): the length of the
 * fence line with its newline and its marker, or end 0.
 */
function isFenceLine(
  data: Text,
  at: number,
  oldmarker: FenceMarker | undefined,
): { end: number; marker: FenceMarker } {
  const no = { end: 0, marker: { char: 0, size: 0 } };
  const n = data.length;
  let i = at;
  while (i < n && i < at + 3 && data[i] === SPACE) i++;
  if (i >= n) return no;
  const c = data[i]!;
  if (c !== TILDE && c !== BACKTICK) return no;
  let size = 0;
  while (i < n && data[i] === c) {
    size++;
    i++;
  }
  charge(size);
  if (size < 3) return no;
  const marker = { char: c, size };
  // The closing marker must be the opening one exactly.
  if (oldmarker !== undefined && (size !== oldmarker.size || c !== oldmarker.char)) return no;
  if (oldmarker === undefined) {
    i = skipChar(data, i, SPACE);
    if (i >= n) return i === n ? { end: i - at, marker } : no;
    const syntax = syntaxRange(data, i);
    charge(syntax.next - i);
    if (syntax.start === 0 && syntax.length === 0) return no;
    i = syntax.next;
  }
  i = skipChar(data, i, SPACE);
  if (i >= n || data[i] !== NL) return i === n ? { end: i - at, marker } : no;
  return { end: i + 1 - at, marker };
}

/** A cheap test that rules out most positions before isFenceLine is tried there. */
function mayOpenFence(data: Text, at: number): boolean {
  let i = at;
  while (i < at + 3 && data[i] === SPACE) i++;
  return data[i] === BACKTICK || data[i] === TILDE;
}

/** fencedCodeBlock: the length of a closed fenced code block at data[at:], or 0. */
function fencedCodeBlock(data: Text, at = 0): number {
  if (!mayOpenFence(data, at)) return 0;
  const open = isFenceLine(data, at, undefined);
  let beg = open.end;
  if (beg === 0 || beg >= data.length - at) return 0;
  // Whether a closing line follows depends only on the lines after: once none did, none does later on.
  const key = open.marker.size * 128 + open.marker.char;
  const unclosed = memoOf(unclosedFences, data);
  const from = at + beg;
  if (from >= (unclosed.get(key) ?? Number.MAX_SAFE_INTEGER)) return 0;
  for (;;) {
    const close = isFenceLine(data, at + beg, open.marker);
    if (close.end !== 0) {
      charge(at + beg - from);
      return beg + close.end;
    }
    const end = skipUntilChar(data, at + beg, NL) + 1 - at;
    // An unclosed fence is no code block at all.
    if (end >= data.length - at) {
      charge(data.length - from);
      unclosed.set(key, from);
      return 0;
    }
    beg = end;
  }
}

function quotePrefix(data: Text, at = 0): number {
  let i = at;
  const n = data.length;
  while (i < at + 3 && i < n && data[i] === SPACE) i++;
  if (i < n && data[i] === GT) return (i + 1 < n && data[i + 1] === SPACE ? i + 2 : i + 1) - at;
  return 0;
}

/** A block quote ends with a blank line followed by a line without the quote prefix. */
function terminateBlockquote(data: Text, beg: number, end: number): boolean {
  if (isEmpty(data, beg) <= 0) return false;
  if (end >= data.length) return true;
  return quotePrefix(data, end) === 0 && isEmpty(data, end) === 0;
}

function codePrefix(data: Text, at = 0): number {
  const n = data.length - at;
  if (n >= 1 && data[at] === TAB) return 1;
  if (
    n >= 4 &&
    data[at + 3] === SPACE &&
    data[at + 2] === SPACE &&
    data[at + 1] === SPACE &&
    data[at] === SPACE
  )
    return 4;
  return 0;
}

function code(data: Text): number {
  let i = 0;
  while (i < data.length) {
    const beg = i;
    i = skipUntilChar(data, i, NL);
    i = skipCharN(data, i, NL, 1);
    // The line ends at a newline (or the end), so the tests on it can run on data from beg.
    if (codePrefix(data, beg) === 0 && isEmpty(data, beg) === 0) {
      i = beg;
      break;
    }
  }
  return i;
}

function uliPrefix(data: Text, at = 0): number {
  const i = skipCharN(data, at, SPACE, 3);
  if (i >= data.length - 1) return 0;
  const c = data[i];
  if ((c !== STAR && c !== PLUS && c !== DASH) || (data[i + 1] !== SPACE && data[i + 1] !== TAB)) return 0;
  return i + 2 - at;
}

function oliPrefix(data: Text, at = 0): number {
  let i = skipCharN(data, at, SPACE, 3);
  const start = i;
  while (i < data.length && isDigit(data[i])) i++;
  if (start === i || i >= data.length - 1) return 0;
  if ((data[i] !== DOT && data[i] !== RPAREN) || !(data[i + 1] === SPACE || data[i + 1] === TAB)) return 0;
  return i + 2 - at;
}

function dliPrefix(data: Text, at = 0): number {
  if (data.length - at < 2) return 0;
  if (data[at] !== COLON || !(data[at + 1] === SPACE || data[at + 1] === TAB)) return 0;
  return skipChar(data, at, SPACE) - at + 2;
}

function listTypeChanged(data: Text, at: number, flags: number): boolean {
  if (dliPrefix(data, at) > 0 && (flags & DEFINITION) === 0) return true;
  if (oliPrefix(data, at) > 0 && (flags & ORDERED) === 0) return true;
  return uliPrefix(data, at) > 0 && ((flags & ORDERED) !== 0 || (flags & DEFINITION) !== 0);
}

/** `$$ … $$`: display math, which may span any number of lines. */
function blockMath(data: Text): number {
  if (data.length <= 4 || data[0] !== DOLLAR || data[1] !== DOLLAR || data[2] === DOLLAR) return 0;
  let end = 2;
  while (end + 1 < data.length && (data[end] !== DOLLAR || data[end + 1] !== DOLLAR)) end++;
  if (end + 1 === data.length) return 0;
  return end + 2;
}

/** Parser.table: a header, its underline, then every following line that holds a `|`, then a caption. */
function tableBlock(data: Text): number {
  let i = tableHeader(data);
  if (i === 0) return 0;
  while (i < data.length) {
    let pipes = 0;
    const rowStart = i;
    for (; i < data.length && data[i] !== NL; i++) if (data[i] === PIPE) pipes++;
    if (pipes === 0) {
      i = rowStart;
      break;
    }
    i = skipCharN(data, i, NL, 1);
  }
  return i + caption(data.subarray(i), 'Table: ');
}

/** The length codeSpan consumes at data[at:] (0 when the backticks are not closed). */
function codeSpanLength(data: Text, at: number): number {
  // Each backtick of an unclosed run would rescan the rest of the text: ask the run table instead.
  const runs = backtickRuns.get(data);
  if (runs?.unclosedAt(at)) return 0;
  const nb = skipChar(data, at, BACKTICK) - at;
  let i = 0;
  let end = at + nb;
  for (; end < data.length && i < nb; end++) {
    if (data[end] === BACKTICK) i++;
    else i = 0;
  }
  charge(end - at);
  if (i < nb && end >= data.length) {
    if (!runs) backtickRuns.set(data, BacktickRuns.of(data));
    return 0;
  }
  return end - at;
}

/**
 * Per text of the document being parsed, where the last search for a character started and what it found
 * (-1: none from there on). Cleared around each document: a plain map costs the GC less than a WeakMap.
 */
const nextFound = new Map<Text, { from: number[]; found: number[] }>();

// More per-text memos of searches that gomarkdown repeats from every block start or character; hostile
// input (unclosed fences, tags, comments, code spans) would otherwise make the parse quadratic.
/** Per text: for each fence marker (size × 128 + char), an offset from which no closing line follows. */
const unclosedFences = new Map<Text, Map<number, number>>();
/** Per text: for each block tag, an offset from which no closing tag follows. */
const unclosedTags = new Map<Text, Map<string, number>>();
/** Per text: the last search for the end of an HTML comment. */
const commentCloses = new Map<Text, { from: number; found: number }>();
/** Per text: its backtick runs, once a code span in it was found unclosed. */
const backtickRuns = new Map<Text, BacktickRuns>();

function clearMemos(): void {
  nextFound.clear();
  unclosedFences.clear();
  unclosedTags.clear();
  commentCloses.clear();
  backtickRuns.clear();
}

function memoOf<K>(memos: Map<Text, Map<K, number>>, data: Text): Map<K, number> {
  let memo = memos.get(data);
  if (!memo) {
    memo = new Map();
    memos.set(data, memo);
  }
  return memo;
}

/**
 * Whether the line at `at` holds `c`. Lines are asked about in increasing order, so the position of the
 * next `c` is remembered and each text is searched through once, by the native indexOf.
 */
function lineHolds(data: Text, at: number, c: typeof PIPE | typeof BACKTICK): boolean {
  let memo = nextFound.get(data);
  if (!memo) {
    memo = { from: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], found: [-1, -1] };
    nextFound.set(data, memo);
  }
  const slot = c === PIPE ? 0 : 1;
  let found = memo.found[slot]!;
  if (!(memo.from[slot]! <= at && (found === -1 || found >= at))) {
    found = data.indexOf(c, at);
    memo.from[slot] = at;
    memo.found[slot] = found;
  }
  if (found === -1) return false;
  const eol = data.indexOf(NL, at);
  return eol === -1 || found < eol;
}

/** Parser.tableHeader: the length of a table header and its underline at data[at:], or 0. */
function tableHeader(whole: Text, at = 0): number {
  // Without a `|` or a backtick (a code span that may hold one) on the line, colCount stays 1.
  if (!lineHolds(whole, at, PIPE) && !lineHolds(whole, at, BACKTICK)) return 0;
  let i = at;
  let colCount = 1;
  let headerIsUnderline = true;
  let headerIsWithEmptyFields = true;
  for (; i < whole.length && whole[i] !== NL; i++) {
    // A code span may hold `|`.
    if (whole[i] === BACKTICK) {
      const isCode = codeSpanLength(whole, i);
      if (isCode > 0) i += isCode - 1;
    }
    const c = whole[i];
    if (c === PIPE && !isBackslashEscaped(whole, i, at)) colCount++;
    if (c !== DASH && c !== SPACE && c !== COLON && c !== PIPE) headerIsUnderline = false;
    if (c !== SPACE && c !== PIPE) headerIsWithEmptyFields = false;
  }
  if (colCount === 1) return 0;
  const data = at === 0 ? whole : whole.subarray(at);
  i -= at;

  const j = skipCharN(data, i, NL, 1);
  if (data[0] === PIPE) colCount--;
  let n = j;
  while (n > 0 && (data[n - 1] === NL || data[n - 1] === SPACE)) n--;
  if (n > 2 && data[n - 1] === PIPE && !isBackslashEscaped(data, n - 1)) colCount--;

  // A header that looks like an underline is no header: the line is read again as the underline.
  if (headerIsUnderline && !headerIsWithEmptyFields) i = 0;
  else i++;
  if (i >= data.length) return 0;

  if (data[i] === PIPE && !isBackslashEscaped(data, i)) i++;
  i = skipChar(data, i, SPACE);
  let col = 0;
  const length = data.length;
  while (i < length && data[i] !== NL) {
    let dashes = 0;
    if (data[i] === COLON) {
      i++;
      dashes++;
    }
    while (i < length && data[i] === DASH) {
      i++;
      dashes++;
    }
    if (i < length && data[i] === COLON) {
      i++;
      dashes++;
    }
    while (i < length && data[i] === SPACE) i++;
    if (i === length) return 0;
    if (dashes < 1) return 0;
    if (data[i] === PIPE && !isBackslashEscaped(data, i)) {
      col++;
      i++;
      while (i < length && data[i] === SPACE) i++;
      if (col >= colCount && i < length && data[i] !== NL) return 0;
    } else if ((data[i] !== PIPE || isBackslashEscaped(data, i)) && col + 1 < colCount) {
      return 0;
    } else if (data[i] === NL) {
      col++;
    } else {
      return 0;
    }
  }
  if (col !== colCount) return 0;
  return skipCharN(data, i, NL, 1);
}

/** Parser.caption: `Table: …` right after a table, up to and including the next blank line. */
function caption(data: Text, prefix: string): number {
  if (!startsWith(data, prefix)) return 0;
  return linesUntilEmpty(data.subarray(prefix.length)) + prefix.length;
}

function linesUntilEmpty(data: Text): number {
  let line = 0;
  let i = 0;
  while (line < data.length) {
    i++;
    while (i < data.length && data[i - 1] !== NL) i++;
    if (isEmpty(data.subarray(line, i)) === 0) {
      line = i;
      continue;
    }
    break;
  }
  return i;
}
