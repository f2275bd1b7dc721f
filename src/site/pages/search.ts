// The search page the header's form goes to (`search/?q=…`): assets/search.js fills in the results.
import { forHtml } from '../../model/index.js';
import type { Site } from '../site.js';
import { page } from './layout.js';

/** The search page: the results of `?q=`, which the script fills in (the static site has no server to ask). */
export function searchPage(site: Site): string {
  const base = forHtml(site.options.baseUrl);
  const body = `<h1>Search</h1>
<div id="search-page-results" class="search-page">
<p>Searching needs JavaScript. Without it, <a href="${base}">the list of every proposal</a> holds them all.</p>
</div>`;
  return page(site, 'Search', body);
}
