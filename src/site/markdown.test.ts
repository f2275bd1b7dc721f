// README text is hostile: what the sanitizer must take out, and what the renderer must keep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockLineFor, renderMarkdown } from './markdown.js';

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
