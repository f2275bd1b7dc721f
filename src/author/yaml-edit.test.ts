import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YamlEditError, YamlEditor } from './yaml-edit.js';

interface Case {
  name: string;
  before: string;
  edit: (editor: YamlEditor) => void;
  after: string;
}

const cases: Case[] = [
  {
    name: 'a scalar keeps its quoting and its comment',
    before: "title: X\nstatus: 'provisional' # still a draft\nstage: alpha\n",
    edit: (e) => e.setScalar(['status'], 'implementable'),
    after: "title: X\nstatus: 'implementable' # still a draft\nstage: alpha\n",
  },
  {
    name: 'setting a scalar to its own value changes no byte',
    before: 'title:   "A title"   # c\nstage: alpha\n',
    edit: (e) => e.setScalar(['title'], 'A title'),
    after: 'title:   "A title"   # c\nstage: alpha\n',
  },
  {
    name: 'a plain scalar that would need quotes is quoted',
    before: 'editor: TBD\n',
    edit: (e) => e.setScalar(['editor'], '@someone'),
    after: 'editor: "@someone"\n',
  },
  {
    name: 'a nested key is added after its siblings in their quoting',
    before: 'milestone:\n  alpha: "v1.19"\n  beta: "v1.20"\nother: 1\n',
    edit: (e) => e.setScalar(['milestone', 'stable'], 'v1.22'),
    after: 'milestone:\n  alpha: "v1.19"\n  beta: "v1.20"\n  stable: "v1.22"\nother: 1\n',
  },
  {
    name: 'a missing mapping is added with its key at the end of the file',
    before: 'title: X\nstage: alpha',
    edit: (e) => e.setScalar(['milestone', 'alpha'], 'v1.30'),
    after: 'title: X\nstage: alpha\nmilestone:\n  alpha: v1.30\n',
  },
  {
    name: 'a key in a flow mapping is added inside the braces',
    before: 'milestone: {alpha: v1.2}\n',
    edit: (e) => e.setScalar(['milestone', 'beta'], 'v1.3'),
    after: 'milestone: {alpha: v1.2, beta: v1.3}\n',
  },
  {
    name: 'an empty value is filled after the colon',
    before: 'last-updated:\nstatus: provisional\n',
    edit: (e) => e.setScalar(['last-updated'], '2025-01-02'),
    after: 'last-updated: 2025-01-02\nstatus: provisional\n',
  },
  {
    name: 'list items are added in the list’s indentation and quoting; comments stay',
    before: 'authors:\n  # the first\n  - "@a"\nstatus: x\n',
    edit: (e) => e.editList(['authors'], ['@b'], []),
    after: 'authors:\n  # the first\n  - "@a"\n  - "@b"\nstatus: x\n',
  },
  {
    name: 'a list item is removed with its line only',
    before: 'reviewers:\n- "@a"\n- "@b"   # keep me?\n- "@c"\nx: 1\n',
    edit: (e) => e.editList(['reviewers'], [], ['@b']),
    after: 'reviewers:\n- "@a"\n- "@c"\nx: 1\n',
  },
  {
    name: 'a list emptied becomes [] on the key’s line',
    before: 'reviewers:\n  - "@a"\nx: 1\n',
    edit: (e) => e.setList(['reviewers'], []),
    after: 'reviewers: []\nx: 1\n',
  },
  {
    name: 'a flow list keeps its flow style',
    before: 'participating-sigs: [sig-a]\n',
    edit: (e) => e.editList(['participating-sigs'], ['sig-b'], []),
    after: 'participating-sigs: [sig-a, sig-b]\n',
  },
  {
    name: 'a list replaced keeps the first item’s indentation',
    before: 'authors:\n    - "@x"\n    - "@y"\nz: 1\n',
    edit: (e) => e.setList(['authors'], ['@p', '@q']),
    after: 'authors:\n    - "@p"\n    - "@q"\nz: 1\n',
  },
  {
    name: 'offsets of front matter are those of the file',
    before: '   \ntitle: a\nstatus: provisional\n',
    edit: (e) => e.setScalar(['status'], 'implementable'),
    after: '   \ntitle: a\nstatus: implementable\n',
  },
];

for (const { name, before, edit, after } of cases) {
  test(`YamlEditor: ${name}`, () => {
    const editor = new YamlEditor(before);
    edit(editor);
    assert.equal(editor.apply(), after);
  });
}

test('YamlEditor: a document that does not parse is refused with its line and column', () => {
  assert.throws(
    () => new YamlEditor('a: [1, 2\nb: 3\n'),
    (error: unknown) => {
      assert.ok(error instanceof YamlEditError);
      assert.match(error.message, /^\d+:\d+: /);
      return true;
    },
  );
});

test('YamlEditor: a value of another shape is refused, not overwritten', () => {
  const editor = new YamlEditor('milestone:\n  alpha: v1.2\n');
  assert.throws(() => editor.setScalar(['milestone'], 'v1.3'), /1:1: milestone is not a single value/);
});
