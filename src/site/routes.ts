// Which page a path below the site's base is: one table for `kep serve`'s routes and `kep build-site`'s files.

import { PROPOSALS_JSON_PATH, proposalJson, proposalJsonPath, proposalsJson } from './api.js';
import { proposalImages, readImage } from './assets.js';
import { clientScripts } from './client-assets.js';
import { listPage } from './pages/list.js';
import { proposalPage } from './pages/proposal.js';
import { releasePage, releaseReportFor } from './pages/release.js';
import { searchPage } from './pages/search.js';
import { SEARCH_PAGE_PATH } from './pages/search-box.js';
import { LIST_JSON_PATH, listJson } from './search-data.js';
import type { Site } from './site.js';
import { SITE_CSS } from './style.js';
import { proposalPath, releasePath, STYLESHEET_PATH } from './urls.js';

export interface SitePage {
  contentType: string;
  body: string | Buffer;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Every page of the site, as paths below its base: the list, the stylesheet, each proposal, each release, the JSON. */
export function sitePaths(site: Site): string[] {
  return [
    '',
    STYLESHEET_PATH,
    ...site.proposals.map(proposalPath),
    ...site.releases.map(releasePath),
    PROPOSALS_JSON_PATH,
    LIST_JSON_PATH,
    SEARCH_PAGE_PATH,
    ...clientScripts().keys(),
    ...site.proposals.map(proposalJsonPath),
    ...site.proposals.flatMap((proposal) => [...proposalImages(site, proposal).values()]),
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
  table.set(PROPOSALS_JSON_PATH, () => ({ contentType: JSON_TYPE, body: proposalsJson(site) }));
  table.set(LIST_JSON_PATH, () => ({ contentType: JSON_TYPE, body: listJson(site) }));
  table.set(SEARCH_PAGE_PATH, () => ({ contentType: HTML, body: searchPage(site) }));
  for (const [scriptPath, text] of clientScripts())
    table.set(scriptPath, () => ({ contentType: 'text/javascript; charset=utf-8', body: text() }));
  for (const proposal of site.proposals) {
    table.set(proposalPath(proposal), () => ({ contentType: HTML, body: proposalPage(site, proposal) }));
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
