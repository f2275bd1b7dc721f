// A unified diff of two versions of a file, as `diff -u` and `git diff` print it (what `kep toc --check` shows).

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * Unified diff (`--- a/file`, `+++ b/file`, hunks with `context` lines around changes); '' when equal.
 * File names are quoted as git quotes them, so that `git apply` takes any name and none adds patch lines.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  // The common head and tail need no alignment; only the middle (a table of contents, say) is compared.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })),
    ...alignLines(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line })),
  ];

  const hunks: string[] = [];
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]!.kind === ' ') index++;
    if (index >= ops.length) break;
    let start = Math.max(0, index - context);
    let end = index;
    // Extend over changes closer to each other than twice the context.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    end = Math.min(ops.length, end + context);
    // Line numbers of the hunk's first line in each version.
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < start; k++) {
      if (ops[k]!.kind !== '+') oldLine++;
      if (ops[k]!.kind !== '-') newLine++;
    }
    const body = ops.slice(start, end);
    const oldCount = body.filter((op) => op.kind !== '+').length;
    const newCount = body.filter((op) => op.kind !== '-').length;
    hunks.push(
      `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n${body.map(diffLine).join('')}`,
    );
    index = end;
    start = end;
  }
  // Like git, a tab after a name with a space, so that GNU patch reads the whole name.
  const tab = file.includes(' ') ? '\t' : '';
  return `--- ${quotePath(`a/${file}`)}${tab}\n+++ ${quotePath(`b/${file}`)}${tab}\n${hunks.join('')}`;
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

function range(line: number, count: number): string {
  // An empty range names the line before it, as diff does.
  return count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`;
}

function diffLine(op: Op): string {
  return op.line.endsWith('\n')
    ? `${op.kind}${op.line.slice(0, -1)}\n\\ No newline at end of file\n`
    : `${op.kind}${op.line}\n`;
}

/**
 * The lines of a text. A last line without a newline keeps a '\n' (no line holds one otherwise): it then
 * differs from the same line with a newline, and its diff line says so, as diff's does.
 */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n';
  return lines;
}

/** Longest-common-subsequence alignment of two (short) line lists. */
function alignLines(a: string[], b: string[]): Op[] {
  if (a.length * b.length > 4_000_000) {
    return [
      ...a.map((line) => ({ kind: '-' as const, line })),
      ...b.map((line) => ({ kind: '+' as const, line })),
    ];
  }
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j >= b.length || lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)
    ) {
      ops.push({ kind: '-', line: a[i]! });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j]! });
      j++;
    }
  }
  return ops;
}
