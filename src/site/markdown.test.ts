// README text is hostile: what the sanitizer must take out, and what the renderer must keep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockLineFor, renderMarkdown } from './markdown.js';
import { hasMermaidBlock } from './mermaid.js';

const NEUTRALISED: { name: string; markdown: string; absent: RegExp[] }[] = [
  {
    name: 'a script element and its code',
    markdown: '<script>alert(1)</script>\n\ntext',
    absent: [/<script/i, /alert/],
  },
  {
    name: 'an onerror handler on an image',
    markdown: '<img src="x.png" onerror="alert(1)">',
    absent: [/onerror/i],
  },
  {
    name: 'an onload handler on an svg',
    markdown: '<svg onload="alert(1)"></svg>',
    absent: [/onload/i, /<svg/i],
  },
  {
    name: 'a javascript: link in markdown',
    markdown: '[click](javascript:alert(1))',
    absent: [/href="?javascript:/i],
  },
  {
    name: 'a javascript: link in HTML',
    markdown: '<a href="JaVaScRiPt:alert(1)">x</a>',
    absent: [/href="?javascript:/i],
  },
  {
    name: 'a data: link',
    markdown: '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    absent: [/href="?data:/i, /<script/i],
  },
  {
    name: 'a style element that hides the page',
    markdown: '<style>body { display: none }</style>\n\ntext',
    absent: [/<style/i, /display/],
  },
  { name: 'a style attribute', markdown: '<p style="display:none">hidden</p>', absent: [/style=/i] },
  { name: 'an iframe', markdown: '<iframe src="https://example.com"></iframe>', absent: [/<iframe/i] },
  {
    name: 'a form with an input',
    markdown: '<form action="https://x"><input name="q"></form>',
    absent: [/<form/i, /<input/i],
  },
];

for (const { name, markdown, absent } of NEUTRALISED) {
  test(`renderMarkdown neutralises ${name}`, () => {
    const { html } = renderMarkdown(markdown);
    for (const pattern of absent) assert.doesNotMatch(html, pattern);
  });
}

test('renderMarkdown keeps tables, code, data: images and mdtoc heading anchors', () => {
  const { html } = renderMarkdown(
    '# Title\n\n## Design Details\n\n## Design Details\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nx := 1\n```\n\n![d](data:image/png;base64,AAAA)\n',
  );
  assert.match(html, /<h2 id="design-details">/);
  assert.match(html, /<h2 id="design-details-1">/);
  assert.match(html, /<table/);
  assert.match(html, /<code[^>]* class="language-go">/);
  assert.match(html, /<img src="data:image\/png;base64,AAAA"/);
});

test('renderMarkdown marks the block a finding points into, and blockLineFor finds its start', () => {
  const { html, blockLines } = renderMarkdown('first\n\nsecond paragraph\ngoes on\n\nthird\n', [4]);
  assert.deepEqual(blockLines, [1, 3, 6]);
  assert.equal(blockLineFor(blockLines, 4), 3);
  assert.match(html, /<p id="L3" class="has-finding">second/);
  assert.doesNotMatch(html, /id="L1" class/);
});

// What GitHub renders, and what the page must show of it: each case a markdown input and patterns its HTML has.
const GITHUB_FLAVOURED: { name: string; markdown: string; present: RegExp[]; absent?: RegExp[] }[] = [
  {
    name: 'a task list: disabled checkboxes, ticked where [x], classes on the item and the list',
    markdown: '- [ ] to do\n- [x] done\n- plain\n',
    present: [
      /<ul class="contains-task-list" id="L1">/,
      /<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled aria-label="task" \/?> ?to do/,
      /<input type="checkbox" class="task-list-item-checkbox" disabled checked aria-label="task" \/?> ?done/,
      /<li>plain<\/li>/,
    ],
    absent: [/\[x\]/, /\[ \]/],
  },
  {
    name: 'an input a README writes itself is dropped, even a checkbox',
    markdown: '<input type="checkbox" class="task-list-item-checkbox">\n\n<input type="text" name="q">',
    present: [],
    absent: [/<input/],
  },
  {
    name: 'footnotes: a reference, the notes at the end, a back link that says where it goes',
    markdown: 'Claim[^1].\n\n[^1]: The source.\n',
    present: [
      /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/,
      /<section class="footnotes">/,
      /<li id="fn1" class="footnote-item"><p>The source\. <a href="#fnref1" class="footnote-backref" aria-label="Back to reference 1">/,
    ],
  },
  { name: 'strikethrough', markdown: 'a ~~b~~ c', present: [/<s>b<\/s>/] },
  {
    name: 'autolinks as GitHub makes them: URLs, www. names and e-mail, not a bare domain',
    markdown:
      'see https://k8s.io/x, www.example.com, me@example.org and example.com\n\n(www.k8s.io/docs).\n\n[www.a.io](https://b.io) `www.c.io`\n',
    present: [
      /<a href="https:\/\/k8s\.io\/x">https:\/\/k8s\.io\/x<\/a>/,
      /<a href="http:\/\/www\.example\.com">www\.example\.com<\/a>/,
      /<a href="mailto:me@example\.org">me@example\.org<\/a>/,
      /and example\.com\n?<\/p>/,
      /\(<a href="http:\/\/www\.k8s\.io\/docs">www\.k8s\.io\/docs<\/a>\)\./,
      /<a href="https:\/\/b\.io">www\.a\.io<\/a> <code>www\.c\.io<\/code>/,
    ],
  },
  {
    name: 'highlighted Go: class-based spans, no inline style',
    markdown: '```go\nfunc main() { return "x" }\n```\n',
    present: [/<span class="hljs-keyword">func<\/span>/, /<span class="hljs-string">"x"<\/span>/],
    absent: [/style=/],
  },
  {
    name: 'highlighted YAML under an alias (golang) and a console session',
    markdown:
      '```yaml\nkey: value # note\n```\n\n```golang\nvar x int\n```\n\n```console\n$ kubectl get pods\n```\n',
    present: [
      /<span class="hljs-attr">key:<\/span>/,
      /<span class="hljs-comment"># note<\/span>/,
      /<span class="hljs-keyword">var<\/span>/,
      /hljs-meta/,
    ],
  },
  {
    name: 'a language kepkit does not highlight: escaped plain code',
    markdown: '```cel\nself.x < 1 && "<b>"\n```\n',
    present: [/<code[^>]* class="language-cel">self\.x &lt; 1 &amp;&amp; "&lt;b&gt;"\n<\/code>/],
    absent: [/hljs/],
  },
  {
    name: 'a README span claiming a highlight class keeps only that class, and no other class survives',
    markdown: '<span class="hljs-keyword evil" style="display:none" onclick="x()">k</span>',
    present: [/<span class="hljs-keyword">k<\/span>/],
    absent: [/evil/, /style=/, /onclick/],
  },
  {
    name: 'a mermaid block stays code (readable without JavaScript)',
    markdown: '```mermaid\ngraph TD; A-->B\n```\n',
    present: [/<pre tabindex="0"><code[^>]* class="language-mermaid">graph TD; A--&gt;B\n<\/code><\/pre>/],
    absent: [/hljs/],
  },
];

for (const { name, markdown, present, absent = [] } of GITHUB_FLAVOURED) {
  test(`renderMarkdown renders ${name}`, () => {
    const { html } = renderMarkdown(markdown);
    for (const pattern of present) assert.match(html, pattern);
    for (const pattern of absent) assert.doesNotMatch(html, pattern);
  });
}

const MERMAID_DETECTION: [string, string, boolean][] = [
  ['a backtick fence', '```mermaid\ngraph TD\n```\n', true],
  ['a tilde fence with attributes', '~~~ Mermaid {theme}\ngraph TD\n~~~\n', true],
  ['inside a list item', '- item\n\n  ```mermaid\n  graph TD\n  ```\n', true],
  ['another language', '```yaml\nmermaid: true\n```\n', false],
  ['the word in text', 'We could draw this with mermaid.\n', false],
  ['indented code that looks like a fence', '    ```mermaid\n    graph\n', false],
];

for (const [name, markdown, expected] of MERMAID_DETECTION) {
  test(`renderMarkdown tells a mermaid block: ${name} → ${expected}`, () => {
    assert.equal(renderMarkdown(markdown).hasMermaid, expected);
    // The cheap test that decides whether a site ships mermaid never misses a block the renderer sees.
    if (expected) assert.equal(hasMermaidBlock(markdown), true);
  });
}

// Heading ids as GitHub makes them (the fragments its TOC links use), checked against ids GitHub gives.
const GITHUB_ANCHORS: [string, string][] = [
  ['## Summary', 'summary'],
  ['## Design Details', 'design-details'],
  ['### Test Plan', 'test-plan'],
  ['### Prerequisite testing updates', 'prerequisite-testing-updates'],
  ['#### Alpha -> Beta Graduation', 'alpha---beta-graduation'],
  ['### Upgrade / Downgrade Strategy', 'upgrade--downgrade-strategy'],
  ['## Production Readiness Review Questionnaire', 'production-readiness-review-questionnaire'],
  ['### Feature Enablement and Rollback', 'feature-enablement-and-rollback'],
  ['## Implementation History', 'implementation-history'],
  ['### Goals', 'goals'],
  ['## `kubectl` plugin', 'kubectl-plugin'],
  ['## [A link](https://x) in a heading', 'a-link-in-a-heading'],
  ['### e2e tests', 'e2e-tests'],
  ['## Über *emphasis*', 'über-emphasis'],
  ['## Q&A: what?', 'qa-what'],
];

test('renderMarkdown gives headings the ids GitHub gives them', () => {
  for (const [heading, id] of GITHUB_ANCHORS) {
    const { html } = renderMarkdown(`${heading}\n`);
    assert.match(html, new RegExp(`<h\\d id="${id}">`), heading);
  }
  const { html } = renderMarkdown('## Notes\n\n## Notes\n\n## Notes\n');
  assert.deepEqual(
    [...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]),
    ['notes', 'notes-1', 'notes-2'],
  );
  const { html: clash } = renderMarkdown('## a\n\n## a\n\n## a-1\n');
  assert.deepEqual(
    [...clash.matchAll(/id="([^"]+)"/g)].map((m) => m[1]),
    ['a', 'a-1', 'a-1-1'],
  );
});

test('renderMarkdown places each note after the block holding its line, or the block before a blank line', () => {
  const markdown = 'first\n\n- a\n- b\n- c\n\n\n| t |\n|---|\n| 1 |\n';
  const { html } = renderMarkdown(markdown, {
    findingLines: [4],
    notes: [
      { line: 4, html: '<div class="n">on b</div>' },
      { line: 7, html: '<div class="n">blank</div>' },
      { line: 10, html: '<div class="n">in table</div>' },
      { line: 1, html: '<div class="n">first</div>' },
    ],
  });
  const order = [...html.matchAll(/<(p|ul|table)[ >]|<div class="n">([^<]+)/g)].map((m) => m[1] ?? m[2]);
  assert.deepEqual(order, ['p', 'first', 'ul', 'on b', 'blank', 'table', 'in table']);
  assert.match(html, /<ul id="L3" class="has-finding">/);
});

test('renderMarkdown keeps a note whose place is lost at the end, and a README cannot forge a note place', () => {
  const { html } = renderMarkdown('<div>kepkit-note-0-0</div>\n', {
    notes: [{ line: 5, html: '<div class="n">x</div>' }],
  });
  assert.match(html, /kepkit-note-0-0/);
  assert.equal((html.match(/<div class="n">x<\/div>/g) ?? []).length, 1);
});
