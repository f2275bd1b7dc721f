import type { MarkdownDocument, Section } from '../../model/index.js';
import { perDocument } from './memo.js';

/**
 * A document's prose: HTML comments and fenced code blanked out, so that what a rule finds in it is text a
 * reader sees. A line that is partly blanked keeps its length (spaces), so columns still point into the
 * original line; a line that is wholly blanked is empty. Headings inside comments or fences are not
 * headings in the section tree either (markdown-it), so both views agree on what is text.
 */
export function proseLines(doc: MarkdownDocument): readonly string[] {
  return views(doc).prose;
}

/**
 * A document with HTML comments blanked out but code kept: what a reader sees, code blocks included. Columns
 * point into the original lines, as in proseLines.
 */
export function visibleLines(doc: MarkdownDocument): readonly string[] {
  return views(doc).visible;
}

/** For each line of the document, the 0-based line that opens the fenced code block it is in (its fence lines included), or -1. */
export function fenceStarts(doc: MarkdownDocument): Int32Array {
  return views(doc).fenceStart;
}

export interface Views {
  prose: string[];
  visible: string[];
  fenceStart: Int32Array;
}

const views = perDocument((doc: MarkdownDocument): Views => blankCommentsAndCode(doc.lines));

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;

function blankCommentsAndCode(source: readonly string[]): Views {
  const prose: string[] = new Array(source.length);
  const visible: string[] = new Array(source.length);
  const fenceStart = new Int32Array(source.length).fill(-1);
  let fence: { char: string; length: number; start: number } | undefined;
  let inComment = false;
  for (let index = 0; index < source.length; index++) {
    const line = source[index]!;
    if (fence) {
      fenceStart[index] = fence.start;
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && !close[2]!.trim())
        fence = undefined;
      prose[index] = '';
      visible[index] = line;
      continue;
    }
    if (!inComment && startsLikeFence(line)) {
      const open = FENCE.exec(line);
      // A backtick fence's info string cannot hold a backtick (CommonMark): such a line is inline code.
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length, start: index };
        fenceStart[index] = index;
        prose[index] = '';
        visible[index] = line;
        continue;
      }
    }
    if (!inComment && !line.includes('<!--')) {
      prose[index] = line;
      visible[index] = line;
      continue;
    }
    const text = blankComments(line, inComment);
    inComment = text.inComment;
    prose[index] = text.line;
    visible[index] = text.line;
  }
  return { prose, visible, fenceStart };
}

/** Whether the first non-blank character of the line is a backtick or tilde (cheap pre-check for a fence). */
function startsLikeFence(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 32 || code === 9) continue;
    return code === 96 || code === 126;
  }
  return false;
}

/** Blank the comment parts of one line, given whether it starts inside a comment. */
function blankComments(line: string, startsInComment: boolean): { line: string; inComment: boolean } {
  let inComment = startsInComment;
  let text = '';
  let rest = 0;
  while (rest < line.length) {
    if (inComment) {
      const end = line.indexOf('-->', rest);
      if (end === -1) break;
      text += ' '.repeat(end + 3 - rest);
      rest = end + 3;
      inComment = false;
    } else {
      const start = line.indexOf('<!--', rest);
      if (start === -1) {
        text += line.slice(rest);
        rest = line.length;
      } else {
        text += line.slice(rest, start);
        rest = start + 4;
        text += '    ';
        inComment = true;
      }
    }
  }
  return { line: text.trim() === '' ? '' : text, inComment };
}

/** 0-based line range [start, end] of a section together with all its subsections. */
export function subtreeRange(doc: MarkdownDocument, index: number): { start: number; end: number } {
  const section = doc.sections[index]!;
  let end = doc.lines.length - 1;
  for (let next = index + 1; next < doc.sections.length; next++) {
    const candidate = doc.sections[next]!;
    if (candidate.level <= section.level && !candidate.nested) {
      end = candidate.line - 2;
      break;
    }
  }
  return { start: section.bodyStartLine, end };
}

/**
 * The prose and visible views of lines `start`..`end` (0-based, inclusive) only, indexed from `start`.
 * Meant for a range that begins right after a heading: a heading is never inside a comment or a code
 * fence, so the scan can start there instead of at the top of the document.
 */
export function rangeView(doc: MarkdownDocument, start: number, end: number): Views {
  return blankCommentsAndCode(doc.lines.slice(start, end + 1));
}

/** The prose of a section's own body (not its subsections), one entry per line. */
export function ownProse(doc: MarkdownDocument, section: Section): string[] {
  return rangeView(doc, section.bodyStartLine, section.bodyEndLine).prose;
}

/** The visible text (code included) of a section's own body, one entry per line. */
export function ownVisible(doc: MarkdownDocument, section: Section): string[] {
  return rangeView(doc, section.bodyStartLine, section.bodyEndLine).visible;
}

/**
 * The text with each markdown link `[label](target)` replaced by its label (and with `images`, `![alt](src)`
 * by its alt text): what `text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')` gives, found in linear time. That
 * expression backtracks from every unclosed `[`; but from every `[` before the same `]` it fails alike.
 */
export function linkLabels(text: string, options: { images?: boolean } = {}): string {
  let out = '';
  let from = 0;
  let open = text.indexOf('[');
  while (open !== -1) {
    const close = text.indexOf(']', open + 1);
    if (close === -1) break;
    if (text.charCodeAt(close + 1) !== 40 /* ( */) {
      open = text.indexOf('[', close + 1);
      continue;
    }
    const end = text.indexOf(')', close + 2);
    if (end === -1) break;
    const start =
      options.images && open - 1 >= from && text.charCodeAt(open - 1) === 33 /* ! */ ? open - 1 : open;
    out += text.slice(from, start) + text.slice(open + 1, close);
    from = end + 1;
    open = text.indexOf('[', from);
  }
  return from === 0 ? text : out + text.slice(from);
}
