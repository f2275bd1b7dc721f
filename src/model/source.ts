import type { Position } from './diagnostic.js';

/** A text file as read from the repo. `text` is undefined when the file could not be read as text. */
export interface SourceFile {
  /** Repo-relative path with `/` separators. */
  path: string;
  text: string;
  /** Content hash (sha1 hex) of the raw bytes. */
  hash: string;
}

/** Why a file could not be used; turned into an `io/*` diagnostic by the loader. */
export interface ReadProblem {
  path: string;
  rule: 'io/unreadable' | 'io/too-large' | 'io/encoding' | 'io/outside-repo';
  message: string;
}

/** A parse problem in a YAML document, with its position. */
export interface YamlIssue {
  kind: 'syntax' | 'duplicate-key' | 'alias' | 'empty' | 'too-large' | 'too-deep';
  message: string;
  position: Position;
}

/** A parsed YAML document that remembers where every value came from. */
export interface YamlDocument {
  file: SourceFile;
  /** The plain data, or undefined when the document did not parse. */
  data: unknown;
  issues: YamlIssue[];
  /** Where the key (or, for list items, the item) at this path starts; the document start if absent. */
  keyPosition(path: readonly (string | number)[]): Position;
  /** Where the value at this path starts; falls back to the key, then the nearest parent. */
  valuePosition(path: readonly (string | number)[]): Position;
  /** Whether the path exists in the document (even with a null value). */
  has(path: readonly (string | number)[]): boolean;
  /** The comment on the same line as the value at this path, without `#`. */
  lineComment(path: readonly (string | number)[]): string | undefined;
}
