/** A position in a source file: 1-based line and column, as editors and GitHub count them. */
export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

/** A text splice on a file's original text; offsets are UTF-16 code-unit offsets into that text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Repo-relative path with `/` separators. */
  file: string;
  description: string;
  edits: TextEdit[];
  /** Content hash (sha1 hex of the raw bytes) of the text the edits were computed against. */
  sourceHash?: string;
}

/** A finding as data: what reporters, the index and the web UI all consume. */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  /** Repo-relative path with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** The KEP number this diagnostic is about, or null when it is about no single KEP. */
  kep: number | null;
  fix?: Fix;
}

/** What a rule returns: a diagnostic before the engine applies the configured severity and rule id. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fix?: Fix;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
