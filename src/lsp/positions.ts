// kepkit positions are 1-based lines (counted at LF only) and 1-based UTF-16 columns; LSP positions are 0-based
// and count CR, LF and CRLF as line ends. Going through the text's offset makes the two agree exactly, whatever
// the line ends (a lone CR is a line end to the editor, not to the YAML and markdown readers).
import type { Diagnostic } from '../model/index.js';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A text with the offsets of its lines both ways: kepkit's (LF) and the editor's (CR, LF, CRLF). */
export class TextIndex {
  private readonly lfStarts: number[] = [0];
  private readonly lspStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.lfStarts.push(at + 1);
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 13) {
        if (text.charCodeAt(at + 1) === 10) at++;
        this.lspStarts.push(at + 1);
      } else if (code === 10) this.lspStarts.push(at + 1);
    }
  }

  /** The offset of a kepkit line and column, clamped to the line's end (before its LF) and to the text. */
  offsetOf(line: number, column: number): number {
    const lineIndex = Math.min(Math.max(line, 1), this.lfStarts.length) - 1;
    const start = this.lfStarts[lineIndex]!;
    const end = lineIndex + 1 < this.lfStarts.length ? this.lfStarts[lineIndex + 1]! - 1 : this.text.length;
    return Math.min(start + Math.max(column, 1) - 1, end);
  }

  /** Where the kepkit line that holds this offset ends, before trailing blanks and the line end. */
  lineContentEnd(offset: number): number {
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    while (end > offset && /[\s]/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** The editor's position of an offset. */
  positionAt(offset: number): LspPosition {
    let clamped = Math.min(Math.max(offset, 0), this.text.length);
    // Between the CR and LF of a CRLF is no place in the editor: before the line end, as TextDocument says.
    if (this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    let low = 0;
    let high = this.lspStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.lspStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - this.lspStarts[low]! };
  }

  /** The offset of an editor's position, clamped to its line. */
  offsetAt(position: LspPosition): number {
    if (position.line >= this.lspStarts.length) return this.text.length;
    const start = this.lspStarts[Math.max(position.line, 0)]!;
    let end =
      position.line + 1 < this.lspStarts.length ? this.lspStarts[position.line + 1]! : this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return Math.min(start + Math.max(position.character, 0), end);
  }
}

/**
 * The editor's range of a finding: its start to its end when the rule gives one; else to the end of the
 * line's text (a value such as `implementd`, a heading), so that the editor underlines what is meant. Without
 * the file's text (it could not be read) the positions are taken as they are.
 */
export function rangeOf(diagnostic: Diagnostic, index: TextIndex | undefined): LspRange {
  if (!index) {
    const start = { line: Math.max(diagnostic.line - 1, 0), character: Math.max(diagnostic.column - 1, 0) };
    const end =
      diagnostic.endLine !== undefined && diagnostic.endColumn !== undefined
        ? { line: Math.max(diagnostic.endLine - 1, 0), character: Math.max(diagnostic.endColumn - 1, 0) }
        : start;
    return { start, end };
  }
  const start = index.offsetOf(diagnostic.line, diagnostic.column);
  let end =
    diagnostic.endLine !== undefined && diagnostic.endColumn !== undefined
      ? index.offsetOf(diagnostic.endLine, diagnostic.endColumn)
      : index.lineContentEnd(start);
  if (end < start) end = start;
  return { start: index.positionAt(start), end: index.positionAt(end) };
}
