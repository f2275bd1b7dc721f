// Which page a path below the site's base is: one table for `kep serve`'s routes and `kep build-site`'s files.

import { PROPOSALS_JSON_PATH, proposalJson, proposalJsonPath, proposalsJson } from './api.js';
import { proposalImages, readImage } from './assets.js';
import { clientScripts } from './client-assets.js';
import { atomFeed } from './feed.js';
import { kepsJson } from './kepify.js';
import {
  hasMermaidBlock,
  MERMAID_INIT_PATH,
  MERMAID_INIT_SCRIPT,
  MERMAID_SCRIPT_PATH,
  mermaidScript,
} from './mermaid.js';
import { indexPage } from './pages/index-page.js';
import { listPage } from './pages/list.js';
import { renderProposalPage } from './pages/proposal.js';
import { releasePage, releaseReportFor, releasesPage } from './pages/release.js';
import { searchPage } from './pages/search.js';
import { SEARCH_PAGE_PATH } from './pages/search-box.js';
import { statisticsPage } from './pages/statistics.js';
import { RULES_PATH, rulesPage } from './rules-page.js';
import { LIST_JSON_PATH, listJson } from './search-data.js';
import type { Site } from './site.js';
import { SORT_TABLE_SCRIPT, SORT_TABLE_SCRIPT_PATH } from './sort-table.js';
import { SITE_CSS } from './style.js';
import {
  FEED_PATH,
  INDEX_PAGE_PATH,
  KEPS_JSON_PATH,
  proposalPath,
  RELEASES_PATH,
  releasePath,
  STATISTICS_PATH,
  STYLESHEET_PATH,
} from './urls.js';

export interface SitePage {
  contentType: string;
  body: string | Buffer;
  /** The page draws mermaid diagrams, whose SVG carries inline styles: serve allows inline styles (only) for it. */
  inlineStyles?: boolean;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Every page of the site, as paths below its base: the list, the stylesheet, each proposal, the releases and
 * each release, the statistics, the index, the sorting script, keps.json, the feed (with a site URL), the JSON.
 */
export function sitePaths(site: Site): string[] {
  return [
    '',
    STYLESHEET_PATH,
    ...site.proposals.map(proposalPath),
    RELEASES_PATH,
    ...site.releases.map(releasePath),
    STATISTICS_PATH,
    INDEX_PAGE_PATH,
    SORT_TABLE_SCRIPT_PATH,
    KEPS_JSON_PATH,
    ...(site.options.siteUrl ? [FEED_PATH] : []),
    PROPOSALS_JSON_PATH,
    LIST_JSON_PATH,
    SEARCH_PAGE_PATH,
    ...clientScripts().keys(),
    ...site.proposals.map(proposalJsonPath),
    ...site.proposals.flatMap((proposal) => [...proposalImages(site, proposal).values()]),
    ...(site.options.rules ? [RULES_PATH] : []),
    // Mermaid's browser build (3.5 MB) only goes into a site that has a diagram.
    ...(site.proposals.some((proposal) => hasMermaidBlock(proposal.readme?.file.text))
      ? [MERMAID_SCRIPT_PATH, MERMAID_INIT_PATH]
      : []),
  ];
}

const pageTables = new WeakMap<Site, Map<string, () => SitePage | undefined>>();

function pageTable(site: Site): Map<string, () => SitePage | undefined> {
  let table = pageTables.get(site);
  if (table) return table;
  table = new Map<string, () => SitePage | undefined>([
    ['', () => ({ contentType: HTML, body: listPage(site) })],
    [STYLESHEET_PATH, () => ({ contentType: 'text/css; charset=utf-8', body: SITE_CSS })],
  ]);
  table.set(MERMAID_SCRIPT_PATH, () => ({ contentType: SCRIPT, body: mermaidScript() }));
  table.set(MERMAID_INIT_PATH, () => ({ contentType: SCRIPT, body: MERMAID_INIT_SCRIPT }));
  if (site.options.rules) table.set(RULES_PATH, () => ({ contentType: HTML, body: rulesPage(site) }));
  table.set(PROPOSALS_JSON_PATH, () => ({ contentType: JSON_TYPE, body: proposalsJson(site) }));
  table.set(RELEASES_PATH, () => ({ contentType: HTML, body: releasesPage(site) }));
  table.set(STATISTICS_PATH, () => ({ contentType: HTML, body: statisticsPage(site) }));
  table.set(INDEX_PAGE_PATH, () => ({ contentType: HTML, body: indexPage(site) }));
  table.set(SORT_TABLE_SCRIPT_PATH, () => ({ contentType: SCRIPT, body: SORT_TABLE_SCRIPT }));
  table.set(KEPS_JSON_PATH, () => ({ contentType: JSON_TYPE, body: kepsJson(site) }));
  table.set(FEED_PATH, () => {
    const feed = atomFeed(site);
    return feed === undefined ? undefined : { contentType: ATOM_TYPE, body: feed };
  });
  table.set(LIST_JSON_PATH, () => ({ contentType: JSON_TYPE, body: listJson(site) }));
  table.set(SEARCH_PAGE_PATH, () => ({ contentType: HTML, body: searchPage(site) }));
  for (const [scriptPath, text] of clientScripts())
    table.set(scriptPath, () => ({ contentType: SCRIPT, body: text() }));
  for (const proposal of site.proposals) {
    table.set(proposalPath(proposal), () => {
      const { html, hasMermaid } = renderProposalPage(site, proposal);
      return { contentType: HTML, body: html, ...(hasMermaid ? { inlineStyles: true } : {}) };
    });
    table.set(proposalJsonPath(proposal), () => ({
      contentType: JSON_TYPE,
      body: proposalJson(site, proposal),
    }));
    for (const [file, sitePath] of proposalImages(site, proposal))
      table.set(sitePath, () => {
        const image = readImage(site, file);
        return image ? { contentType: image.contentType, body: image.bytes } : undefined;
      });
  }
  for (const release of site.releases)
    table.set(releasePath(release), () => ({
      contentType: HTML,
      body: releasePage(site, releaseReportFor(site, release)),
    }));
  pageTables.set(site, table);
  return table;
}

/**
 * The page at a path below the base (as it appears in a URL, still percent-encoded), or undefined. A
 * directory's page is found with or without its trailing slash or `index.html`.
 */
export function resolveSitePath(site: Site, urlPath: string): SitePage | undefined {
  const table = pageTable(site);
  const key = urlPath.replace(/(^|\/)index\.html$/, '$1');
  const render =
    table.get(key) ?? (key.endsWith('/') || key.endsWith('.json') ? undefined : table.get(`${key}/`));
  return render?.();
}
