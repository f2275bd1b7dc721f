import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceFile } from '../model/index.js';
import { MAX_DIRECTIVES_PER_FILE, parseDirectiveText, yamlDirectives } from './directives.js';
import { parseMarkdown } from './markdown.js';

/** The directives the markdown parse finds, as it finds them for a README. */
const markdownDirectives = (source: SourceFile, options?: { frontMatterLines?: number }) =>
  parseMarkdown(source, options).directives;
const file = (text: string, path = 'keps/sig-x/1-a/README.md'): SourceFile => ({ path, text, hash: '' });
/** `line:column kind rules`, one string per directive, for compact tables. */
const shown = (found: ReturnType<typeof markdownDirectives>) =>
  found.map((d) => `${d.line}:${d.column} ${d.kind}${d.rules.length > 0 ? ` ${d.rules.join(',')}` : ''}`);

test('directive text: kinds, rule lists (commas or spaces), groups, and a -- reason', () => {
  const cases: [string, ReturnType<typeof parseDirectiveText>][] = [
    [' kep-disable ', { kind: 'disable', rules: [] }],
    ['kep-disable readme/toc', { kind: 'disable', rules: ['readme/toc'] }],
    ['kep-disable readme/toc, metadata/stage', { kind: 'disable', rules: ['readme/toc', 'metadata/stage'] }],
    ['kep-disable readme metadata/*', { kind: 'disable', rules: ['readme', 'metadata/*'] }],
    ['kep-enable', { kind: 'enable', rules: [] }],
    ['kep-enable readme', { kind: 'enable', rules: ['readme'] }],
    ['kep-disable-next-line prr -- approved in the PR', { kind: 'disable-next-line', rules: ['prr'] }],
    ['kep-disable-line metadata/stage --  why', { kind: 'disable-line', rules: ['metadata/stage'] }],
    ['kep-disable -- only a reason', { kind: 'disable', rules: [] }],
    // Not directives: another word, a prefix, text before it.
    ['kep-disabled readme', undefined],
    ['kep-disable-lines readme', undefined],
    ['please kep-disable readme', undefined],
    ['TODO', undefined],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseDirectiveText(text), expected, text);
});

test('markdown: comments that start a line of an HTML block are directives, with their positions', () => {
  const cases: [string, string[]][] = [
    [
      '<!-- kep-disable readme/toc -->\ntext\n<!-- kep-enable -->\n',
      ['1:1 disable readme/toc', '3:1 enable'],
    ],
    ['# T\n\n<!-- kep-disable-next-line readme/links -->\n[a](b)\n', ['3:1 disable-next-line readme/links']],
    // Right after a paragraph line: an HTML comment block interrupts the paragraph.
    ['para\n<!-- kep-disable -->\nmore\n', ['2:1 disable']],
    // Indented inside a list item, and in a block quote: the column is the comment's in the file.
    ['- item\n\n  <!-- kep-disable readme -->\n', ['3:3 disable readme']],
    ['> <!-- kep-disable readme -->\n', ['1:3 disable readme']],
    // Spread over lines.
    ['<!--\n  kep-disable readme/toc\n-->\n', ['1:1 disable readme/toc']],
    // Two on one HTML block's lines.
    ['<!-- kep-disable a/b -->\n<!-- kep-enable a/b -->\n', ['1:1 disable a/b', '2:1 enable a/b']],
  ];
  for (const [text, expected] of cases)
    assert.deepEqual(shown(markdownDirectives(file(text))), expected, text);
});

test('markdown: comments in code fences, indented code, inline in prose, or other comments are not directives', () => {
  const cases: string[] = [
    '```\n<!-- kep-disable -->\n```\n',
    '~~~markdown\n<!-- kep-disable readme -->\n~~~\n',
    '- list\n\n  ```\n  <!-- kep-disable -->\n  ```\n',
    '    <!-- kep-disable -->\n',
    'Write `<!-- kep-disable readme -->` to suppress.\n',
    'text <!-- kep-disable --> text\n',
    '<!-- a comment about kep-disable -->\n',
    '<!-- toc -->\n- [A](#a)\n<!-- /toc -->\n',
  ];
  for (const text of cases) assert.deepEqual(markdownDirectives(file(text)), [], text);
});

test('markdown: front matter lines are metadata, not markdown; lines stay the file’s', () => {
  const text = '---\ntitle: x\n---\n<!-- kep-disable readme -->\n';
  assert.deepEqual(shown(markdownDirectives(file(text), { frontMatterLines: 3 })), ['4:1 disable readme']);
});

test('yaml: a comment at the end of a line or on its own, as the lexer tells comments from strings', () => {
  const yaml = (text: string) => shown(yamlDirectives(file(text, 'keps/sig-x/1-a/kep.yaml')));
  const cases: [string, string[]][] = [
    ['title: x\nstage: betta # kep-disable-line metadata/stage\n', ['2:14 disable-line metadata/stage']],
    ['# kep-disable-next-line metadata/status\nstatus: nope\n', ['1:1 disable-next-line metadata/status']],
    ['a:\n  - b  # kep-disable-line metadata\n', ['2:8 disable-line metadata']],
    ['a: 1\r\n# kep-disable-next-line metadata\r\nb: 2\r\n', ['2:1 disable-next-line metadata']],
    // A `#` in a quoted string, a plain scalar or a block scalar is text.
    ['title: "x # kep-disable-line metadata"\n', []],
    ["title: 'x # kep-disable-line metadata'\n", []],
    ['title: x#kep-disable-line\n', []],
    [
      'text: |\n  # kep-disable-next-line metadata\n  more\nb: 1 # kep-disable-line prr\n',
      ['4:6 disable-line prr'],
    ],
    ['# a comment\nkep-number: "1"\n', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(yaml(text), expected, text);
});

test('bounded: at most MAX_DIRECTIVES_PER_FILE directives per file, however many comments', () => {
  const many = `${'<!-- kep-disable readme -->\n'.repeat(MAX_DIRECTIVES_PER_FILE + 50)}`;
  assert.equal(markdownDirectives(file(many)).length, MAX_DIRECTIVES_PER_FILE);
  const yaml = `${'# kep-disable-next-line metadata\n'.repeat(MAX_DIRECTIVES_PER_FILE + 50)}a: 1\n`;
  assert.equal(yamlDirectives(file(yaml, 'k.yaml')).length, MAX_DIRECTIVES_PER_FILE);
});
