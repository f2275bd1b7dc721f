import assert from 'node:assert/strict';
import { test } from 'node:test';
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
