import { PROPOSAL_CSS } from './styles/proposal.js';
import { SEARCH_CSS } from './styles/search.js';
import { STATS_CSS } from './styles/stats.js';

/** The site's one stylesheet: readable on a phone and a laptop, in light and dark, no web fonts. */
const BASE_CSS = `:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0;
  --link: #0550ae; --error: #a40e26; --warning: #7a4d00; --pass: #116329; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
  --link: #6cb6ff; --error: #ff9492; --warning: #e3b341; --pass: #56d364; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; }
header nav { display: flex; flex-wrap: wrap; gap: 1rem; border-bottom: 1px solid var(--line); padding-bottom: 0.5rem; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: color-mix(in srgb, var(--line) 35%, transparent); }
.muted { color: var(--muted); }
.error { color: var(--error); font-weight: 600; }
.warning { color: var(--warning); font-weight: 600; }
.pass { color: var(--pass); font-weight: 600; }
dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.metadata dt { font-weight: 600; }
dl.metadata dd { margin: 0; }
.readme { border-top: 1px solid var(--line); margin-top: 1rem; overflow-wrap: anywhere; }
.readme img { max-width: 100%; }
.readme pre { overflow-x: auto; padding: 0.5rem; background: color-mix(in srgb, var(--line) 25%, transparent); }
.has-finding { border-left: 4px solid var(--warning); padding-left: 0.5rem; }
.findings li { margin: 0.25rem 0; }
@media print { header nav { display: none; } }
`;

/** The base, then each area's own styles: one line each, so that merges stay trivial. */
export const SITE_CSS = [BASE_CSS, PROPOSAL_CSS, STATS_CSS, SEARCH_CSS].join('\n');
