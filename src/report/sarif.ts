import { forJson } from '../model/escape.js';
import { compareDiagnostics, type Diagnostic, type SuppressedDiagnostic } from '../model/index.js';

/** A repo-relative path as a URI reference: each segment percent-encoded (`#`, `?`, `%` too), `/` kept. */
function pathUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export interface SarifRuleInfo {
  id: string;
  description: string;
  rationale: string;
  severity: 'error' | 'warning';
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules as driver rules, repo-relative URIs. The
 * suppressed findings are results too, each with its `suppressions` (`inSource`: a comment in the file;
 * `external`: the baseline), which code scanning shows as dismissed rather than open.
 */
export function formatSarif(
  reported: readonly Diagnostic[],
  rules: readonly SarifRuleInfo[],
  version: string,
  suppressed: readonly SuppressedDiagnostic[] = [],
): string {
  const diagnostics: (Diagnostic | SuppressedDiagnostic)[] =
    suppressed.length > 0 ? [...reported, ...suppressed].sort(compareDiagnostics) : [...reported];
  const used = rules.filter((rule) => diagnostics.some((d) => d.rule === rule.id));
  const index = new Map(used.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kepkit',
            informationUri: 'https://github.com/kepkit/kepkit',
            version,
            rules: used.map((rule) => ({
              id: rule.id,
              name: rule.id
                .replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())
                .replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.rationale },
              defaultConfiguration: { level: rule.severity === 'error' ? 'error' : 'warning' },
              help: { text: `${rule.description}\n\n${rule.rationale}` },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathUri(d.file) },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
                  ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
                },
              },
            },
          ],
          ...('suppression' in d ? { suppressions: [{ kind: d.suppression }] } : {}),
        })),
      },
    ],
  };
  return `${forJson(JSON.stringify(log, null, 2))}\n`;
}
