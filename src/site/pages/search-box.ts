// The search box every page's header carries, and the search page its form goes to (`search/?q=…`). The box is
// a plain GET form; assets/search.js makes it instant (titles and metadata through MiniSearch over
// api/list.json, the full text through Pagefind in a built site or `api/search` under `kep serve`).
import { forHtml } from '../../model/index.js';
import { MAX_QUERY_LENGTH } from '../search-data.js';
import type { Site } from '../site.js';

export const SEARCH_PAGE_PATH = 'search/';

/** What the search script needs to know: the site's base, and `kep serve`'s endpoint when there is one. */
export function searchMeta(site: Site): string {
  const base = forHtml(site.options.baseUrl);
  const endpoint = site.options.searchEndpoint
    ? `\n<meta name="kep-search-endpoint" content="${base}${forHtml(site.options.searchEndpoint)}">`
    : '';
  return `\n<meta name="kep-site-base" content="${base}">${endpoint}`;
}

export function searchBox(site: Site): string {
  const base = forHtml(site.options.baseUrl);
  return `<form class="site-search" role="search" action="${base}${SEARCH_PAGE_PATH}" method="get">
<label for="site-search-input">Search proposals</label>
<input id="site-search-input" name="q" type="search" maxlength="${MAX_QUERY_LENGTH}" autocomplete="off" spellcheck="false" placeholder="title, number or any word" aria-describedby="site-search-help">
<span id="site-search-help" class="visually-hidden">Results appear below as you type; press Enter for the search page.</span>
<button type="submit">Search</button>
</form>
<div id="site-search-panel" class="search-panel" hidden></div>`;
}
