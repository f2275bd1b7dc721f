import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { corpusRoot } from '../testing/fixtures.js';
import { hashBytes } from './files.js';
import { parseYaml } from './yaml.js';

const parse = (text: string, splitOnDashes = false) =>
  parseYaml({ path: 'k.yaml', text, hash: hashBytes(text) }, { splitOnDashes });

test('parseYaml keeps scalars as written and maps empty values to null', () => {
  const doc = parse('kep-number: 0752\nlatest-milestone: 1.30\nstage:\nflag: true\nnone: ~\n');
  assert.deepEqual(doc.issues, []);
  assert.deepEqual(
    { ...(doc.data as object) },
    {
      'kep-number': '0752',
      'latest-milestone': '1.30',
      stage: null,
      flag: 'true',
      none: null,
    },
  );
});

test('parseYaml reports duplicate keys, empty documents and syntax errors with positions', () => {
  const duplicate = parse('title: a\nstatus: x\ntitle: b\n');
  assert.equal(duplicate.issues[0]?.kind, 'duplicate-key');
  assert.equal(duplicate.issues[0]?.position.line, 3);
  assert.equal(parse('').issues[0]?.kind, 'empty');
  assert.equal(parse('# only a comment\n').issues[0]?.kind, 'empty');
  const syntax = parse('title: a\nauthors:\n  - "@x\n');
  assert.equal(syntax.issues[0]?.kind, 'syntax');
  assert.equal(syntax.data, undefined);
  // An unclosed quote is reported where it opens, not where the input ends.
  assert.deepEqual(syntax.issues[0]?.position, { line: 3, column: 5 });
  assert.match(syntax.issues[0]!.message, /Missing closing "quote/);
});

test('parseYaml stops an alias bomb with an issue instead of expanding it', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const doc = parse(`${levels.join('\n')}\n`);
  assert.equal(doc.issues[0]?.kind, 'alias');
  assert.match(doc.issues[0]!.message, /alias bomb/);
});

test('positions: keys, values and list items', () => {
  const doc = parse('title: x\napprovers:\n  - "@a"\n  - "@b"\n');
  assert.deepEqual(doc.keyPosition(['approvers']), { line: 2, column: 1 });
  assert.deepEqual(doc.valuePosition(['title']), { line: 1, column: 8 });
  assert.deepEqual(doc.valuePosition(['approvers', 1]), { line: 4, column: 5 });
  // A missing path falls back to its nearest parent.
  assert.deepEqual(doc.valuePosition(['approvers', 7]), { line: 2, column: 1 });
  assert.equal(doc.has(['approvers', 1]), true);
  assert.equal(doc.has(['reviewers']), false);
});

test('lineComment returns the comment on the value’s own line, as yaml.v3’s LineComment does', () => {
  const doc = parse(
    [
      'reviewers:',
      '  - "@mrunalp"',
      '  - "@tallclair" # sig-node-assigned-reviewer',
      'approvers:   # on the key',
      '  - "@a"',
      '    # an indented comment below the item',
      '  - plain   #   spaced marker  ',
      '  - "@c"',
      '  # a comment line after the last item',
      'status: implementable # st',
      'stage: # empty value',
      'list: [x, y] # flow',
      '',
    ].join('\n'),
  );
  assert.equal(doc.lineComment(['reviewers', 0]), undefined);
  assert.equal(doc.lineComment(['reviewers', 1]), 'sig-node-assigned-reviewer');
  assert.equal(doc.lineComment(['approvers']), 'on the key');
  assert.equal(doc.lineComment(['approvers', 0]), undefined);
  assert.equal(doc.lineComment(['approvers', 1]), 'spaced marker');
  assert.equal(doc.lineComment(['approvers', 2]), undefined);
  assert.equal(doc.lineComment(['status']), 'st');
  assert.equal(doc.lineComment(['stage']), 'empty value');
  assert.equal(doc.lineComment(['list', 0]), undefined);
  assert.equal(doc.lineComment(['missing']), undefined);
});

test('lineComment works on documents split at `---` (positions of kept lines unchanged)', () => {
  const doc = parse('---\ntitle: x\napprovers:\n  - "@a" # sig-node-assigned-approver\n---\n', true);
  assert.deepEqual(doc.issues, []);
  assert.equal(doc.lineComment(['approvers', 0]), 'sig-node-assigned-approver');
  assert.deepEqual(doc.valuePosition(['approvers', 0]), { line: 4, column: 5 });
});

test('parseYaml refuses nesting deeper than 64 levels at the line where the limit is crossed, without parsing', () => {
  const deep = {
    // 100,000 levels: the parser would take GBs for a few MB of such text.
    'flow sequences': `title: x\nlist: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    'flow mappings': `title: x\nmap: ${'{b: '.repeat(50_000)}c${'}'.repeat(50_000)}\n`,
    'compact sequences': `title: x\nlist:\n  ${'- '.repeat(70)}item\n`,
    'indented mappings': `title: x\n${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n`,
  };
  const lines = { 'flow sequences': 2, 'flow mappings': 2, 'compact sequences': 3, 'indented mappings': 66 };
  for (const [name, text] of Object.entries(deep)) {
    const doc = parse(text);
    assert.equal(doc.data, undefined, name);
    assert.equal(doc.issues.length, 1, name);
    const line = lines[name as keyof typeof lines];
    assert.deepEqual(
      { kind: doc.issues[0]!.kind, message: doc.issues[0]!.message, line: doc.issues[0]!.position.line },
      { kind: 'too-deep', message: `nesting deeper than 64 levels (line ${line}); not parsed`, line },
      name,
    );
    // Findings about the file point where the problem is.
    assert.deepEqual(doc.keyPosition(['title']), doc.issues[0]!.position, name);
  }
  // The limit is the caller's: 64 levels pass, 65 do not.
  const levels = (n: number) => `list: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`;
  assert.deepEqual(parse(levels(64)).issues, []);
  assert.equal(parse(levels(65)).issues[0]?.kind, 'too-deep');
  const file = { path: 'k.yaml', text: levels(65), hash: '' };
  assert.deepEqual(parseYaml(file, { maxDepth: 65 }).issues, []);
});

test('parseYaml counts no nesting inside quotes, comments and block scalars', () => {
  const brackets = '['.repeat(100);
  const doc = parse(
    `a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: x # ${brackets}\nd: |\n  ${brackets}\n${'  '.repeat(40)}- - - - x\ne: [x, "]]]]", [y]]\n`,
  );
  assert.deepEqual(doc.issues, []);
  // Quoted closing brackets close nothing: the depth still counts the real ones.
  assert.equal(parse(`e: [${'[x, "]]]]", '.repeat(70)}${']'.repeat(71)}\n`).issues[0]?.kind, 'too-deep');
});

test('the nesting check finds exactly the depth of every corpus YAML file', () => {
  const depth = (value: unknown): number =>
    value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
  const files = yamlFiles(path.join(corpusRoot, 'keps'));
  assert.ok(files.length > 1000);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = { path: file, text, hash: '' };
    const doc = parseYaml(source, { splitOnDashes: true });
    assert.deepEqual(doc.issues, [], file);
    const real = depth(doc.data);
    assert.deepEqual(parseYaml(source, { splitOnDashes: true, maxDepth: real }).issues, [], file);
    assert.equal(
      parseYaml(source, { splitOnDashes: true, maxDepth: real - 1 }).issues[0]?.kind,
      'too-deep',
      file,
    );
  }
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

test('parseYaml refuses a file over the size limit before parsing it', () => {
  const text = `title: x\n${'# padding\n'.repeat(30_000)}`;
  const doc = parse(text);
  assert.equal(doc.data, undefined);
  assert.deepEqual(doc.issues, [
    {
      kind: 'too-large',
      message: 'the file is 293 KB, over the 256 KB limit for this file; not parsed',
      position: { line: 1, column: 1 },
    },
  ]);
  // Bytes, not characters: 100,000 three-byte characters are 293 KB.
  assert.equal(parse(`title: ${'€'.repeat(100_000)}\n`).issues[0]?.kind, 'too-large');
  assert.deepEqual(parseYaml({ path: 'k.yaml', text, hash: '' }, { maxBytes: 1024 * 1024 }).issues, []);
});

test('parseYaml keeps the text of a scalar whose tag would make it a date or bytes, in any time zone', () => {
  const doc = parse(
    'kep-number: !!timestamp 2001-12-14\ncreated: !!timestamp 2001-12-14 21:59:43.10 -5\nblob: !!binary aGk=\nset: !!set {a}\n',
  );
  assert.deepEqual(doc.issues, []);
  assert.deepEqual(JSON.parse(JSON.stringify(doc.data)), {
    'kep-number': '2001-12-14',
    created: '2001-12-14 21:59:43.10 -5',
    blob: 'aGk=',
    set: { a: null },
  });
});

test('positions of 20,000 keys of one map, and a duplicate among them, are found in well under 2 s', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `x${i}`);
  const text = `${keys.map((key) => `${key}: v`).join('\n')}\nx19000: again\n`;
  const started = performance.now();
  const doc = parse(text);
  assert.deepEqual(doc.issues, [
    { kind: 'duplicate-key', message: 'Map keys must be unique', position: { line: 20_001, column: 1 } },
  ]);
  keys.forEach((key, index) => {
    assert.equal(doc.keyPosition([key]).line, index + 1);
  });
  // A linear search per lookup and the library's own duplicate check (every key against every other) took 17 s.
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
});

// Found by the fuzz tests (src/lint/fuzz.test.ts).
test('parseYaml reports a mapping used as a key at the key, instead of throwing', () => {
  const doc = parse('title: x\n? {a: b}\n: c\n');
  assert.deepEqual(
    doc.issues.map((issue) => [issue.message, issue.position.line, issue.position.column]),
    [['a mapping key must be a plain value, not a mapping or a list', 2, 3]],
  );
});

test('parseYaml positions stay inside their line when the parser recovers across a line break', () => {
  // The library's own line counter loses the line after "]\u0085" and put the next error past its line's end.
  const text = 'title: x\n]\u0085\nmilestone:\n  alpha: v1.2\n';
  const lines = text.split('\n');
  const doc = parse(text);
  assert.ok(doc.issues.length > 0);
  for (const { position } of doc.issues)
    assert.ok(position.column <= (lines[position.line - 1] ?? '').length + 1, JSON.stringify(position));
});
