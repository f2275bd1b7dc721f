// The rules' documentation as text: the README's rule table (`npm run docs` writes it, a test keeps it in step).
import type { Rule, RuleDocs } from './types.js';

export const RULES_TABLE_START = '<!-- rules-table:start -->';
export const RULES_TABLE_END = '<!-- rules-table:end -->';

/** The documentation fields a rule lacks (`docs.appliesTo`, `docs.bad`, …); [] when it has them all. */
export function missingDocs(rule: Rule): string[] {
  const missing: string[] = [];
  if (!rule.description.trim()) missing.push('description');
  if (!rule.rationale.trim()) missing.push('rationale');
  const docs: Partial<RuleDocs> = rule.docs ?? {};
  if (!docs.appliesTo?.trim()) missing.push('docs.appliesTo');
  if (!Array.isArray(docs.profileKeys)) missing.push('docs.profileKeys');
  for (const example of ['bad', 'good'] as const)
    if (!docs[example]?.text.trim() || !docs[example]?.kind) missing.push(`docs.${example}`);
  return missing;
}

/** A table cell of our own prose: only `|` would split it (its backticks are meant as code). */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The README's rule table: errors first (upstream CI fails on them), then warnings, each in `kep rules`
 * order; fixable rules say so.
 */
export function rulesTable(rules: readonly Rule[]): string {
  const ordered = [
    ...rules.filter((rule) => rule.severity === 'error'),
    ...rules.filter((rule) => rule.severity !== 'error'),
  ];
  const rows = ordered.map(
    (rule) =>
      `| \`${rule.id}\` | ${rule.severity} |${rule.upstream ? ' ✔ ' : ' '}| ${cell(rule.description)}${rule.fixable ? ' (fixable)' : ''} |`,
  );
  return ['| id | default | upstream | what it reports |', '|---|---|---|---|', ...rows].join('\n');
}

/** The README with the text between the rule-table markers replaced by the current table. */
export function withRulesTable(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`README.md has no ${RULES_TABLE_START} … ${RULES_TABLE_END} markers`);
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${rulesTable(rules)}\n${readme.slice(end)}`;
}
