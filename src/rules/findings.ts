import type { Finding, Position, Proposal, YamlDocument } from '../model/index.js';

/** A finding at the metadata value (or key, or file start) for this path. */
export function atMetadataValue(proposal: Proposal, path: (string | number)[], message: string): Finding {
  return atYaml(proposal.metadataFile, `${proposal.dir}/metadata`, path, message, 'value');
}

export function atMetadataKey(proposal: Proposal, path: (string | number)[], message: string): Finding {
  return atYaml(proposal.metadataFile, `${proposal.dir}/metadata`, path, message, 'key');
}

export function atYaml(
  doc: YamlDocument | undefined,
  fallbackFile: string,
  path: (string | number)[],
  message: string,
  part: 'key' | 'value' = 'value',
): Finding {
  const position: Position = doc
    ? part === 'key'
      ? doc.keyPosition(path)
      : doc.valuePosition(path)
    : { line: 1, column: 1 };
  return { file: doc?.file.path ?? fallbackFile, line: position.line, column: position.column, message };
}

export function atFileStart(file: string, message: string): Finding {
  return { file, line: 1, column: 1, message };
}

/** The raw metadata data as a record (undefined when it did not parse as a mapping). */
export function rawMetadata(proposal: Proposal): Record<string, unknown> | undefined {
  const data = proposal.metadataFile?.data;
  return data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

/** Where a scalar of a YAML document is written: the offsets of its text (inside any quotes), and its quote. */
export interface ScalarSpan {
  start: number;
  end: number;
  quote: '"' | "'" | '';
}

/**
 * The span of the one-line scalar at this path, for fixes that rewrite a value in place; undefined when the
 * value is not a simple one-line scalar (escapes, a block scalar, a flow collection), since a byte edit of
 * those would not be certain.
 */
export function scalarSpan(doc: YamlDocument, path: (string | number)[]): ScalarSpan | undefined {
  if (!doc.has(path)) return undefined;
  const { line, column } = doc.valuePosition(path);
  const text = doc.file.text;
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', lineStart);
    if (next === -1) return undefined;
    lineStart = next + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart);
  const start = lineStart + column - 1;
  const first = text[start];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, start + 1);
    if (close === -1 || close > lineEnd || text.slice(start + 1, close).includes('\\')) return undefined;
    return { start: start + 1, end: close, quote: first };
  }
  if (first === undefined || /[[{|>&*!#\s]/.test(first)) return undefined;
  const rest = text.slice(start, lineEnd);
  const comment = rest.search(/\s#/);
  const plain = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
  return { start, end: start + plain.length, quote: '' };
}
