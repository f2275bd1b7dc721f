// Byte-scanning helpers of gomarkdown (parser/block.go, parser/parser.go), on JS strings.
// Every comparison is against an ASCII character, so UTF-16 code units give the same answers as UTF-8 bytes.

export function skipChar(data: string, i: number, c: string): number {
  const n = data.length;
  while (i < n && data[i] === c) i++;
  return i;
}

export function skipCharN(data: string, i: number, c: string, max: number): number {
  const n = data.length;
  while (i < n && max > 0 && data[i] === c) {
    i++;
    max--;
  }
  return i;
}

export function skipUntilChar(data: string, i: number, c: string): number {
  const index = data.indexOf(c, i);
  return index === -1 ? Math.max(i, data.length) : index;
}

export function skipAlnum(data: string, i: number): number {
  const n = data.length;
  while (i < n && isAlnum(data[i])) i++;
  return i;
}

export function skipSpace(data: string, i: number): number {
  const n = data.length;
  while (i < n && isSpace(data[i])) i++;
  return i;
}

export function backUntilChar(data: string, i: number, c: string): number {
  while (i > 0 && data[i - 1] !== c) i--;
  return i;
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

export function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

export function isAlnum(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export function isPunctuation(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && PUNCTUATION.includes(c);
}

/** gomarkdown's IsEmpty: the length of a blank first line (with its newline), or 0. */
export function isEmpty(data: string): number {
  if (data.length === 0) return 0;
  let i = 0;
  for (; i < data.length && data[i] !== '\n'; i++) {
    if (data[i] !== ' ' && data[i] !== '\t') return 0;
  }
  return skipCharN(data, i, '\n', 1);
}

/** Whether the character at i is preceded by an odd number of backslashes. */
export function isBackslashEscaped(data: string, i: number): boolean {
  let backslashes = 0;
  while (i - backslashes - 1 >= 0 && data[i - backslashes - 1] === '\\') backslashes++;
  return (backslashes & 1) === 1;
}

/** Go's strings.TrimSpace: Unicode white space (which, unlike String.prototype.trim, has U+0085 and not U+FEFF). */
export function goTrimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isGoSpace(code: number): boolean {
  if (code <= 0xff) {
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0xa0;
  }
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * The info string of a fence line (or of a three-backtick code span) starting at `i`: `{…}` trimmed, or the
 * run of non-space characters. Returns start and length, and the index after it; (0, 0) when `{` is unclosed.
 */
export function syntaxRange(data: string, i: number): { start: number; length: number; next: number } {
  const n = data.length;
  const origin = i;
  let syn = 0;
  let syntaxStart = i;
  if (data[i] === '{') {
    i++;
    syntaxStart++;
    while (i < n && data[i] !== '}' && data[i] !== '\n') {
      syn++;
      i++;
    }
    if (i >= n || data[i] !== '}') return { start: 0, length: 0, next: origin };
    while (syn > 0 && isSpace(data[syntaxStart])) {
      syntaxStart++;
      syn--;
    }
    while (syn > 0 && isSpace(data[syntaxStart + syn - 1])) syn--;
    i++;
  } else {
    while (i < n && !isSpace(data[i])) {
      syn++;
      i++;
    }
  }
  return { start: syntaxStart, length: syn, next: i };
}
