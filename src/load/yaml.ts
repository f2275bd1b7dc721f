import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  visit,
  type YAMLMap,
} from 'yaml';
import type { Position, SourceFile, YamlDocument, YamlIssue } from '../model/index.js';
import { METADATA_LIMITS, parsePlainYaml, type YamlLimits } from './plain-yaml.js';

export { METADATA_LIMITS, SHARED_LIMITS, type YamlLimits } from './plain-yaml.js';

/** Upper bound on nodes visited while converting, aliases included: an alias bomb stops here. */
const MAX_NODES = 100_000;
const NULL_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL']);

class AliasBudgetExceeded extends Error {}

/**
 * Parse YAML the way Go's yaml.v3 decodes into string fields: no type resolution (every scalar keeps
 * its text, so `kep-number: 0752` stays "0752"), `~`/`null`/empty become null, duplicate keys are
 * errors, an empty document is an error, and alias expansion is bounded. A file over the size or depth
 * limit (metadata's by default) is not parsed: its document holds one issue, where the limit is crossed.
 */
export function parseYaml(
  file: SourceFile,
  options: {
    splitOnDashes?: boolean;
    /** false: the full parser only (the plain reader's tests compare it with this). */
    plainReader?: boolean;
  } & Partial<YamlLimits> = {},
): YamlDocument {
  const limits = {
    maxBytes: options.maxBytes ?? METADATA_LIMITS.maxBytes,
    maxDepth: options.maxDepth ?? METADATA_LIMITS.maxDepth,
  };
  const text = options.splitOnDashes ? firstDashSegment(file.text) : file.text;
  const problem = sizeProblem(file.text, limits.maxBytes) ?? nestingProblem(text, limits.maxDepth);
  if (problem) return unparsedDocument(file, problem);
  // Most metadata is plain YAML that a small reader decodes to exactly the same data: positions, which only
  // findings need, come from the full parser on first use.
  const plain = options.plainReader === false ? undefined : parsePlainYaml(text);
  if (plain === undefined) return parseFully(file, text);
  let full: YamlDocument | undefined;
  const positions = (): YamlDocument => {
    full ??= parseFully(file, text);
    return full;
  };
  return {
    file,
    data: plain,
    issues: [],
    keyPosition: (path) => positions().keyPosition(path),
    valuePosition: (path) => positions().valuePosition(path),
    has: (path) => positions().has(path),
    lineComment: (path) => positions().lineComment(path),
  };
}

/** Offset → 1-based line and column, lines ending at LF. */
function positionFinder(text: string): (offset: number) => Position {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - starts[low]! + 1 };
  };
}

function parseFully(file: SourceFile, text: string): YamlDocument {
  const doc = parseDocument(text, {
    schema: 'failsafe',
    // Checked below: the library compares every key of a map with every other (20,000 keys: 8 s).
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    // Tags such as !!timestamp and !!binary would turn a scalar into a Date or bytes: keep its text.
    resolveKnownTags: false,
  });
  // Lines counted from the text itself: the library's LineCounter misses line breaks inside tokens it
  // recovers from after an error, which put positions past the end of their line.
  const at = positionFinder(text);
  const found: { offset: number; kind: YamlIssue['kind']; message: string }[] = doc.errors.map((error) => ({
    offset: error.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, error.pos[0]) : error.pos[0],
    kind: 'syntax',
    message: firstLine(error.message),
  }));
  for (const offset of duplicateKeyOffsets(doc)) {
    found.push({ offset, kind: 'duplicate-key', message: 'Map keys must be unique' });
  }
  const issues: YamlIssue[] = found
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, kind, message }) => ({ kind, message, position: at(offset) }));
  let data: unknown;
  if (issues.length === 0) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.source === '')) {
      issues.push({ kind: 'empty', message: 'the document is empty', position: { line: 1, column: 1 } });
    } else {
      try {
        data = toPlain(doc.contents, doc, { visited: 0 });
      } catch (error) {
        if (error instanceof ComplexKeyError)
          issues.push({ kind: 'syntax', message: error.message, position: at(error.offset) });
        else if (error instanceof AliasBudgetExceeded)
          issues.push({ kind: 'alias', message: error.message, position: { line: 1, column: 1 } });
        else throw error;
      }
    }
  }
  return makeDocument(file, text, doc, data, issues, at);
}

/** Where each key that repeats an earlier key of its map starts, as the library's `uniqueKeys` finds them. */
function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(pair.key.value);
      }
    },
  });
  return offsets;
}

/**
 * A missing closing quote is reported where the input ends; the quote that is never closed is where the
 * user must look, so point there when a quoted scalar runs up to the error.
 */
function unclosedQuoteStart(doc: Document, offset: number): number {
  let start = offset;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (
        range &&
        (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) &&
        range[0] < offset &&
        range[1] >= offset
      ) {
        start = range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Go's KEP parser treats lines containing `---` as separators and keeps the first segment. */
function firstDashSegment(text: string): string {
  if (!text.includes('---')) return text;
  const lines = text.split('\n');
  let count = 0;
  let sawSeparator = false;
  const out = lines.map((line) => {
    if (line.includes('---')) {
      count++;
      sawSeparator = true;
      return '';
    }
    return count === 1 ? line : '';
  });
  return sawSeparator ? out.join('\n') : text;
}

function toPlain(node: unknown, doc: Document, budget: { visited: number }): unknown {
  if (++budget.visited > MAX_NODES) {
    throw new AliasBudgetExceeded(`the document expands to more than ${MAX_NODES} nodes (an alias bomb?)`);
  }
  if (isAlias(node)) return toPlain(node.resolve(doc), doc, budget);
  if (isScalar(node)) {
    if (node.type === Scalar.PLAIN && NULL_SOURCES.has(String(node.value))) return null;
    return node.value === null || node.value === undefined ? null : String(node.value);
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item, doc, budget));
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : plainKey(pair.key, doc, budget);
      out[key] = toPlain(pair.value, doc, budget);
    }
    return out;
  }
  return null;
}

/** A key that is not text (`? {a: b}: c`, an alias of a list): metadata fields are named by text only. */
class ComplexKeyError extends Error {
  constructor(readonly offset: number) {
    super('a mapping key must be a plain value, not a mapping or a list');
  }
}

function plainKey(key: unknown, doc: Document, budget: { visited: number }): string {
  const value = toPlain(key, doc, budget);
  if (value !== null && typeof value === 'object') {
    const range = (key as { range?: [number, number, number] } | null)?.range;
    throw new ComplexKeyError(range?.[0] ?? 0);
  }
  return String(value);
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's pairs by key, built on first use: a finding per key of a 20,000-key map must not scan it each time. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      // The first of duplicate keys, as a linear search finds.
      if (key !== undefined && !index.has(key)) index.set(key, pair as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index;
}

function makeDocument(
  file: SourceFile,
  text: string,
  doc: Document,
  data: unknown,
  issues: YamlIssue[],
  at: (offset: number) => Position,
): YamlDocument {
  const start: Position = { line: 1, column: 1 };
  /** Walks a path; returns the pairs/items along the way (the last one is the target). */
  const find = (
    path: readonly (string | number)[],
  ): { pair?: Pair; item?: Node; parent?: Node } | undefined => {
    let current: unknown = doc.contents;
    let found: { pair?: Pair; item?: Node; parent?: Node } | undefined = { item: current as Node };
    for (const step of path) {
      if (isAlias(current)) current = current.resolve(doc);
      if (typeof step === 'number' && isSeq(current)) {
        const item = current.items[step];
        if (item === undefined) return undefined;
        found = { item: item as Node, parent: current };
        current = item;
      } else if (typeof step === 'string' && isMap(current)) {
        const pair = pairsByKey(current).get(step);
        if (!pair) return undefined;
        found = { pair, item: (pair.value ?? undefined) as Node | undefined, parent: current };
        current = pair.value;
      } else {
        return undefined;
      }
    }
    return found;
  };
  const rangeStart = (node: unknown): number | undefined => {
    if (node && typeof node === 'object' && 'range' in node) {
      const range = (node as { range?: [number, number, number] }).range;
      if (range) return range[0];
    }
    return undefined;
  };
  const nearest = (path: readonly (string | number)[], part: 'key' | 'value'): Position => {
    for (let length = path.length; length >= 0; length--) {
      const hit = find(path.slice(0, length));
      if (!hit) continue;
      const keyOffset = hit.pair ? rangeStart(hit.pair.key) : rangeStart(hit.item);
      const valueOffset = rangeStart(hit.item);
      const offset = length < path.length || part === 'key' ? keyOffset : (valueOffset ?? keyOffset);
      if (offset !== undefined) return at(offset);
    }
    return start;
  };
  return {
    file,
    data,
    issues,
    keyPosition: (path) => nearest(path, 'key'),
    valuePosition: (path) => nearest(path, 'value'),
    has: (path) => find(path) !== undefined,
    lineComment(path) {
      // Read the rest of the value's own line, as yaml.v3's LineComment does: the AST's `comment`
      // also collects comment lines below a node, which are not line comments.
      const hit = find(path);
      if (!hit) return undefined;
      const target = hit.item as { range?: [number, number, number] } | undefined;
      // An empty value (`key: # comment`) has no text of its own: read from the key.
      const empty = isScalar(target) && target.source === '';
      const scalarLike = target && !empty && (isScalar(target) || isAlias(target)) ? target : undefined;
      const end = scalarLike?.range?.[1] ?? (hit.pair?.key as { range?: number[] } | undefined)?.range?.[1];
      if (end === undefined) return undefined;
      const lineEnd = text.indexOf('\n', end);
      const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
      const match = /^(?:[ \t]*:)?[ \t]+#(.*)$/.exec(rest.replace(/\r$/, ''));
      return match ? match[1]!.trim() : undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Limits, checked before parsing: the parser keeps a node per nesting level and tokens for the whole input,
// so a few MB of `[[[[…` take GBs. The checks are linear in time and constant in memory.

function sizeProblem(text: string, maxBytes: number): YamlIssue | undefined {
  // A UTF-16 code unit is at most 3 bytes of UTF-8, so most texts need no count.
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return {
    kind: 'too-large',
    message: `the file is ${kib(bytes)}, over the ${kib(maxBytes)} limit for this file; not parsed`,
    position: { line: 1, column: 1 },
  };
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** A document that was not parsed: every position points at the problem. */
/** A document that could not be read as YAML at all (a markdown file without front matter): one issue. */
export function unparsedDocument(file: SourceFile, issue: YamlIssue): YamlDocument {
  return {
    file,
    data: undefined,
    issues: [issue],
    keyPosition: () => issue.position,
    valuePosition: () => issue.position,
    has: () => false,
    lineComment: () => undefined,
  };
}

/** Token texts of the lexer that stand for no source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Where the nesting of block and flow collections first goes deeper than `maxDepth`. The yaml library's
 * own lexer (a state machine with counters, no stack) tells quotes, comments and block scalars apart
 * exactly as the parser will; block levels come from the columns of the lines' indicators, a mapping and
 * a sequence at most per column (`key:` followed by `- item` at the key's indentation).
 */
function nestingProblem(text: string, maxDepth: number): YamlIssue | undefined {
  if (nestingBound(text) <= maxDepth) return undefined;
  const levels: { column: number; sequence: boolean }[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let state: 'line-start' | 'indicators' | 'content' | 'skip' = 'line-start';
  /** Column of the line's first node after its indicators: a mapping when a `:` follows on the line. */
  let content = -1;
  /** Open a block collection at `column` (or continue the one there); whether that goes too deep. */
  const enter = (column: number, sequence: boolean): boolean => {
    while (levels.length > 0 && levels[levels.length - 1]!.column > column) levels.pop();
    const top = levels[levels.length - 1];
    if (top?.column === column) {
      if (top.sequence === sequence) return false;
      if (top.sequence) {
        // A key after a sequence written at its key's indentation: back to that mapping.
        levels.pop();
        if (levels[levels.length - 1]?.column === column) return false;
      }
    }
    levels.push({ column, sequence });
    return levels.length + flow > maxDepth;
  };
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    if (!MARKERS.has(token)) offset += token.length;
    if (token === '\n' || token === '\r\n') {
      state = 'line-start';
      lineStart = offset;
      content = -1;
      continue;
    }
    if (token === '\x18') {
      // The lexer ends every flow collection at a line indented too little to continue them.
      flow = 0;
      continue;
    }
    if (MARKERS.has(token)) continue;
    if (state === 'line-start') {
      if (/^[ \t]+$/.test(token)) continue;
      const blockScalarBody = token[0] === ' ' || token[0] === '\t' || token[0] === '\n';
      // Comment lines, the lines of a flow collection and of a block scalar open no block collection.
      if (token[0] === '#' || flow > 0 || blockScalarBody) state = 'skip';
      else if (token === '---' || token === '...') {
        levels.length = 0;
        state = 'skip';
      } else state = 'indicators';
    }
    if (state === 'indicators') {
      const column = start - lineStart;
      if (token === '-' || token === '?' || token === ':') {
        if (enter(column, token === '-')) return tooDeep(text, start, maxDepth);
        continue;
      }
      if (/^[ \t]+$/.test(token)) continue;
      content = column;
      state = 'content';
    }
    if (token === '[' || token === '{') {
      if (++flow + levels.length > maxDepth) return tooDeep(text, start, maxDepth);
    } else if (token === ']' || token === '}') {
      flow = Math.max(0, flow - 1);
    } else if (token === ':' && state === 'content' && flow === 0 && content !== -1) {
      if (enter(content, false)) return tooDeep(text, start, maxDepth);
      content = -1;
    }
  }
  return undefined;
}

function tooDeep(text: string, offset: number, maxDepth: number): YamlIssue {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return {
    kind: 'too-deep',
    message: `nesting deeper than ${maxDepth} levels (line ${line}); not parsed`,
    position: { line, column: offset - before.lastIndexOf('\n') },
  };
}

/**
 * A cheap upper bound of the depth `nestingProblem` finds, to skip its scan (every real file is far below):
 * each flow level needs a `[` or `{`, and the block levels of a line at most two per column of its
 * leading run of spaces and `-`/`?`/`:` indicators.
 */
function nestingBound(text: string): number {
  let openers = 0;
  let widest = 0;
  let leading = 0;
  let atLineStart = true;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 10) {
      atLineStart = true;
      leading = 0;
    } else if (atLineStart && (c === 32 || c === 9 || c === 45 || c === 63 || c === 58)) {
      if (++leading > widest) widest = leading;
    } else {
      atLineStart = false;
      if (c === 91 || c === 123) openers++;
    }
  }
  return openers + 2 * (widest + 1);
}
