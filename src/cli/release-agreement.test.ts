// One release gate: `kep lint --release` and `kep release --check` run the same rules, so on the corpus they
// must find the same KEPs not ready for v1.37, KEP by KEP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { corpusRoot, runKep } from '../testing/fixtures.js';

interface Listed {
  number: number | null;
  dir: string;
}
interface Report {
  keps: (Listed & { verdict: string; criteria: { id: string; verdict: string; rule: string }[] })[];
  planned: Listed[];
  stopped: Listed[];
}

test('kep lint --release v1.37 errors on exactly the KEPs that kep release v1.37 --check marks not ready', () => {
  const lint = runKep(['lint', '--no-cache', '--repo', corpusRoot, '--format', 'json', '--release', 'v1.37']);
  assert.equal(lint.stderr.match(/^\s+at /m), null, lint.stderr);
  const diagnostics = JSON.parse(lint.stdout) as Diagnostic[];
  const release = runKep([
    'release',
    'v1.37',
    '--check',
    '--no-cache',
    '--repo',
    corpusRoot,
    '--format',
    'json',
  ]);
  const report = JSON.parse(release.stdout) as Report;
  assert.equal(release.status, 1, 'kep release --check exits 1 when a KEP is not ready');
  assert.equal(lint.status, 1, 'kep lint --release exits 1 on errors');

  const erroring = new Map<string, Set<string>>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    // By KEP number: a PRR finding sits in keps/prod-readiness/…, not in the KEP's directory.
    const dir = String(d.kep ?? d.file);
    if (!erroring.has(dir)) erroring.set(dir, new Set());
    erroring.get(dir)!.add(d.rule);
  }
  const notReady = new Map(
    report.keps
      .filter((kep) => kep.verdict === 'not ready')
      .map((kep) => [
        String(kep.number ?? kep.dir),
        kep.criteria.filter((c) => c.verdict === 'fail').map((c) => c.rule),
      ]),
  );
  const onlyLint = [...erroring.keys()].filter((dir) => !notReady.has(dir)).sort();
  const onlyRelease = [...notReady.keys()].filter((dir) => !erroring.has(dir)).sort();
  assert.deepEqual(
    { onlyLint, onlyRelease },
    { onlyLint: [], onlyRelease: [] },
    [
      'the two gates disagree:',
      ...onlyLint.map(
        (dir) => `  KEP ${dir}: lint errors (${[...erroring.get(dir)!].join(', ')}), kep release says ready`,
      ),
      ...onlyRelease.map(
        (dir) => `  KEP ${dir}: kep release not ready (${notReady.get(dir)!.join(', ')}), no lint error`,
      ),
    ].join('\n'),
  );
  // Not a vacuous agreement: both see the same failures, and those the brief named.
  assert.ok(notReady.size > 30, `${notReady.size} KEPs not ready`);
  const numbers = (list: Listed[]) => new Set(list.map((kep) => kep.number));
  const judged = new Map(report.keps.map((kep) => [kep.number, kep]));
  for (const number of [4974, 5304, 5491, 5343, 6080, 5040])
    assert.equal(judged.get(number)?.verdict, 'not ready', `KEP ${number}`);
  assert.ok(numbers(report.stopped).has(5978), 'the withdrawn KEP 5978 is stopped, not judged');
  for (const number of [4006, 4827, 5679]) {
    assert.ok(numbers(report.planned).has(number), `KEP ${number} (stage milestone v1.37) is planned`);
    assert.ok(!judged.has(number), `KEP ${number} is not judged`);
  }
});

test('kep lint on the corpus without --release has no errors', () => {
  const lint = runKep(['lint', '--no-cache', '--repo', corpusRoot, '--format', 'json']);
  assert.equal(lint.status, 0, lint.stderr);
  const errors = (JSON.parse(lint.stdout) as Diagnostic[]).filter((d) => d.severity === 'error');
  assert.deepEqual(errors, []);
});
