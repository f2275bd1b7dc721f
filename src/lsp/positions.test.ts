import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf, TextIndex } from './positions.js';

// Texts made of the pieces that make positions hard: every kind of line end, astral characters, tabs.
const tricky = fc
  .array(fc.constantFrom('a', 'é', '😀', '\t', ' ', '\n', '\r\n', '\r', 'status: x'), { maxLength: 60 })
  .map((parts) => parts.join(''));

test('editor positions agree with vscode-languageserver-textdocument for any line ends and characters', () => {
  fc.assert(
    fc.property(tricky, fc.nat(), (text, seed) => {
      const index = new TextIndex(text);
      const oracle = TextDocument.create('file:///x', 'yaml', 1, text);
      const offset = seed % (text.length + 1);
      assert.deepEqual(index.positionAt(offset), oracle.positionAt(offset));
      const position = oracle.positionAt(offset);
      assert.equal(index.offsetAt(position), oracle.offsetAt(position));
    }),
  );
});

test('a finding at a kepkit line and column lands on the same character, whatever the editor counts as lines', () => {
  fc.assert(
    fc.property(tricky, fc.nat(), (text, seed) => {
      const offset = seed % (text.length + 1);
      // kepkit's position of the offset: lines at LF only, columns in UTF-16 units.
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - (before.lastIndexOf('\n') + 1) + 1;
      const oracle = TextDocument.create('file:///x', 'yaml', 1, text);
      const range = rangeOf(
        {
          rule: 'x/y',
          severity: 'error',
          file: 'f',
          line,
          column,
          endLine: line,
          endColumn: column,
          message: '',
          kep: null,
        },
        new TextIndex(text),
      );
      assert.deepEqual(range.start, oracle.positionAt(offset));
    }),
  );
});

test('without an end, the range runs to the end of the line’s text', () => {
  const text = 'title: x\r\nstatus: implementd   \r\nstage: beta\n';
  const range = rangeOf(
    { rule: 'metadata/status', severity: 'warning', file: 'f', line: 2, column: 9, message: '', kep: null },
    new TextIndex(text),
  );
  assert.deepEqual(range, { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } });
});
