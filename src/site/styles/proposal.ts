// The proposal page's styles: findings beside their block, the timeline, task lists, footnotes, diagrams, and
// a highlight.js theme in GitHub's colours (light and dark) for the class-based spans of code blocks.
export const PROPOSAL_CSS = `dl.metadata { grid-template-columns: max-content minmax(0, 1fr); }
dl.metadata dd { min-width: 0; overflow-wrap: anywhere; }
@media (max-width: 30rem) { dl.metadata { grid-template-columns: minmax(0, 1fr); } dl.metadata dd { margin-bottom: 0.25rem; } }
.readme pre:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.source-links { margin: 0.25rem 0 0.75rem; }
.finding-note { margin: 0.25rem 0 1rem; padding: 0.25rem 0.5rem; border-left: 4px solid var(--warning);
  background: color-mix(in srgb, var(--warning) 10%, transparent); font-size: 0.9rem; overflow-wrap: anywhere; }
.finding-note.error-note { border-left-color: var(--error); background: color-mix(in srgb, var(--error) 8%, transparent); }
.finding-note:target { outline: 2px solid var(--link); outline-offset: 2px; }
dl.metadata dd .finding-note { margin: 0.25rem 0; }
.has-finding + .finding-note { margin-top: -0.25rem; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table.prr { display: table; width: auto; }
table.prr caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
ol.timeline { list-style: none; padding-left: 0; border-left: 2px solid var(--line); }
ol.timeline li { margin: 0 0 0.5rem; padding-left: 0.75rem; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -0.4rem; top: 0.5rem; width: 0.6rem; height: 0.6rem;
  border-radius: 50%; background: var(--line); }
ol.timeline li.timeline-stage::before { background: var(--link); }
ol.timeline time { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 0.5rem; }
.readme .contains-task-list { list-style: none; padding-left: 1.25rem; }
.readme .task-list-item-checkbox { margin: 0 0.35rem 0 -1.25rem; vertical-align: middle; }
.readme .footnotes { font-size: 0.9rem; }
.readme figure.mermaid-diagram { margin: 0.5rem 0; overflow-x: auto; }
.readme figure.mermaid-diagram svg { max-width: 100%; height: auto; }
.readme code { font: 0.9em/1.45 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; }
.rule h2 { font-size: 1.1rem; margin-bottom: 0.25rem; }
.hljs-comment, .hljs-quote { color: #59636e; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-type, .hljs-doctag, .hljs-template-tag { color: #cf222e; }
.hljs-string, .hljs-regexp, .hljs-addition, .hljs-meta .hljs-string { color: #0a3069; }
.hljs-number, .hljs-literal, .hljs-variable, .hljs-template-variable, .hljs-attr, .hljs-attribute,
  .hljs-selector-attr, .hljs-selector-class, .hljs-selector-id { color: #0550ae; }
.hljs-title, .hljs-section, .hljs-name { color: #6639ba; }
.hljs-built_in, .hljs-symbol, .hljs-bullet, .hljs-link, .hljs-meta { color: #953800; }
.hljs-deletion { color: #82071e; background: #ffebe9; }
.hljs-addition { background: #dafbe1; }
.hljs-emphasis { font-style: italic; }
.hljs-strong { font-weight: 600; }
@media (prefers-color-scheme: dark) {
  .hljs-comment, .hljs-quote { color: #9198a1; }
  .hljs-keyword, .hljs-selector-tag, .hljs-type, .hljs-doctag, .hljs-template-tag { color: #ff7b72; }
  .hljs-string, .hljs-regexp, .hljs-meta .hljs-string { color: #a5d6ff; }
  .hljs-number, .hljs-literal, .hljs-variable, .hljs-template-variable, .hljs-attr, .hljs-attribute,
    .hljs-selector-attr, .hljs-selector-class, .hljs-selector-id { color: #79c0ff; }
  .hljs-title, .hljs-section, .hljs-name { color: #d2a8ff; }
  .hljs-built_in, .hljs-symbol, .hljs-bullet, .hljs-link, .hljs-meta { color: #ffa657; }
  .hljs-deletion { color: #ffdcd7; background: #67060c; }
  .hljs-addition { color: #aff5b4; background: #033a16; }
}
`;
