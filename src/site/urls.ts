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
