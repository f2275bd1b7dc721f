// Edits of a YAML text as byte splices, found through the `yaml` library's CST: a changed scalar is rewritten
// by `CST.setScalarValue` (its quoting and trailing comment kept), a new key or list item is spliced in at a
// token's offset in the indentation and quoting the file already uses. Nothing else of the file is touched,
// so comments, key order, blank lines and flow style survive; the file is never re-serialised.
import {
  Composer,
  CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { TextEdit } from '../model/index.js';

/** The text cannot be edited as asked (it does not parse, a value has an unexpected shape): nothing changes. */
export class YamlEditError extends Error {}

type Segment = string;
type ScalarType = Scalar.Type;

/** What a map holds under a key: the pair with its CST item, or nothing. */
interface Found {
  pair: Pair<Scalar, Node | null>;
  item: CST.CollectionItem;
}

/**
 * One YAML document's text (a metadata file, or a front matter block whose offsets are those of its file) and
 * the splices planned on it. Each operation adds edits computed against the original text; `apply` gives the
 * edited text. Operations on different keys never overlap.
 */
export class YamlEditor {
  readonly edits: TextEdit[] = [];
  private readonly doc: Document.Parsed;
  private readonly root: YAMLMap<Scalar, Node | null>;
  private readonly rootToken: CST.BlockMap | CST.FlowCollection;

  constructor(readonly text: string) {
    const tokens = [...new Parser().parse(text)];
    const docs = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
    const doc = docs.find((candidate) => candidate.contents !== null) ?? docs[0];
    const error = doc?.errors[0];
    if (error) throw new YamlEditError(`${lineColumn(text, error.pos[0])}: ${firstLine(error.message)}`);
    if (!doc || !isMap(doc.contents) || !doc.contents.srcToken)
      throw new YamlEditError('the document is not a mapping of fields');
    const token = doc.contents.srcToken;
    if (token.type !== 'block-map' && token.type !== 'flow-collection')
      throw new YamlEditError('the document is not a mapping of fields');
    this.doc = doc;
    this.root = doc.contents as YAMLMap<Scalar, Node | null>;
    this.rootToken = token;
  }

  /** The plain value at a path (undefined when absent). */
  get(path: readonly Segment[]): unknown {
    const node = this.doc.getIn(path, true) as Node | null | undefined;
    if (node === undefined) return undefined;
    return node === null ? null : node.toJSON();
  }

  has(path: readonly Segment[]): boolean {
    return this.doc.hasIn(path);
  }

  /** Set a text (or boolean) field: its scalar rewritten in its own quoting, or a new key where there is none. */
  setScalar(path: readonly Segment[], value: string): void {
    const { map, found, key } = this.locate(path);
    if (found) {
      const node = found.pair.value;
      if (node && isScalar(node) && node.srcToken && CST.isScalar(node.srcToken)) {
        this.rewriteScalar(node.srcToken, value);
        return;
      }
      if (node === null || (isScalar(node) && node.value === null && node.source === '')) {
        this.fillEmptyValue(found, ` ${this.scalarText(value, map, undefined)}`);
        return;
      }
      throw new YamlEditError(`${this.where(found)}: ${path.join('.')} is not a single value`);
    }
    this.insertKey(map, path, key, value);
  }

  /** Replace a list field's items (the list written anew in the file's indentation and quoting). */
  setList(path: readonly Segment[], values: readonly string[]): void {
    const { map, found, key } = this.locate(path);
    if (!found) {
      this.insertKey(map, path, key, values);
      return;
    }
    const node = found.pair.value;
    if (node === null || (isScalar(node) && node.value === null && node.source === '')) {
      this.fillEmptyValue(found, this.blockList(found, values, undefined));
      return;
    }
    if (!isSeq(node) || !node.srcToken)
      throw new YamlEditError(`${this.where(found)}: ${path.join('.')} is not a list`);
    const seq = node as YAMLSeq<Node>;
    const token = seq.srcToken;
    if (!token || (token.type !== 'flow-collection' && token.type !== 'block-seq'))
      throw new YamlEditError(`${this.where(found)}: ${path.join('.')} is not a list`);
    if (token.type === 'flow-collection' || values.length === 0) {
      const style = firstScalarType(seq);
      const start = token.offset;
      const end = token.offset + CST.stringify(token).length - trailingLength(token);
      const items = values.map((value) => this.scalarText(value, undefined, style));
      const flow = `[${items.join(', ')}]`;
      // A block list emptied becomes `[]` on the key's line: the list lines go.
      if (token.type === 'block-seq') {
        const comment = found.item.sep?.find((t) => t.type === 'comment');
        const kept = comment ? ` ${comment.source}` : '';
        this.push({ start: sepEnd(found.item).colon, end, text: `: ${flow}${kept}` });
        return;
      }
      this.push({ start, end, text: flow });
      return;
    }
    const first = token.items[0]!;
    const last = token.items.at(-1)!;
    const firstDash = itemIndicator(first);
    const lineStart = this.text.lastIndexOf('\n', firstDash - 1) + 1;
    const end = itemEnd(last);
    const indent = this.text.slice(lineStart, firstDash);
    const style = firstScalarType(seq);
    const lines = values.map((value) => `${indent}- ${this.scalarText(value, undefined, style)}`);
    // From the first dash to the end of the last item's line: comments before the first item stay.
    this.push({
      start: firstDash,
      end: this.text[end - 1] === '\n' ? end - 1 : end,
      text: lines.join('\n').slice(indent.length),
    });
  }

  /** Add items to the end of a list field and remove others, each as its own line. */
  editList(path: readonly Segment[], add: readonly string[], remove: readonly string[]): void {
    const { found } = this.locate(path);
    const current = this.get(path);
    if (!found || !isSeq(found.pair.value) || found.pair.value.srcToken?.type !== 'block-seq') {
      const items = Array.isArray(current) ? current.map(String) : [];
      this.setList(path, [...items.filter((item) => !remove.includes(item)), ...add]);
      return;
    }
    const seq = found.pair.value as YAMLSeq<Node>;
    const token = seq.srcToken as CST.BlockSequence;
    const kept = seq.items.filter((item) => !(isScalar(item) && remove.includes(String(item.value))));
    if (kept.length + add.length === 0) {
      this.setList(path, []);
      return;
    }
    for (const [index, item] of seq.items.entries()) {
      if (!(isScalar(item) && remove.includes(String(item.value)))) continue;
      const cst = token.items[index]!;
      const dash = itemIndicator(cst);
      const start = this.text.lastIndexOf('\n', dash - 1) + 1;
      this.push({ start, end: itemEnd(cst), text: '' });
    }
    if (add.length === 0) return;
    const first = token.items[0]!;
    const dash = itemIndicator(first);
    const indent = this.text.slice(this.text.lastIndexOf('\n', dash - 1) + 1, dash);
    const style = firstScalarType(seq);
    const at = itemEnd(token.items.at(-1)!);
    const newline = this.text[at - 1] === '\n' ? '' : '\n';
    const lines = add.map((value) => `${indent}- ${this.scalarText(value, undefined, style)}\n`);
    this.push({ start: at, end: at, text: newline + lines.join('') });
  }

  /** Remove a key with its value (and the lines they take); nothing when it is absent. */
  removeKey(path: readonly Segment[]): void {
    const { found } = this.locate(path);
    if (!found) return;
    const key = found.item.key;
    if (!key || !('offset' in key)) throw new YamlEditError('a key without its position');
    const start = this.text.lastIndexOf('\n', key.offset - 1) + 1;
    if (this.text.slice(start, key.offset).trim() !== '')
      throw new YamlEditError(`${this.where(found)}: ${path.join('.')} shares its line; not removed`);
    this.push({ start, end: itemEnd(found.item), text: '' });
  }

  /** Add an edit; insertions at one offset are joined in the order they were planned. */
  private push(edit: TextEdit): void {
    const same = this.edits.find(
      (other) => other.start === edit.start && other.end === other.start && edit.end === edit.start,
    );
    if (same) same.text += edit.text;
    else this.edits.push(edit);
  }

  /** The edited text. */
  apply(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let at = 0;
    for (const edit of sorted) {
      if (edit.start < at) throw new YamlEditError('two edits of the same place');
      out += this.text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return out + this.text.slice(at);
  }

  private locate(path: readonly Segment[]): {
    map: YAMLMap<Scalar, Node | null>;
    found: Found | undefined;
    key: Segment;
  } {
    let map = this.root;
    for (const [depth, segment] of path.slice(0, -1).entries()) {
      const found = findPair(map, segment);
      if (!found) {
        // The parent mapping is missing too: the caller inserts the whole path as new keys.
        return { map, found: undefined, key: path.slice(depth).join('\u0000') };
      }
      if (!isMap(found.pair.value))
        throw new YamlEditError(
          `${this.where(found)}: ${path.slice(0, depth + 1).join('.')} is not a mapping`,
        );
      map = found.pair.value as YAMLMap<Scalar, Node | null>;
    }
    const key = path.at(-1)!;
    return { map, found: findPair(map, key), key };
  }

  private rewriteScalar(token: CST.FlowScalar | CST.BlockScalar, value: string): void {
    const before = CST.stringify(token);
    const start = token.offset;
    if (this.text.slice(start, start + before.length) !== before)
      throw new YamlEditError(`${lineColumn(this.text, start)}: the value is not where the parser put it`);
    // A copy: the parsed tokens must keep their original lengths for the offsets of later edits.
    const copy = structuredClone(token);
    CST.setScalarValue(copy, value);
    this.push({ start, end: start + before.length, text: CST.stringify(copy) });
  }

  /** `key:` with nothing after it: the value written after the colon. */
  private fillEmptyValue(found: Found, text: string): void {
    const { colon, end } = sepEnd(found.item);
    this.push({ start: colon + 1, end, text });
  }

  /**
   * A new key (and any missing mappings on its path, `\0`-joined in `key`) at the end of the map, in the
   * indentation of its siblings.
   */
  private insertKey(
    map: YAMLMap<Scalar, Node | null>,
    path: readonly Segment[],
    key: Segment,
    value: string | readonly string[],
  ): void {
    const token = map === this.root ? this.rootToken : map.srcToken;
    if (!token || (token.type !== 'block-map' && token.type !== 'flow-collection'))
      throw new YamlEditError(`${path.join('.')}: its mapping cannot be edited`);
    const keys = key.split('\u0000');
    if (token.type === 'flow-collection') {
      if (keys.length > 1 || Array.isArray(value))
        throw new YamlEditError(`${path.join('.')}: cannot add to a flow mapping ({…}) in place`);
      const close = token.end.find((t) => t.type === 'flow-map-end');
      if (!close) throw new YamlEditError(`${path.join('.')}: unclosed flow mapping`);
      const separator = token.items.length > 0 ? ', ' : '';
      const text = `${separator}${plainKey(keys[0]!)}: ${this.scalarText(value as string, map, undefined)}`;
      this.push({ start: close.offset, end: close.offset, text });
      return;
    }
    const last = token.items.at(-1);
    const indentWidth = last?.key && 'offset' in last.key ? column(this.text, last.key.offset) : 0;
    const step = this.indentStep();
    let at = last ? itemEnd(last) : token.offset;
    // Trailing comment lines after the last value belong to what follows: insert before them.
    at = Math.min(at, this.text.length);
    const lines: string[] = [];
    let indent = ' '.repeat(indentWidth);
    for (const [index, name] of keys.entries()) {
      const isLast = index === keys.length - 1;
      if (!isLast) {
        lines.push(`${indent}${plainKey(name)}:`);
        indent += ' '.repeat(step);
        continue;
      }
      if (Array.isArray(value)) {
        const seqIndent = indent + ' '.repeat(this.seqIndentStep());
        lines.push(
          value.length === 0
            ? `${indent}${plainKey(name)}: []`
            : `${indent}${plainKey(name)}:\n${value.map((item) => `${seqIndent}- ${this.scalarText(item, undefined, this.listStyle())}`).join('\n')}`,
        );
      } else {
        lines.push(`${indent}${plainKey(name)}: ${this.scalarText(value as string, map)}`);
      }
    }
    const newline = at > 0 && this.text[at - 1] !== '\n' ? '\n' : '';
    this.push({ start: at, end: at, text: `${newline}${lines.join('\n')}\n` });
  }

  /** A block list written for `key:` with no value: on the lines after the key, indented as the file's lists. */
  private blockList(found: Found, values: readonly string[], style: ScalarType | undefined): string {
    if (values.length === 0) return ' []';
    const keyColumn =
      found.item.key && 'offset' in found.item.key ? column(this.text, found.item.key.offset) : 0;
    const indent = ' '.repeat(keyColumn + this.seqIndentStep());
    return values
      .map((value) => `\n${indent}- ${this.scalarText(value, undefined, style ?? this.listStyle())}`)
      .join('');
  }

  /**
   * A value as the file would write it: in the quoting of a sibling whose value looks alike (a milestone next
   * to milestones), else of the given style, else plain where YAML allows it and double-quoted where not.
   */
  private scalarText(
    value: string,
    map: YAMLMap<Scalar, Node | null> | undefined,
    style?: ScalarType,
  ): string {
    let type = style;
    if (!type && map) type = likeSibling(map, value);
    const token = CST.createScalarToken(value, {
      indent: 0,
      type: type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? type : 'PLAIN',
      inFlow: false,
      end: [],
    });
    return CST.stringify(token);
  }

  /** How far the file indents a nested mapping (2 unless it shows otherwise). */
  private indentStep(): number {
    for (const pair of this.root.items) {
      const value = pair.value;
      if (isMap(value) && value.srcToken?.type === 'block-map') {
        const child = value.srcToken.items[0]?.key;
        const parent = pair.key?.srcToken;
        if (child && 'offset' in child && parent && 'offset' in parent)
          return column(this.text, child.offset) - column(this.text, parent.offset) || 2;
      }
    }
    return 2;
  }

  /** How far the file indents a list's dashes under its key (`authors:\n  - a` is 2, `- a` at the key's column 0). */
  private seqIndentStep(): number {
    for (const pair of this.root.items) {
      const value = pair.value;
      if (isSeq(value) && value.srcToken?.type === 'block-seq') {
        const dash = itemIndicator(value.srcToken.items[0]!);
        const parent = pair.key?.srcToken;
        if (parent && 'offset' in parent) return column(this.text, dash) - column(this.text, parent.offset);
      }
    }
    return 2;
  }

  /** The quoting the file's lists use (their first quoted or plain item). */
  private listStyle(): ScalarType | undefined {
    for (const pair of this.root.items) {
      const value = pair.value;
      if (isSeq(value) && value.items.length > 0) return firstScalarType(value as YAMLSeq<Node>);
    }
    return undefined;
  }

  private where(found: Found): string {
    const key = found.item.key;
    return lineColumn(this.text, key && 'offset' in key ? key.offset : 0);
  }
}

function findPair(map: YAMLMap<Scalar, Node | null>, key: string): Found | undefined {
  const token = map.srcToken;
  if (!token || (token.type !== 'block-map' && token.type !== 'flow-collection')) return undefined;
  for (const [index, pair] of map.items.entries()) {
    if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== key) continue;
    const item = token.items[index];
    if (item) return { pair, item };
  }
  return undefined;
}

/** A key as a plain scalar (field names are plain words). */
function plainKey(key: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key)) throw new YamlEditError(`"${key}" is not a field name`);
  return key;
}

/** The quoting of a sibling value of the same shape (digits and letters alike), for a value added beside it. */
function likeSibling(map: YAMLMap<Scalar, Node | null>, value: string): ScalarType | undefined {
  const shape = (text: string) => text.replace(/\d+/g, '0').replace(/[A-Za-z]+/g, 'a');
  for (const pair of map.items) {
    const node = pair.value;
    if (isScalar(node) && typeof node.value === 'string' && shape(node.value) === shape(value))
      return node.type;
  }
  return undefined;
}

function firstScalarType(seq: YAMLSeq<Node>): ScalarType | undefined {
  const first = seq.items.find((item) => isScalar(item)) as Scalar | undefined;
  return first?.type;
}

/** Offset of an item's `-`. */
function itemIndicator(item: CST.CollectionItem): number {
  const dash = item.start.find((token) => token.type === 'seq-item-ind');
  if (!dash) throw new YamlEditError('a list item without its dash');
  return dash.offset;
}

/** The offset just after an item: after its value and the tokens that end its line (comment, newline). */
function itemEnd(item: CST.CollectionItem): number {
  if (item.value) return item.value.offset + CST.stringify(item.value).length;
  const tokens = [...(item.sep ?? []), ...(item.key ? [item.key] : []), ...item.start];
  let end = 0;
  for (const token of tokens) end = Math.max(end, token.offset + CST.stringify(token).length);
  return end;
}

/** Where a pair's `:` is and where the key's line ends (before its newline). */
function sepEnd(item: CST.CollectionItem): { colon: number; end: number } {
  const sep = item.sep ?? [];
  const colon = sep.find((token) => token.type === 'map-value-ind');
  if (!colon) throw new YamlEditError('a key without its colon');
  let end = colon.offset + 1;
  for (const token of sep) {
    if (token.type === 'newline') break;
    if (token.offset >= end) end = token.offset + token.source.length;
  }
  // A comment on the key's line stays after the value: the value goes right after the colon.
  const comment = sep.find((token) => token.type === 'comment' && token.offset > colon.offset);
  return { colon: colon.offset, end: comment ? colon.offset + 1 : end };
}

/** Length of the newline and comment tokens a collection ends with. */
function trailingLength(token: CST.BlockSequence | CST.FlowCollection): number {
  if (token.type === 'flow-collection') {
    const close = token.end.findIndex((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end');
    return token.end.slice(close + 1).reduce((sum, t) => sum + CST.stringify(t).length, 0);
  }
  const last = token.items.at(-1);
  if (!last?.value) return 0;
  const text = CST.stringify(last.value);
  return text.length - text.trimEnd().length;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return `${line}:${column(text, offset) + 1}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
