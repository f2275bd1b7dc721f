import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  visit,
} from 'yaml';
import type { Position, SourceFile, YamlDocument, YamlIssue } from '../model/index.js';
import { parsePlainYaml } from './plain-yaml.js';

/** Upper bound on nodes visited while converting, aliases included: an alias bomb stops here. */
const MAX_NODES = 100_000;
const NULL_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL']);

export class AliasBudgetExceeded extends Error {}

/**
 * Parse YAML the way Go's yaml.v3 decodes into string fields: no type resolution (every scalar keeps
 * its text, so `kep-number: 0752` stays "0752"), `~`/`null`/empty become null, duplicate keys are
 * errors, an empty document is an error, and alias expansion is bounded.
 */
export function parseYaml(file: SourceFile, options: { splitOnDashes?: boolean } = {}): YamlDocument {
  const text = options.splitOnDashes ? firstDashSegment(file.text) : file.text;
  // Most metadata is plain YAML that a small reader decodes to exactly the same data: positions, which only
  // findings need, come from the full parser on first use.
  const plain = parsePlainYaml(text);
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

function parseFully(file: SourceFile, text: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'failsafe',
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const issues: YamlIssue[] = [];
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: pos.line, column: pos.col };
  };
  for (const error of doc.errors) {
    issues.push({
      kind: error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
      message: firstLine(error.message),
      position: at(error.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, error.pos[0]) : error.pos[0]),
    });
  }
  let data: unknown;
  if (issues.length === 0) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.source === '')) {
      issues.push({ kind: 'empty', message: 'the document is empty', position: { line: 1, column: 1 } });
    } else {
      try {
        data = toPlain(doc.contents, doc, { visited: 0 });
      } catch (error) {
        if (!(error instanceof AliasBudgetExceeded)) throw error;
        issues.push({ kind: 'alias', message: error.message, position: { line: 1, column: 1 } });
      }
    }
  }
  return makeDocument(file, text, doc, data, issues, at);
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
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key, doc, budget));
      out[key] = toPlain(pair.value, doc, budget);
    }
    return out;
  }
  return null;
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
        const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
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

export function isPairNode(value: unknown): value is Pair {
  return isPair(value);
}
