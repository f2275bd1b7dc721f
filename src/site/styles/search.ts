/** The list's filters, its sortable headers and scrolling table, and the search box with its results. */
export const SEARCH_CSS = `.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem; margin-top: 0.5rem; }
.site-search label { font-weight: 600; }
.site-search input { flex: 1 1 12rem; min-width: 0; font: inherit; padding: 0.25rem 0.5rem; }
.site-search button, .list-filters button { font: inherit; padding: 0.25rem 0.75rem; }
.search-panel { border: 1px solid var(--line); border-radius: 4px; margin-top: 0.5rem; padding: 0.25rem 0.75rem; max-height: 70vh; overflow-y: auto; background: var(--bg); }
.search-heading { font-size: 1rem; margin: 0.5rem 0 0.25rem; }
.search-status { margin: 0.25rem 0; color: var(--muted); }
.search-hits { margin: 0; padding-left: 1.5rem; }
.search-hits li { margin: 0.25rem 0; overflow-wrap: anywhere; }
.search-hit-title { font-weight: 600; }
.search-hit-facts { display: block; font-size: 0.875rem; }
.search-excerpt { margin: 0; font-size: 0.875rem; }
mark { background: #fff0a0; color: #1f2328; }
@media (prefers-color-scheme: dark) { mark { background: #735c0f; color: #fff; } }
.list-filters details { border: 1px solid var(--line); border-radius: 4px; padding: 0.25rem 0.75rem; margin-bottom: 0.5rem; }
.list-filters summary { font-weight: 600; cursor: pointer; }
.list-filters .filter-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem 1rem; padding: 0.5rem 0; }
.list-filters .filter { display: flex; flex-direction: column; min-width: 0; }
.list-filters select, .list-filters input { font: inherit; padding: 0.25rem; min-width: 0; max-width: 100%; }
.list-filters .filter-actions { display: flex; align-items: end; gap: 1rem; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.table-scroll table { display: table; }
.proposal-list td:nth-child(2) { min-width: 14rem; }
.sort-button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
.sort-button:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
th[aria-sort="ascending"] .sort-indicator::after { content: " ▲"; }
th[aria-sort="descending"] .sort-indicator::after { content: " ▼"; }
@media print { .site-search, .search-panel, .list-filters { display: none; } }
`;
