/**
 * The styles of the release, statistics and index pages: chart colours (a palette told apart without colour
 * vision too, Okabe–Ito), the sortable tables' buttons, compact index tables, and print.
 */
export const STATS_CSS = `.chart { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }
.chart text { fill: var(--fg); }
.chart .chart-total { fill: var(--muted); }
.chart-s0 { fill: #0072b2; } .chart-s1 { fill: #e69f00; } .chart-s2 { fill: #009e73; } .chart-s3 { fill: #cc79a7; }
.chart-s4 { fill: #56b4e9; } .chart-s5 { fill: #d55e00; } .chart-s6 { fill: #b8a500; } .chart-s7 { fill: #8a8a8a; }
.chart-pass { fill: var(--pass); } .chart-error { fill: var(--error); } .chart-muted { fill: var(--muted); }
.chart-figure { margin: 1rem 0 1.5rem; }
.chart-data { margin-top: 0.5rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
th button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button.sort::after { content: " ↕"; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " ↑"; color: inherit; }
th[aria-sort="descending"] button.sort::after { content: " ↓"; color: inherit; }
th button.sort:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.index-table td, .index-table th { padding: 0.1rem 0.4rem; font-size: 0.9rem; }
.index-table td:first-child { white-space: nowrap; }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
ul.inline li { min-width: 0; overflow-wrap: anywhere; }
h1, h2, h3 { overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--line); padding: 0.25rem 0.75rem; }
@media print {
  body { font-size: 11pt; }
  header, .no-print, th button.sort::after { display: none; }
  th button.sort::after { content: none; }
  table { display: table; overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .chart-figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
