// What mdtoc v1.4.0 writes, case by case. Expectations come from mdtoc's own test data (verified by its
// authors on GitHub) and, for gomarkdown's quirks, from reading its parser; each names the rule it pins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubernetesProfile } from '../../profile/index.js';
import { inspectToc } from '../toc.js';
import { generateToc, stepsSpent, TocBudgetError } from './index.js';

// The Kubernetes profile's settings: `mdtoc --inplace --max-depth=5`, as hack/update-toc.sh runs it.
const SETTINGS = kubernetesProfile.toc!;

const toc = (markdown: string, maxDepth = 5) => generateToc(markdown, maxDepth);

test('mdtoc: nesting by level from the shallowest heading, GitHub anchors, duplicates suffixed -1, -2', () => {
  const markdown = [
    '# H1',
    'filler',
    '',
    '## H2: with punctuation!',
    '### Dup',
    '### Dup',
    '### Dup',
    '#### H4.2 no fillers',
    '## Weird',
    '### !@#$&*^ headers!',
    '### -and-then-we-said_go',
    '### **be _bold_**',
    "### don't go! {#forth}",
    '### bring it all out: !@#$%^&*(){}/=?+;:"\'`,.<> ok',
    '',
  ].join('\n');
  assert.equal(
    toc(markdown),
    [
      '- [H1](#h1)',
      '  - [H2: with punctuation!](#h2-with-punctuation)',
      '    - [Dup](#dup)',
      '    - [Dup](#dup-1)',
      '    - [Dup](#dup-2)',
      '      - [H4.2 no fillers](#h42-no-fillers)',
      '  - [Weird](#weird)',
      '    - [!@#$&amp;*^ headers!](#-headers)',
      '    - [-and-then-we-said_go](#-and-then-we-said_go)',
      '    - [<strong>be <em>bold</em></strong>](#be-bold)',
      "    - [don't go!](#dont-go)",
      "    - [bring it all out: !@#$%^&amp;*(){}/=?+;:&quot;'`,.&lt;&gt; ok](#bring-it-all-out--ok)",
      '',
    ].join('\n'),
  );
});

test('mdtoc: code spans render as <code> and count in the anchor', () => {
  assert.equal(
    toc('# H1 `H1` H1\n\nfiller\n\n# H2 `H2`\n'),
    '- [H1 <code>H1</code> H1](#h1-h1-h1)\n- [H2 <code>H2</code>](#h2-h2)\n',
  );
});

test('mdtoc: links, autolinks, inline HTML, entities, escapes and math in heading text', () => {
  assert.equal(
    toc('## [Link](http://x.com "T") text\n'),
    '- [<a href="http://x.com" title="T">Link</a> text](#link-text)\n',
  );
  assert.equal(
    toc('## See http://example.com\n'),
    '- [See <a href="http://example.com">http://example.com</a>](#see-httpexamplecom)\n',
  );
  // Inline HTML is copied as is and left out of the anchor.
  assert.equal(toc('## Use <code>foo</code> here\n'), '- [Use <code>foo</code> here](#use-foo-here)\n');
  // gomarkdown's tagLength: an unclosed `<abc` is still a tag, ending where its name does.
  assert.equal(toc('## x <abc def\n'), '- [x <abc def](#x--def)\n');
  // `&amp;` becomes `&`, numeric references their character; other names stay as written.
  assert.equal(toc('## A &amp; B &copy; C &#169;\n'), '- [A &amp; B &amp;copy; C ©](#a--b-copy-c-)\n');
  assert.equal(toc('## a \\* b\n'), '- [a * b](#a--b)\n');
  assert.equal(toc('## Cost $x$ y\n'), '- [Cost <span class="math inline">\\(x\\)</span> y](#cost--y)\n');
  // No intra-word emphasis: underscores stay, and word characters survive in anchors.
  assert.equal(toc('## snake_case_name\n'), '- [snake_case_name](#snake_case_name)\n');
  // Non-ASCII letters are dropped from anchors, as mdtoc's `[^\w\- ]` does.
  assert.equal(toc('## Über café\n'), '- [Über café](#ber-caf)\n');
});

test('mdtoc: ATX headings need `# ` at the very start of the line; closing #s and {#id} are dropped', () => {
  assert.equal(
    toc('  ## Indented\n\n#NoSpace\n\n## Closed ##\n\n## Title {#custom}\n'),
    '- [Closed](#closed)\n- [Title](#title)\n',
  );
});

test('mdtoc: a setext heading is only the line above the underline', () => {
  assert.equal(
    toc('First line\nSecond line\n===========\n\nTitle\n---\n'),
    '- [Second line](#second-line)\n  - [Title](#title)\n',
  );
});

test('mdtoc: fenced code hides headings only when the fence is closed and its info string is one word', () => {
  assert.equal(toc('```\n# not a heading\n```\n# real\n'), '- [real](#real)\n');
  assert.equal(toc('~~~~ yaml\n# not either\n~~~~\n'), '');
  // Unclosed: no code block at all.
  assert.equal(toc('```go\n# counted\n'), '- [counted](#counted)\n');
  // `go title` is no info string, so the line is no fence.
  assert.equal(toc('```go title\n# inside\n```\n'), '- [inside](#inside)\n');
  // The closing fence must repeat the opening one exactly.
  assert.equal(toc('````\n```\n# still code\n````\n'), '');
});

test('mdtoc: HTML comments hide headings when the comment ends its line', () => {
  assert.equal(toc('<!--\n# commented\n-->\n# real\n'), '- [real](#real)\n');
  assert.equal(toc('<!--\n# hidden?\n--> trailing\n'), '- [hidden?](#hidden)\n');
  assert.equal(toc('<details>\n\n# in details\n\n</details>\n\n# after\n'), '- [after](#after)\n');
});

test('mdtoc: headings in block quotes and list items count; a heading as an item’s only text does not', () => {
  assert.equal(toc('> ## Quoted\n'), '- [Quoted](#quoted)\n');
  assert.equal(toc('- item\n  ## Nested heading\n'), '- [Nested heading](#nested-heading)\n');
  assert.equal(toc('- item\n\n## After list\n'), '- [After list](#after-list)\n');
  assert.equal(toc('- # Heading in item\n'), '');
});

test('mdtoc: `---` at the start of a block swallows everything to the next `---` (mmark title block)', () => {
  assert.equal(toc('# A\n\n---\n\n# B\n\n---\n# C\n'), '- [A](#a)\n- [C](#c)\n');
});

test('mdtoc: a table takes every following line with a `|`, headings included', () => {
  assert.equal(
    toc('| a | b |\n|---|---|\n| 1 | 2 |\n# not heading | x\n\n# heading\n'),
    '- [heading](#heading)\n',
  );
});

test('mdtoc: depth limit leaves deeper headings out but the base level counts all of them', () => {
  assert.equal(toc('### three\n###### six\n#### four\n'), '- [three](#three)\n  - [four](#four)\n');
  assert.equal(toc('## A\n### B\n#### C\n', 2), '- [A](#a)\n');
  assert.equal(toc('# Foo\n## Foo\n'), '- [Foo](#foo)\n  - [Foo](#foo-1)\n');
  assert.equal(toc('# A\r\n## B\r\n'), '- [A](#a)\n  - [B](#b)\n');
});

test('mdtoc: never hangs where gomarkdown loops forever (a definition line after an unclosed fence)', () => {
  // Upstream's paragraph hands `: …` to a definition list that takes nothing, and starts over at the same
  // place; such a file makes verify-toc hang, so no repository has one. kepkit moves on instead.
  assert.equal(toc('```\n: a definition\n\n# After\n'), '- [After](#after)\n');
});

test('mdtoc: markers in any case; white space around the entries does not count', () => {
  const capital =
    '# TOC\n\n<!-- TOC -->\n\n- [Only Heading](#only-heading)\n\n<!-- /TOC -->\n\n# Only Heading\n';
  assert.equal(inspectToc(capital, SETTINGS).status, 'current');
});

test('mdtoc: an empty table of contents is filled in, one newline after the opening marker', () => {
  const text = '# TOC\n\n<!-- toc --><!-- /toc -->\n\n# Only Heading\n';
  const state = inspectToc(text, SETTINGS);
  assert.equal(state.status, 'outdated');
  if (state.status !== 'outdated') return;
  const written = text.slice(0, state.edit.start) + state.edit.text + text.slice(state.edit.end);
  assert.equal(
    written,
    '# TOC\n\n<!-- toc -->\n- [Only Heading](#only-heading)\n<!-- /toc -->\n\n# Only Heading\n',
  );
  assert.equal(inspectToc(written, SETTINGS).status, 'current');
});

test('mdtoc: without skip-prefix the headings before the marker count (and a --- title block does not)', () => {
  const text =
    '---\ntitle: a title block\n---\n\n# Expected TOC\n\n<!-- toc -->\n- [Expected TOC](#expected-toc)\n- [H1](#h1)\n<!-- /toc -->\n\n# H1\n';
  assert.equal(inspectToc(text, { ...SETTINGS, skipPrefix: false }).status, 'current');
  assert.equal(inspectToc(text, SETTINGS).status, 'outdated');
});

test('mdtoc: files without both markers, or with them reversed, are errors', () => {
  assert.equal(inspectToc('# A\n', SETTINGS).status, 'missing-start');
  assert.equal(inspectToc('<!-- toc -->\n# A\n', SETTINGS).status, 'missing-end');
  assert.equal(inspectToc('<!-- /toc -->\n<!-- toc -->\n', SETTINGS).status, 'end-before-start');
});

test('mdtoc: an unclosed run of backticks stays literal text, and parsing it costs work in proportion to its length', () => {
  const steps = (length: number) => {
    assert.equal(toc(`## a ${'`'.repeat(length)}\n`), `- [a ${'`'.repeat(length)}](#a-)\n`);
    return stepsSpent();
  };
  // gomarkdown rescans the rest of the run from each backtick: 200,000 of them took minutes.
  const small = steps(20_000);
  const large = steps(200_000);
  assert.ok(large < 20 * 200_000, `${large} steps for 200,000 backticks`);
  assert.ok(large < 15 * small, `${small} then ${large} steps: more than linear`);
});

test('mdtoc: a text whose parse would exceed the work budget throws TocBudgetError instead of running on', () => {
  // Every `[` looks for its `]` to the end of the line: quadratic, which the budget cuts short.
  assert.throws(() => toc(`## ${'['.repeat(100_000)}\n`), TocBudgetError);
  // Far below the budget: every corpus file needs under 3 steps per character.
  assert.equal(toc(`## ${'[a](b)'.repeat(10_000)}\n`).length > 0, true);
});
