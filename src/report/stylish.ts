import { paint } from '../model/ansi.js';
import { forTerminal } from '../model/escape.js';
import type { Diagnostic } from '../model/index.js';

/**
 * Grouped by file, `line:column severity message rule-id`, then a summary line; colour only when asked.
 * Paths, messages and rule ids are shown with their control characters escaped (`forTerminal`).
 */
export function formatStylish(
  diagnostics: readonly Diagnostic[],
  options: {
    colour: boolean /** How many findings directives or the baseline suppressed. */;
    suppressed?: number;
  },
): string {
  const { colour } = options;
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint('underline', forTerminal(file), colour));
    const positions = list.map((d) => `${d.line}:${d.column}`);
    const width = Math.max(...positions.map((p) => p.length));
    const severityWidth = list.some((d) => d.severity === 'warning') ? 7 : 5;
    const messages = list.map((d) => forTerminal(d.message));
    const messageWidth = Math.min(80, Math.max(...messages.map((message) => message.length)));
    list.forEach((d, index) => {
      const severity =
        d.severity === 'error'
          ? paint('red', d.severity.padEnd(severityWidth), colour)
          : paint('yellow', d.severity.padEnd(severityWidth), colour);
      out.push(
        `  ${paint('dim', positions[index]!.padEnd(width), colour)}  ${severity}  ${messages[index]!.padEnd(messageWidth)}  ${paint('dim', forTerminal(d.rule), colour)}`,
      );
    });
    out.push('');
  }
  out.push(summaryLine(diagnostics, colour, options.suppressed));
  return `${out.join('\n')}\n`;
}

/** `✖ 3 problems (1 error, 2 warnings), 5 suppressed`, or `✔ no problems`; the fixable ones on a second line. */
export function summaryLine(diagnostics: readonly Diagnostic[], colour = false, suppressed = 0): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const fixable = diagnostics.filter((d) => d.fix).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  if (diagnostics.length === 0) return paint('green', `✔ no problems${hidden}`, colour);
  const text = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})${hidden}`;
  const fixes = fixable > 0 ? `\n  ${plural(fixable, 'problem')} can be fixed with --fix` : '';
  return paint(errors > 0 ? 'red' : 'yellow', text, colour) + fixes;
}
