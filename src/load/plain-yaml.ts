// A reader for the plain YAML that metadata files are written in: block mappings and sequences, plain and
// quoted one-line scalars, one-line flow sequences, comments. It yields exactly what the loader's failsafe
// parse yields (every scalar as its text, `~`/`null`/empty as null) and gives up — undefined — on anything
// else (anchors, block scalars, multi-line scalars, flow mappings, tags, tabs, duplicate keys, document
// markers), so the caller falls back to the full parser. It exists for speed: the metadata catalog reads
// every kep.yaml and PRR file of a repository, and the general parser spends most of the time there.

/**
 * Bounds on YAML read from a repository, checked before any parser sees it: the parser's memory grows with
 * both. Defined here, beside the reader that needs no YAML library, so that the catalog and the history can
 * use them without loading the parser.
 */
export interface YamlLimits {
  /** Largest size accepted, in bytes (UTF-8). */
  maxBytes: number;
  /** Deepest nesting of collections accepted, block and flow levels together. */
  maxDepth: number;
}

/** Proposal metadata, PRR approvals, OWNERS: the largest real one is a few KB and 6 levels deep. */
export const METADATA_LIMITS: YamlLimits = { maxBytes: 256 * 1024, maxDepth: 64 };
/** Shared inputs every lint reads (OWNERS_ALIASES, 4 KB in the corpus): larger, of the same shallow shape. */
export const SHARED_LIMITS: YamlLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64 };

const NULL_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL']);
/** The reader recurses once per level: deeper text goes to the full parser's path, which bounds depth. */
const MAX_DEPTH = 64;
/** Plain keys kepkit's metadata uses; anything fancier goes to the full parser. */
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: +(.*))?$/;

class Unsupported extends Error {}

interface Line {
  indent: number;
  text: string;
  /** Whether blank or comment lines come between this line and the previous one. */
  afterGap: boolean;
}

/** Parse, or undefined when the text uses YAML this reader does not handle. */
export function parsePlainYaml(text: string): unknown {
  if (text.includes('---') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines: Line[] = [];
  let gap = false;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('\r')) return undefined;
    const content = trimStartSpaces(line);
    if (content === '' || content.startsWith('#')) {
      gap = true;
      continue;
    }
    if (content.startsWith('...') || content.startsWith('%')) return undefined;
    lines.push({ indent: line.length - content.length, text: trimEndSpaces(content), afterGap: gap });
    gap = false;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.block(0);
    return reader.done() ? value : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Reader {
  private index = 0;
  private depth = 0;

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.index === this.lines.length;
  }

  /** A mapping or sequence whose first line is the current one, at exactly `indent`. */
  block(indent: number): unknown {
    const line = this.lines[this.index];
    if (!line || line.indent !== indent || this.depth === MAX_DEPTH) throw new Unsupported();
    this.depth++;
    const value = isSequenceEntry(line.text) ? this.sequence(indent) : this.mapping(indent, undefined);
    this.depth--;
    return value;
  }

  /** Entries at `indent`; `first` is an entry already read from a sequence item's line (`- key: value`). */
  private mapping(indent: number, first: string | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    let pending = first;
    for (;;) {
      let text: string;
      if (pending !== undefined) {
        text = pending;
        pending = undefined;
      } else {
        const line = this.lines[this.index];
        if (!line || line.indent < indent) break;
        if (line.indent > indent || isSequenceEntry(line.text)) throw new Unsupported();
        text = line.text;
        this.index++;
      }
      const match = KEY.exec(text);
      if (!match) throw new Unsupported();
      const key = match[1]!;
      if (key in out) throw new Unsupported();
      const value = match[2] === undefined ? '' : match[2];
      // A flow sequence may run over several lines (`[` here, `]` further down).
      const rest =
        value.startsWith('[') && !value.includes(']') ? this.flowLines(value) : stripComment(value);
      out[key] = rest === '' ? this.nested(indent, true) : this.inline(rest, indent);
    }
    return out;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.index];
      // A key at the sequence's indent ends a sequence written at its parent key's indent.
      if (!line || line.indent < indent || (line.indent === indent && !isSequenceEntry(line.text))) break;
      if (line.indent > indent) throw new Unsupported();
      this.index++;
      const after = trimStartSpaces(line.text.slice(1));
      const rest = stripComment(after);
      if (rest === '') {
        out.push(this.nested(indent, false));
      } else if (KEY.test(rest)) {
        // `- key: value`: a mapping whose later keys line up with this first one.
        out.push(this.mapping(indent + line.text.length - after.length, rest));
      } else {
        out.push(this.inline(rest, indent));
      }
    }
    return out;
  }

  /** The value of `key:` or `-` with nothing after it: a deeper block, a sequence at the key's indent, or null. */
  private nested(indent: number, allowSameIndentSequence: boolean): unknown {
    const next = this.lines[this.index];
    if (next && next.indent > indent) return this.block(next.indent);
    if (next && allowSameIndentSequence && next.indent === indent && isSequenceEntry(next.text))
      return this.sequence(indent);
    return null;
  }

  /** The lines of a flow sequence up to its closing bracket, joined; comments inside are left to the full parser. */
  private flowLines(start: string): string {
    let text = start;
    while (!text.endsWith(']')) {
      const line = this.lines[this.index];
      if (!line || line.text.includes('#') || text.includes('#')) throw new Unsupported();
      text = `${text} ${line.text}`;
      this.index++;
    }
    return text;
  }

  /**
   * A plain scalar continued on more indented lines: folded into one line with single spaces, as YAML does
   * when no blank or comment line comes between.
   */
  private multiLinePlain(first: string, indent: number): string | null {
    if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(first)) throw new Unsupported();
    const parts = [first];
    for (let next = this.lines[this.index]; next && next.indent > indent; next = this.lines[this.index]) {
      if (next.afterGap || next.text.startsWith('#') || /: |:$| #/.test(next.text)) throw new Unsupported();
      parts.push(next.text);
      this.index++;
    }
    return scalar(parts.join(' '), false, true);
  }

  /** A value on the same line as its key or dash (or continued by more indented lines). */
  private inline(text: string, indent: number): unknown {
    const next = this.lines[this.index];
    if (next && next.indent > indent) return this.multiLinePlain(text, indent);
    if (text.startsWith('[')) return flowSequence(text);
    // An empty flow mapping (`milestone: {}`); any other is left to the full parser.
    if (text === '{}') return Object.create(null);
    return scalar(text, false);
  }
}

function isSequenceEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Drop a trailing ` # comment` outside quotes; give up on quotes it cannot follow. */
function stripComment(text: string): string {
  if (text.startsWith('#')) return '';
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    onlyCommentAfter(text.slice(end));
    return text.slice(0, end);
  }
  if (text === '{}' || text.startsWith('{} ')) {
    onlyCommentAfter(text.slice(2));
    return '{}';
  }
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) throw new Unsupported();
    onlyCommentAfter(text.slice(close + 1));
    return text.slice(0, close + 1);
  }
  const comment = text.search(/ #/);
  return trimEndSpaces(comment === -1 ? text : text.slice(0, comment));
}

/** What follows a quoted or flow value: nothing, or a comment after a space (`"x"#c` is an error in YAML). */
function onlyCommentAfter(rest: string): void {
  const after = trimStartSpaces(rest);
  if (after !== '' && !(after.startsWith('#') && after !== rest)) throw new Unsupported();
}

// YAML's white space is the space and the tab (tabs never get here); JavaScript's trim also takes U+00A0,
// U+3000, the BOM and more, which YAML keeps as content.
function trimStartSpaces(text: string): string {
  let at = 0;
  while (text.charCodeAt(at) === 32) at++;
  return at === 0 ? text : text.slice(at);
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Index just past the closing quote of the quoted scalar starting at `start`. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let at = start + 1; at < text.length; at++) {
    const c = text[at];
    if (quote === '"' && c === '\\') {
      at++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[at + 1] === "'") {
        at++;
        continue;
      }
      return at + 1;
    }
  }
  throw new Unsupported();
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };

function scalar(text: string, inFlow: boolean, continued = false): string | null {
  if (text.startsWith('"')) {
    if (quotedEnd(text, 0) !== text.length) throw new Unsupported();
    return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => {
      const replacement = ESCAPES[c];
      if (replacement === undefined) throw new Unsupported();
      return replacement;
    });
  }
  if (text.startsWith("'")) {
    if (quotedEnd(text, 0) !== text.length) throw new Unsupported();
    return text.slice(1, -1).replace(/''/g, "'");
  }
  // Indicators that start other kinds of node, and text a plain scalar cannot hold.
  if ((!continued && /^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) || /: |:$| #/.test(text)) throw new Unsupported();
  if (inFlow && /[,[\]{}]/.test(text)) throw new Unsupported();
  return NULL_SOURCES.has(text) ? null : text;
}

/** `[a, "b"]` on one line. */
function flowSequence(text: string): unknown[] {
  if (!text.endsWith(']')) throw new Unsupported();
  const body = trimEndSpaces(trimStartSpaces(text.slice(1, -1)));
  if (body === '') return [];
  const items: unknown[] = [];
  let at = 0;
  for (;;) {
    while (body[at] === ' ') at++;
    let end: number;
    if (body[at] === '"' || body[at] === "'") end = quotedEnd(body, at);
    else {
      end = body.indexOf(',', at);
      if (end === -1) end = body.length;
    }
    const item = trimEndSpaces(trimStartSpaces(body.slice(at, end)));
    if (item === '') throw new Unsupported();
    items.push(scalar(item, true));
    at = end;
    while (body[at] === ' ') at++;
    if (at >= body.length) break;
    if (body[at] !== ',') throw new Unsupported();
    at++;
    // A trailing comma ends the sequence (`[a, b,]`).
    while (body[at] === ' ') at++;
    if (at >= body.length) break;
  }
  return items;
}
