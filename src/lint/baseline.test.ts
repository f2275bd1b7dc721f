import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoadError } from '../load/errors.js';
import type { Diagnostic } from '../model/index.js';
import {
  applyBaseline,
  type BaselineScope,
  countFindings,
  formatBaseline,
  lowerCounts,
  parseBaseline,
} from './baseline.js';
import type { LintResult } from './types.js';

const everything: BaselineScope = { covers: () => true };
const finding = (file: string, rule: string, line: number): Diagnostic => ({
  rule,
  severity: 'warning',
  file,
  line,
  column: 1,
  message: 'm',
  kep: 1,
});
const result = (diagnostics: Diagnostic[]): LintResult => ({
  diagnostics,
  suppressed: [],
  notices: [],
  proposalsChecked: 1,
});

test('baseline: counts per file and rule, written sorted and stable, read back the same', async () => {
  const counts = countFindings(
    [finding('keps/b/README.md', 'readme/toc', 3), finding('keps/a/kep.yaml', 'metadata/stage', 1)].concat(
      finding('keps/b/README.md', 'readme/links', 9),
      finding('keps/b/README.md', 'readme/links', 12),
    ),
    undefined,
    everything,
  );
  const text = formatBaseline(counts);
  assert.equal(
    text,
    `${JSON.stringify(
      {
        'keps/a/kep.yaml': { 'metadata/stage': { count: 1 } },
        'keps/b/README.md': { 'readme/links': { count: 2 }, 'readme/toc': { count: 1 } },
      },
      null,
      2,
    )}\n`,
  );
  assert.equal(formatBaseline(await parseBaseline(text, 'kep-baseline.json')), text);
});

test('baseline: suppresses up to the count (the first in order), reports the rest, lists counts to lower', async () => {
  const counts = await parseBaseline(
    JSON.stringify({ 'k/README.md': { 'readme/links': { count: 2 }, 'readme/toc': { count: 3 } } }),
    'b.json',
  );
  const applied = applyBaseline(
    result([
      finding('k/README.md', 'readme/links', 1),
      finding('k/README.md', 'readme/links', 5),
      finding('k/README.md', 'readme/links', 7),
      finding('k/README.md', 'readme/toc', 2),
      finding('k/kep.yaml', 'metadata/stage', 2),
    ]),
    counts,
    everything,
  );
  assert.deepEqual(
    applied.result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`),
    ['k/README.md:7 readme/links', 'k/kep.yaml:2 metadata/stage'],
  );
  assert.deepEqual(
    applied.result.suppressed.map((d) => `${d.line} ${d.rule} ${d.suppression}`),
    ['1 readme/links external', '2 readme/toc external', '5 readme/links external'],
  );
  assert.deepEqual(applied.lowerable, [{ file: 'k/README.md', rule: 'readme/toc', allowed: 3, found: 1 }]);
  // Pruning lowers to what was found, and drops counts that reach 0; it never raises one.
  assert.deepEqual(
    JSON.parse(
      formatBaseline(
        lowerCounts(counts, [
          ...applied.lowerable,
          { file: 'k/README.md', rule: 'readme/links', allowed: 2, found: 0 },
        ]),
      ),
    ),
    { 'k/README.md': { 'readme/toc': { count: 1 } } },
  );
});

test('baseline: counts outside the run (files not selected, rules not run) are kept, never lowered', async () => {
  const counts = await parseBaseline(
    JSON.stringify({
      'a/README.md': { 'readme/toc': { count: 2 } },
      'b/README.md': { 'readme/toc': { count: 1 } },
    }),
    'b.json',
  );
  const onlyA: BaselineScope = { covers: (file) => file.startsWith('a/') };
  assert.deepEqual(applyBaseline(result([]), counts, onlyA).lowerable, [
    { file: 'a/README.md', rule: 'readme/toc', allowed: 2, found: 0 },
  ]);
  assert.deepEqual(
    JSON.parse(formatBaseline(countFindings([finding('a/README.md', 'readme/links', 1)], counts, onlyA))),
    {
      'a/README.md': { 'readme/links': { count: 1 } },
      'b/README.md': { 'readme/toc': { count: 1 } },
    },
  );
});

test('baseline: a hostile or broken file is a LoadError naming it, with the line and what was expected', async () => {
  const cases: [string, RegExp][] = [
    ['{"a": ', /^b\.json:1:7: invalid JSON/],
    ['[1, 2]', /^b\.json:1:1: .*expected record/],
    [
      '{\n  "k/README.md": {\n    "readme/toc": { "count": 0 }\n  }\n}',
      /^b\.json:3:30: "k\/README\.md" → "readme\/toc" → "count": .*>=1/,
    ],
    ['{"k": {"r": {"count": 1.5}}}', /^b\.json:1:23: "k" → "r" → "count": .*expected int/],
    ['{"k": {"r": {"count": 1e12}}}', /"count": .*<=1000000/],
    ['{"k": {"r": {"count": 1, "extra": true}}}', /"k" → "r": .*"extra"/],
    ['{"k": {"r": 3}}', /"k" → "r": .*expected object/],
    ['{"": {"r": {"count": 1}}}', /^b\.json:1:6: "": Invalid key/],
  ];
  for (const [text, message] of cases)
    await assert.rejects(
      () => parseBaseline(text, 'b.json'),
      (error: unknown) => error instanceof LoadError && message.test(error.message),
      text,
    );
  // `__proto__` is a name like any other: it neither throws nor reaches a prototype.
  const counts = await parseBaseline('{"__proto__": {"readme/toc": {"count": 1}}}', 'b.json');
  assert.equal(counts.get('__proto__')?.get('readme/toc'), 1);
  assert.equal(({} as Record<string, unknown>)['readme/toc'], undefined);
  assert.match(formatBaseline(counts), /"__proto__": \{/);
});
