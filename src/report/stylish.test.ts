import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { formatStylish, summaryLine } from './stylish.js';

const KEP = 'keps/sig-node/2033-rootless/kep.yaml';
const PRR = 'keps/prod-readiness/sig-node/2033.yaml';
const diagnostics: Diagnostic[] = [
  {
    rule: 'metadata/status',
    severity: 'warning',
    file: KEP,
    line: 6,
    column: 9,
    message: 'bad status',
    kep: 2033,
  },
  {
    rule: 'metadata/stage',
    severity: 'error',
    file: KEP,
    line: 27,
    column: 8,
    message: 'bad stage',
    kep: 2033,
  },
  { rule: 'prr/approver', severity: 'error', file: PRR, line: 5, column: 13, message: 'not PRR', kep: 2033 },
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\u001b\[/;

test('stylish: grouped by file, `line:column severity message rule-id`, then a summary', () => {
  const out = formatStylish(diagnostics, { colour: false });
  assert.doesNotMatch(out, ANSI);
  const lines = out.split('\n');
  assert.deepEqual(
    lines.map((line) => line.replace(/\s+/g, ' ').trim()),
    [
      KEP,
      '6:9 warning bad status metadata/status',
      '27:8 error bad stage metadata/stage',
      '',
      PRR,
      '5:13 error not PRR prr/approver',
      '',
      '✖ 3 problems (2 errors, 1 warning)',
      '',
    ],
  );
  // Columns line up within a file group.
  assert.equal(lines[1]!.indexOf('warning'), lines[2]!.indexOf('error'));
  assert.equal(lines[1]!.indexOf('metadata/status'), lines[2]!.indexOf('metadata/stage'));
});

test('stylish: colour only when asked, and a clean summary without problems', () => {
  assert.match(formatStylish(diagnostics, { colour: true }), ANSI);
  assert.equal(formatStylish([], { colour: false }), '✔ no problems\n');
  assert.equal(summaryLine(diagnostics.slice(0, 1)), '✖ 1 problem (0 errors, 1 warning)');
});

test('stylish: control characters in paths, messages and rule ids are shown escaped; no line is injected', () => {
  const file = 'keps/sig-x/1-a\n::error file=y::z/kep.yaml';
  const out = formatStylish(
    [
      {
        rule: 'metadata/status',
        severity: 'warning',
        file,
        line: 8,
        column: 9,
        message: 'invalid status "Evil\u001b[31mRED\u001b]0;pwned\u0007\r\n::error::INJECTED\u202e\tx"',
        kep: 1,
      },
    ],
    { colour: false },
  );
  assert.doesNotMatch(out, ANSI);
  const lines = out.split('\n');
  for (const line of lines) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202e]/);
    assert.doesNotMatch(line.trimStart(), /^::/);
  }
  assert.equal(lines[0], 'keps/sig-x/1-a\\n::error file=y::z/kep.yaml');
  assert.match(
    lines[1]!,
    /invalid status "Evil\\x1b\[31mRED\\x1b\]0;pwned\\x07\\r\\n::error::INJECTED\\u202e\\tx"/,
  );
  assert.equal(lines.length, 5);
});

test('stylish: the summary counts what directives and the baseline suppressed', () => {
  assert.equal(
    formatStylish(diagnostics, { colour: false, suppressed: 5 }).split('\n').at(-2),
    '✖ 3 problems (2 errors, 1 warning), 5 suppressed',
  );
  assert.equal(formatStylish([], { colour: false, suppressed: 2 }), '✔ no problems, 2 suppressed\n');
  assert.equal(summaryLine(diagnostics, false, 0), '✖ 3 problems (2 errors, 1 warning)');
});
