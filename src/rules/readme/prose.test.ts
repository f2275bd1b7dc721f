import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { linkLabels } from './prose.js';

const LINK = /\[([^\]]*)\]\([^)]*\)/g;
const LINK_OR_IMAGE = /!?\[([^\]]*)\]\([^)]*\)/g;
const markup = fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '!', 'a', ' ', '`'), maxLength: 40 });

test('linkLabels: gives what the link expression gives, on any text of brackets and parentheses', () => {
  fc.assert(
    fc.property(markup, (text) => {
      assert.equal(linkLabels(text), text.replace(LINK, '$1'));
      assert.equal(linkLabels(text, { images: true }), text.replace(LINK_OR_IMAGE, '$1'));
    }),
    { numRuns: 5000 },
  );
  assert.equal(linkLabels('See [KEP-1](../1) and ![x](y.png)', { images: true }), 'See KEP-1 and x');
});

test('linkLabels: 200,000 unclosed brackets take linear time (the expression backtracks for minutes)', () => {
  const started = performance.now();
  for (const text of ['['.repeat(200_000), '[a]('.repeat(50_000), '[]'.repeat(100_000)])
    assert.equal(linkLabels(text, { images: true }), text.replace(/^$/, ''));
  assert.ok(performance.now() - started < 2000);
});
