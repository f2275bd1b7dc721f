import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { formatJson } from './json.js';

const diagnostics: Diagnostic[] = [
  {
    rule: 'metadata/status',
    severity: 'warning',
    file: 'keps/sig-node/2033-rootless/kep.yaml',
    line: 6,
    column: 9,
    message: 'invalid status "implementd"',
    kep: 2033,
  },
  {
    rule: 'layout/missing-metadata',
    severity: 'error',
    file: 'keps/sig-x/README.md',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 4,
    message: 'README.md without kep.yaml',
    kep: null,
  },
];

test('json: an array of {rule, severity, file, line, column, message, kep}, in that key order', () => {
  const rows = JSON.parse(formatJson(diagnostics)) as Record<string, unknown>[];
  assert.equal(rows.length, 2);
  assert.deepEqual(Object.keys(rows[0]!), ['rule', 'severity', 'file', 'line', 'column', 'message', 'kep']);
  assert.deepEqual(rows[0], { ...diagnostics[0] });
  // End positions are added only when known; kep is null for findings about no single KEP.
  assert.deepEqual(Object.keys(rows[1]!), [
    'rule',
    'severity',
    'file',
    'line',
    'column',
    'endLine',
    'endColumn',
    'message',
    'kep',
  ]);
  assert.equal(rows[1]!.kep, null);
});

test('json: no diagnostics is an empty array', () => {
  assert.equal(formatJson([]), '[]\n');
});
