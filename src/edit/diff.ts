// A unified diff of two versions of a file, as `diff -u` and `git diff` print it (what `kep toc --check` shows).

import { structuredPatch } from 'diff';

/**
 * Unified diff (`--- a/file`, `+++ b/file`, hunks with `context` lines around changes); '' when equal.
 * jsdiff finds the hunks (and marks a last line without a newline, as diff does); the header lines are
 * written here: file names quoted as git quotes them, so that `git apply` takes any name and none adds patch
 * lines, and ranges as diff writes them (`-5` for one line, where jsdiff would write `-5,1`).
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const { hunks } = structuredPatch(file, file, before, after, '', '', { context });
  const body = hunks
    .map(
      (hunk) =>
        `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@\n` +
        hunk.lines.map((line) => `${line}\n`).join(''),
    )
    .join('');
  // Like git, a tab after a name with a space, so that GNU patch reads the whole name.
  const tab = file.includes(' ') ? '\t' : '';
  return `--- ${quotePath(`a/${file}`)}${tab}\n+++ ${quotePath(`b/${file}`)}${tab}\n${body}`;
}

const C_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * A path as git writes it in a patch (quote_c_style with core.quotePath): as is, or, when it holds `"`, `\`,
 * a control character or a non-ASCII one, in double quotes with C escapes and octal UTF-8 bytes.
 */
export function quotePath(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is quoted
  if (!/["\\\x00-\x1f\x7f-\uffff]/.test(name)) return name;
  let quoted = '"';
  for (const char of name) {
    const cEscape = C_ESCAPES[char];
    if (cEscape) quoted += cEscape;
    else if (char >= ' ' && char < '\x7f') quoted += char;
    else for (const byte of Buffer.from(char, 'utf8')) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${quoted}"`;
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as diff does (jsdiff gives the line after it).
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}
