import type { TextEdit } from '../model/index.js';

/** Two edits claim the same text, or an edit reaches outside it. */
export class EditRangeError extends Error {}

/** Whether two edits claim the same text: ranges that intersect, an insert strictly inside a range, or two inserts at one offset. */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const aInsert = a.start === a.end;
  const bInsert = b.start === b.end;
  if (aInsert && bInsert) return a.start === b.start;
  if (aInsert) return a.start > b.start && a.start < b.end;
  if (bInsert) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Apply text splices to the text they were computed against (offsets are UTF-16 code units into it). Edits
 * may come in any order; overlapping edits, or edits outside the text, are an EditRangeError.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const [index, edit] of sorted.entries()) {
    if (
      !Number.isInteger(edit.start) ||
      !Number.isInteger(edit.end) ||
      edit.start < 0 ||
      edit.end < edit.start
    )
      throw new EditRangeError(`invalid edit range ${edit.start}–${edit.end}`);
    if (edit.end > text.length)
      throw new EditRangeError(
        `edit ${edit.start}–${edit.end} reaches past the end of the text (${text.length})`,
      );
    const previous = sorted[index - 1];
    if (previous && (edit.start < at || editsOverlap(previous, edit)))
      throw new EditRangeError(
        `edits ${previous.start}–${previous.end} and ${edit.start}–${edit.end} overlap`,
      );
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
