// The page shell every page shares (head, navigation, main) and the small pieces pages build tables from. Every
// text from the repository goes through `forHtml` (or, a README, through the sanitizer); nothing here runs a script.
import { type Diagnostic, forHtml, type Proposal } from '../../model/index.js';
import { SEARCH_SCRIPT_PATH } from '../client-assets.js';
import { pagePolicy } from '../content-security-policy.js';
import { feedUrl } from '../feed.js';
import type { Site } from '../site.js';
import { INDEX_PAGE_PATH, RELEASES_PATH, releasePath, STATISTICS_PATH, STYLESHEET_PATH } from '../urls.js';
import { searchBox, searchMeta } from './search-box.js';

/**
 * A page. `scripts` are paths below the base of classic scripts it loads (deferred, in order); `modules` of
 * module scripts, besides the search box's (modules keep their names to themselves). All are files of the site.
 * `inlineStyles`: the page draws mermaid diagrams, whose SVG styles itself (its policy allows inline styles).
 */
export function page(
  site: Site,
  title: string,
  body: string,
  scripts: readonly string[] = [],
  modules: readonly string[] = [],
  { inlineStyles = false }: { inlineStyles?: boolean } = {},
): string {
  const base = forHtml(site.options.baseUrl);
  const pageScripts = scripts
    .map((script) => `\n<script src="${base}${forHtml(script)}" defer></script>`)
    .join('');
  const moduleScripts = [SEARCH_SCRIPT_PATH, ...modules]
    .map((script) => `\n<script type="module" src="${base}${forHtml(script)}"></script>`)
    .join('');
  const releases = site.releases[0]
    ? `<a href="${base}${releasePath(site.releases[0])}">Release ${forHtml(site.releases[0])}</a>`
    : '';
  const feed = feedUrl(site);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pagePolicy(inlineStyles)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${forHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}${STYLESHEET_PATH}">${searchMeta(site)}${moduleScripts}${
    feed ? `\n<link rel="alternate" type="application/atom+xml" title="Changes" href="${forHtml(feed)}">` : ''
  }${
    site.options.liveReloadScript
      ? `\n<script src="${base}${forHtml(site.options.liveReloadScript)}" defer></script>`
      : ''
  }${pageScripts}
</head>
<body>
<header><nav aria-label="Site"><a href="${base}">Proposals</a>${releases}
<a href="${base}${RELEASES_PATH}">Releases</a>
<a href="${base}${STATISTICS_PATH}">Statistics</a>
<a href="${base}${INDEX_PAGE_PATH}">Index</a>${feed ? `\n<a href="${forHtml(feed)}">Feed</a>` : ''}
</nav>${searchBox(site)}</header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

export const cell = (text: string | undefined | null): string => `<td>${forHtml(text ?? '')}</td>`;

export function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

export function findingsCell(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = counts(diagnostics);
  if (errors + warnings === 0) return '<td class="pass">none</td>';
  const parts = [
    errors > 0 ? `<span class="error">${errors} error${errors === 1 ? '' : 's'}</span>` : '',
    warnings > 0 ? `<span class="warning">${warnings} warning${warnings === 1 ? '' : 's'}</span>` : '',
  ];
  return `<td>${parts.filter(Boolean).join(', ')}</td>`;
}

export function groupsOf(proposal: Proposal): string[] {
  const { owningGroup, participatingGroups } = proposal.metadata;
  return [...new Set([owningGroup ?? '', ...participatingGroups].filter(Boolean))];
}
