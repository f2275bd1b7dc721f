// One release gate: `kep lint --release` and `kep release --check` run the same rules, so on the corpus they
// must find the same KEPs not ready for v1.37, KEP by KEP.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

test('kep release reads its verdicts from the lint of the release (cached, shared with kep lint --release): the same as running each rule', async () => {
  const { loadFacts, loadProposal, walkRepository } = await import('../load/index.js');
  const { kubernetesProfile } = await import('../profile/index.js');
  const { releaseReport, releaseTarget } = await import('../query/release/release.js');
  const { ruleById } = await import('../rules/index.js');
  const profile = kubernetesProfile;
  const layout = walkRepository(corpusRoot, profile);
  const facts = loadFacts(corpusRoot, layout, { profile, release: 'v1.37' });
  const proposals = layout.proposalDirs
    .filter((dir) => !profile.layout.templateDirs.includes(dir))
    .map((dir) => loadProposal(facts, dir))
    .filter((proposal) => releaseTarget(proposal.metadata, 'v1.37', profile.metadata.stages));
  // The oracle: every criterion decided by calling its rules' checks, one by one.
  const direct = releaseReport({ release: 'v1.37', freeze: 'enhancements', proposals, facts, ruleById });
  const summary = (
    keps: {
      dir: string;
      verdict: string;
      criteria: { id: string; verdict: string; findings?: { message: string }[] }[];
    }[],
  ) =>
    keps.map((kep) => ({
      dir: kep.dir,
      verdict: kep.verdict,
      criteria: kep.criteria.map(
        (c) =>
          `${c.id} ${c.verdict} ${(c.findings ?? [])
            .map((f) => f.message)
            .sort()
            .join(' | ')}`,
      ),
    }));

  const cache = { env: { KEPKIT_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'kepkit-release-cache-')) } };
  try {
    runKep(['lint', '--repo', corpusRoot, '--release', 'v1.37', '--format', 'json'], cache);
    for (const round of ['after kep lint --release filled the cache', 'answered from the cache']) {
      const run = runKep(['release', 'v1.37', '--repo', corpusRoot, '--format', 'json'], cache);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(
        summary((JSON.parse(run.stdout) as Report & { keps: never }).keps),
        summary(direct.keps),
        round,
      );
    }
  } finally {
    rmSync(cache.env.KEPKIT_CACHE_DIR, { recursive: true, force: true });
  }
});
