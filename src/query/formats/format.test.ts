import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { type Column, formatCsv, formatMarkdownTable, formatTable } from './format.js';
import { formatYaml } from './format-yaml.js';

const HOSTILE = 'Evil\u001b[31mRED\u001b]0;pwned\u0007\r\n::error file=injected.yaml,line=1::INJECTED';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

interface Row {
  title: string;
  dir: string;
}
const columns: Column<Row>[] = [
  { header: 'Title', text: (row) => row.title },
  { header: 'Dir', text: (row) => row.dir },
];
const rows: Row[] = [
  { title: 'Pod log budgets', dir: 'keps/sig-node/5101-pod-log-budgets' },
  { title: HOSTILE, dir: 'keps/sig-x/1-a|b\n::warning::x' },
];

/** No raw control character inside a line, and no line that a CI runner would read as a workflow command. */
function assertInert(output: string): void {
  for (const line of output.split('\n')) {
    assert.doesNotMatch(line, RAW, JSON.stringify(line));
    assert.doesNotMatch(line.trimStart(), /^::/, JSON.stringify(line));
  }
}

test('formatTable: hostile cells are escaped and stay on their row; normal cells print as before', () => {
  const out = formatTable(rows, columns);
  assertInert(out);
  const lines = out.split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^TITLE +DIR$/);
  assert.match(lines[1]!, /^Pod log budgets +keps\/sig-node\/5101-pod-log-budgets$/);
  assert.equal(
    lines[2],
    'Evil\\x1b[31mRED\\x1b]0;pwned\\x07\\r\\n::error file=injected.yaml,line=1::INJECTED  keps/sig-x/1-a|b\\n::warning::x',
  );
  // Columns still line up: widths are those of the escaped text.
  assert.equal(lines[1]!.indexOf('keps/'), lines[2]!.indexOf('keps/'));
});

test('formatCsv: RFC 4180 quoting, visible controls and defused formulas', () => {
  const out = formatCsv([...rows, { title: '=HYPERLINK("http://evil.example")', dir: '@x, @y' }], columns);
  assertInert(out);
  assert.equal(
    out,
    'Title,Dir\n' +
      'Pod log budgets,keps/sig-node/5101-pod-log-budgets\n' +
      '"Evil\\x1b[31mRED\\x1b]0;pwned\\x07\\r\\n::error file=injected.yaml,line=1::INJECTED",keps/sig-x/1-a|b\\n::warning::x\n' +
      '"\'=HYPERLINK(""http://evil.example"")","\'@x, @y"\n',
  );
});

test('formatMarkdownTable: a cell can neither split the table nor add markup', () => {
  const out = formatMarkdownTable(
    [...rows, { title: '<img src=x onerror=alert(1)> [a](http://evil.example) `c`', dir: 'd' }],
    columns,
  );
  assertInert(out);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 5);
  assert.equal(lines[2], '| Pod log budgets | keps/sig-node/5101-pod-log-budgets |');
  assert.equal(
    lines[3],
    '| Evil\\\\x1b\\[31mRED\\\\x1b\\]0;pwned\\\\x07 ::error file=injected.yaml,line=1::INJECTED | keps/sig-x/1-a\\|b ::warning::x |',
  );
  assert.equal(lines[4], '| \\<img src=x onerror=alert(1)\\> \\[a\\](http://evil.example) \\`c\\` | d |');
  // Every row has as many unescaped cell separators as the header.
  const separators = (line: string) => line.replace(/\\./g, '').split('|').length;
  for (const line of lines) assert.equal(separators(line), separators(lines[0]!), line);
});

test('formatYaml: strings with control, separator or bidi characters are double-quoted escapes and read back unchanged', () => {
  const value = [
    {
      title: HOSTILE,
      status: 'implementable',
      others: ['tab\there', 'del\u007f c1\u0085\u009b ls\u2028 bidi\u202eevil\u2066', 'a\nb\n'],
      prrApprovers: { 'be\u202eta': '@x' },
      quoted: 'true',
    },
  ];
  const out = formatYaml(value);
  assertInert(out);
  assert.deepEqual(parse(out), value);
  assert.match(out, /^ {2}status: implementable$/m);
  assert.match(out, /^ {2}quoted: "true"$/m);
  assert.match(
    out,
    /title: "Evil\\e\[31mRED\\e\]0;pwned\\a\\r\\n::error file=injected\.yaml,line=1::INJECTED"$/m,
  );
  // Normal values print as the yaml library prints them.
  assert.equal(
    formatYaml([{ title: 'Pod log budgets', number: '5101' }]),
    '- title: Pod log budgets\n  number: "5101"\n',
  );
});
