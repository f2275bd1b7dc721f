// Repository text is hostile: a title, a path or a YAML value may hold terminal escapes, line breaks or
// markup. Every text that comes from a repository is escaped for the place it goes, by one function per
// sink. They live in the model because reporters and queries (which may import only the model) and the CLI
// all need them.

/**
 * What a terminal or a reviewer must never receive raw: C0 controls (tab, line feed and ESC included),
 * DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional embeddings, overrides
 * and isolates that can reorder what a reviewer sees ("Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const ANY_UNSAFE = new RegExp(UNSAFE.source);

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `\n`, `\t`, `\r`, `\x1b`, `\u202e`: also valid escapes in a YAML double-quoted scalar. */
function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether the text holds a character that `forTerminal` would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  return ANY_UNSAFE.test(text);
}

/**
 * For a terminal (and any line-oriented log, such as a CI log): every unsafe character shown as an escape
 * (`\x1b`, `\n`, `\t`, `\u202e`), so a text can neither colour, retitle or clear the terminal nor start a
 * line of its own. Backslashes are kept, so normal text reads as written and escaping twice changes nothing.
 */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * The message of a GitHub Actions workflow command (`::error …::message`): the runner's own escaping
 * (`%` → `%25`, CR → `%0D`, LF → `%0A`, decoded back into the annotation), then the other unsafe characters
 * made visible.
 */
export function forWorkflowCommand(text: string): string {
  return forTerminal(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A property value of a workflow command (`file=`, `title=`): the message escaping plus `:` and `,`. */
export function forWorkflowProperty(text: string): string {
  return forWorkflowCommand(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Line breaks, with the blanks around them: a markdown cell or line has none. */
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;

/**
 * Inline markdown (a table cell, a list item, a block quote line): line breaks become one space, other unsafe
 * characters are made visible, and every character that could start markup is backslash-escaped (`\`, `` ` ``,
 * `*`, `[`, `]`, `<`, `>`, `|`, `~`, `_` unless inside a word, and `&` where it would start an entity such as
 * `&#x202e;`), so a text can add no HTML, link, image, code or emphasis and cannot split a table cell.
 */
export function forMarkdown(text: string): string {
  return forTerminal(text.replace(LINE_BREAKS, ' '))
    .replace(/[\\`*[\]<>|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&')
    .replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, '\\&');
}

/**
 * A code span in a markdown table cell (`` `keps/sig-node/…` ``): a fence longer than any run of backticks
 * inside, `|` escaped (a table splits cells before it parses code spans), line breaks as one space and other
 * unsafe characters visible. Markup inside a code span is inert.
 */
export function forMarkdownCode(text: string): string {
  if (text === '') return '';
  const shown = forTerminal(text.replace(LINE_BREAKS, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** What JSON.stringify leaves raw although a terminal or a reviewer should not see it: DEL, C1, U+2028/9, bidi. */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Serialized JSON (JSON.stringify escapes C0 controls itself) with the characters it leaves raw written as
 * `\u` escapes: the same value for a parser, nothing raw on a terminal. These characters occur only inside
 * strings, where a `\u` escape is what they mean.
 */
export function forJson(json: string): string {
  return json.replace(JSON_RAW, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A field that a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV field: unsafe characters made visible (a line break in a title would otherwise start a new line in
 * a log), a leading `'` before a field that starts with `=`, `+`, `-`, `@`, tab or CR so that spreadsheets
 * show it as text (OWASP), then RFC 4180 quoting as Go's encoding/csv does: fields with `,`, `"`, CR, LF or
 * a leading space are quoted, quotes doubled.
 */
export function forCsv(text: string): string {
  let field = forTerminal(text);
  if (FORMULA.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) || field.startsWith(' ') ? `"${field.replace(/"/g, '""')}"` : field;
}

const HTML_SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for an HTML element or a quoted attribute value: the five characters that could start markup or end
 * the attribute written as entities, and the bidirectional controls shown as escapes (`\u202e`): a browser
 * obeys them however they are written, and they could reorder what a reader sees ("Trojan Source").
 */
export function forHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (char) => HTML_SPECIAL[char]!)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

/**
 * What XML 1.0 forbids (C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF:
 * a strict parser rejects the whole document for one of them), and what a reader should not receive raw (DEL,
 * C1 controls, the line and paragraph separators, the bidirectional controls).
 */
const XML_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for an XML element or a quoted attribute value (an Atom feed, an SVG chart): the five characters that
 * could start markup or end the attribute written as entities, tab and line breaks as character references (a
 * parser would turn them into spaces in an attribute, and CR LF into LF anywhere), and every character XML forbids or a reader
 * should not see raw shown as an escape (`\x1b`, `\u202e`), so the document stays well-formed whatever the text.
 */
export function forXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (char) => HTML_SPECIAL[char]!)
    .replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`)
    .replace(XML_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
