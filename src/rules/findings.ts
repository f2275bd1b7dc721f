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
