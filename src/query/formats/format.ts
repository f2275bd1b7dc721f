// Output of tabular results as text. Pure functions: the CLI prints what they return. Every cell is
// repository text, escaped for its sink (see model/escape.ts).
import { paint, type Style } from '../../model/ansi.js';
import { forCsv, forJson, forMarkdown, forTerminal } from '../../model/escape.js';

/** A column: its header and the cell text of each row. */
export interface Column<Row> {
  header: string;
  text(row: Row): string;
  /** The cell's style when colour is on (a verdict in red or green), if any. */
  style?(row: Row): Style | undefined;
}

/**
 * Aligned columns with an upper-case header, as kubectl and gh print them; the last column is not padded.
 * Control characters in a cell are shown escaped (`\n`, `\x1b`): a row never breaks or colours the terminal.
 */
export function formatTable<Row>(
  rows: Row[],
  columns: Column<Row>[],
  options: { colour?: boolean } = {},
): string {
  const colour = options.colour === true;
  const cells = [
    columns.map((column) => forTerminal(column.header.toUpperCase())),
    ...rows.map((row) => columns.map((column) => forTerminal(column.text(row)))),
  ];
  const styleOf = (line: number, index: number): Style | undefined =>
    line === 0 ? 'bold' : columns[index]!.style?.(rows[line - 1]!);
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => [...line[index]!].length)));
  return cells
    .map((line, lineIndex) =>
      line
        .map((cell, index) => {
          // Padded outside the style, so that colour never changes the alignment.
          const padding = index === line.length - 1 ? '' : ' '.repeat(widths[index]! - [...cell].length);
          const style = colour ? styleOf(lineIndex, index) : undefined;
          return (style ? paint(style, cell, true) : cell) + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** RFC 4180 CSV, quoting as Go's encoding/csv does, with spreadsheet formulas defused (see `forCsv`). */
export function formatCsv<Row>(rows: Row[], columns: Column<Row>[]): string {
  const lines = [
    columns.map((column) => forCsv(column.header)),
    ...rows.map((row) => columns.map((column) => forCsv(column.text(row)))),
  ];
  return lines.map((line) => `${line.join(',')}\n`).join('');
}

/** A GitHub-flavoured markdown table; cells can neither split the table nor add markup (see `forMarkdown`). */
export function formatMarkdownTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const lines = [
    `| ${columns.map((column) => forMarkdown(column.header)).join(' | ')} |`,
    `|${columns.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => forMarkdown(column.text(row))).join(' | ')} |`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/** Indented JSON; characters that JSON.stringify leaves raw (C1, bidi…) are `\u` escapes (see `forJson`). */
export function formatJson(value: unknown): string {
  return `${forJson(JSON.stringify(value, null, 2))}\n`;
}
