// The rules' documentation as a page of the site (`rules/`), so that a finding's rule id links to what the rule
// checks and why: each rule's description, rationale, what it applies to, and its default severity.
import { forHtml } from '../model/index.js';
import { page } from './pages/layout.js';
import type { Site } from './site.js';

export const RULES_PATH = 'rules/';

/** The fragment of a rule on the rules page: `readme/toc` → `rule-readme-toc`. */
export const ruleAnchor = (id: string): string => `rule-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** Where a rule's docs are on the site; undefined for a rule the site does not list. */
export function ruleDocsHref(site: Site, id: string): string | undefined {
  if (!site.options.rules?.some((rule) => rule.id === id)) return undefined;
  return `${site.options.baseUrl}${RULES_PATH}#${ruleAnchor(id)}`;
}

export function rulesPage(site: Site): string {
  const rules = [...(site.options.rules ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  const items = rules.map(
    (rule) => `<section aria-labelledby="${ruleAnchor(rule.id)}" class="rule">
<h2 id="${ruleAnchor(rule.id)}"><code>${forHtml(rule.id)}</code></h2>
<p>${forHtml(rule.description)}</p>
<dl class="metadata"><dt>Default severity</dt><dd>${forHtml(rule.severity)}</dd>${
      rule.appliesTo ? `<dt>Applies to</dt><dd>${forHtml(rule.appliesTo)}</dd>` : ''
    }<dt>Why</dt><dd>${forHtml(rule.rationale)}</dd></dl>
</section>`,
  );
  return page(
    site,
    'Lint rules',
    `<h1>Lint rules</h1>\n<p>${rules.length} rules; <code>kep rules ID</code> prints the same with examples.</p>\n${items.join('\n')}`,
  );
}
