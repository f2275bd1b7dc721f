// Output of tabular results as text. Pure functions: the CLI prints what they return.

/** A column: its header and the cell text of each row. */
export interface Column<Row> {
  header: string;
  text(row: Row): string;
}

/** One line per cell: tables and CSV rows never break, whatever a title holds. */
const oneLine = (value: string): string => value.replace(/\s*[\r\n]+\s*/g, ' ');

/** Aligned columns with an upper-case header, as kubectl and gh print them; the last column is not padded. */
export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = [
    columns.map((column) => column.header.toUpperCase()),
    ...rows.map((row) => columns.map((column) => oneLine(column.text(row)))),
  ];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => [...line[index]!].length)));
  return cells
    .map((line) =>
      line
        .map((cell, index) =>
          index === line.length - 1 ? cell : cell + ' '.repeat(widths[index]! - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** RFC 4180 CSV, quoting as Go's encoding/csv does (fields with `,`, `"`, a line break or a leading space). */
export function formatCsv<Row>(rows: Row[], columns: Column<Row>[]): string {
  const quote = (value: string): string =>
    /[",\r\n]/.test(value) || value.startsWith(' ') || value.startsWith('\t')
      ? `"${value.replace(/"/g, '""')}"`
      : value;
  const lines = [
    columns.map((column) => quote(column.header)),
    ...rows.map((row) => columns.map((column) => quote(column.text(row)))),
  ];
  return lines.map((line) => `${line.join(',')}\n`).join('');
}

/** A GitHub-flavoured markdown table; `|` in cells is escaped. */
export function formatMarkdownTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cell = (value: string): string => oneLine(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const lines = [
    `| ${columns.map((column) => cell(column.header)).join(' | ')} |`,
    `|${columns.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => cell(column.text(row))).join(' | ')} |`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
