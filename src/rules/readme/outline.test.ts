import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literalPrefix } from './outline.js';

test('literalPrefix: the literal start of every match, or empty when it cannot be told simply', () => {
  const cases: [string, string][] = [
    ['<<\\[\\s*UNRESOLVED\\b', '<<['],
    ['<<\\[\\s*/\\s*UNRESOLVED\\s*\\]>>', '<<['],
    ['^foo\\.bar', 'foo.bar'],
    ['KEP-\\d+', 'KEP-'],
    // A quantified character may be absent: the prefix stops before it.
    ['ab*c', 'a'],
    ['abc+d', 'ab'],
    ['x{2}y', ''],
    // Alternations, groups, classes and escapes of letters give nothing to search for.
    ['a|b', ''],
    ['(x)', ''],
    ['[ab]c', ''],
    ['\\bword', ''],
  ];
  for (const [source, prefix] of cases) {
    assert.equal(literalPrefix(source), prefix, source);
  }
  // Sound: a text the pattern matches contains the prefix.
  for (const [source, text] of [
    ['ab*c', 'ac'],
    ['abc+d', 'abcccd'],
    ['^foo\\.bar', 'foo.bar'],
    ['<<\\[\\s*UNRESOLVED\\b', '<<[ UNRESOLVED x]>>'],
  ] as const) {
    assert.ok(new RegExp(source).test(text));
    assert.ok(text.includes(literalPrefix(source)), source);
  }
});
