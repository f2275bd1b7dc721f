// Where each page lives, one place for the server's routes, the static files and every link between pages.
import type { Proposal } from '../model/index.js';

/** A proposal's page, below the site's base: `keps/2033/` (its id; path segments encoded one by one). */
export function proposalPath(proposal: Pick<Proposal, 'id'>): string {
  return `keps/${proposal.id.split('/').map(encodeURIComponent).join('/')}/`;
}

/** A release's page, below the site's base: `release/v1.37/`. */
export function releasePath(release: string): string {
  return `release/${encodeURIComponent(release)}/`;
}

export const STYLESHEET_PATH = 'site.css';

/** The releases' index, the statistics, the index of proposals by status and group (PEP 0's kind). */
export const RELEASES_PATH = 'release/';
export const STATISTICS_PATH = 'statistics/';
export const INDEX_PAGE_PATH = 'index/';
/** The Atom feed of changes (only when the site's absolute URL is known) and kepify's keps.json. */
export const FEED_PATH = 'feed.xml';
export const KEPS_JSON_PATH = 'keps.json';
