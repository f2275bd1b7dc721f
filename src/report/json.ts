import { forJson } from '../model/escape.js';
import type { Diagnostic } from '../model/index.js';

/** The public JSON shape: `{rule, severity, file, line, column, message, kep}` plus optional end and fix. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => ({
    rule: d.rule,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
    message: d.message,
    kep: d.kep,
    ...(d.fix ? { fix: d.fix } : {}),
  }));
  return `${forJson(JSON.stringify(rows, null, 2))}\n`;
}
