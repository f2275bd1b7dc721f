import { forWorkflowCommand, forWorkflowProperty } from '../model/escape.js';
import type { Diagnostic } from '../model/index.js';

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per diagnostic. Repository text
 * (the file, the message) is escaped as @actions/core does, with the other control characters made visible,
 * so it can neither end the command nor start another.
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : 'warning';
      const properties = [
        `file=${forWorkflowProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        ...(d.endLine !== undefined ? [`endLine=${d.endLine}`] : []),
        ...(d.endColumn !== undefined ? [`endColumn=${d.endColumn}`] : []),
        `title=${forWorkflowProperty(d.rule)}`,
      ];
      return `::${command} ${properties.join(',')}::${forWorkflowCommand(d.message)}\n`;
    })
    .join('');
}
