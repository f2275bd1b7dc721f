// The acceptance check: kep lint over the whole kubernetes/enhancements corpus reports zero errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashBytes } from '../load/files.js';
import type { Diagnostic } from '../model/index.js';
import { corpusRoot, runKep } from '../testing/fixtures.js';

test('kep lint on the kubernetes/enhancements corpus: zero errors, exit 0 (warnings recorded by rule)', (t) => {
  const run = runKep(['lint', '--repo', corpusRoot, '--format', 'json']);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
  const diagnostics = JSON.parse(run.stdout) as Diagnostic[];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.rule} ${d.file}:${d.line} ${d.message}`),
    [],
    'every error on the corpus is a false alarm: upstream CI passes on it',
  );
  assert.equal(run.status, 0);
  // The groups file beside the corpus (../community/sigs.yaml) and its OWNERS_ALIASES are found.
  assert.doesNotMatch(run.stderr, /no groups file found|no OWNERS_ALIASES found/);

  const byRule = new Map<string, number>();
  for (const d of diagnostics) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
  const rows = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  t.diagnostic(`warnings by rule: ${rows.map(([rule, n]) => `${rule}=${n}`).join(', ')}`);
  // The real defects the spec lists are found: unknown statuses, implemented KEPs not at stable, a number mismatch.
  for (const rule of ['metadata/status', 'metadata/implemented-stable', 'metadata/number-matches-dir']) {
    assert.ok((byRule.get(rule) ?? 0) > 0, `expected ${rule} warnings on the corpus`);
  }
});

test('kep lint --jobs: worker threads sharing the proposals find exactly what one thread finds', () => {
  const one = runKep(['lint', '--repo', corpusRoot, '--format', 'json', '--no-cache', '--jobs', '1']);
  const three = runKep(['lint', '--repo', corpusRoot, '--format', 'json', '--no-cache', '--jobs', '3']);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(three.status, 0, three.stderr);
  assert.ok((JSON.parse(one.stdout) as Diagnostic[]).length > 1000);
  assert.equal(three.stdout, one.stdout);
});

// The sha1 of `kep lint --no-cache --format json` on the corpus as the code before process profiles wrote it
// (commit eb72acb, where the Kubernetes process was TypeScript). The profile file must give the same bytes;
// a change of findings that is meant updates this line, with the reason in its commit.
const FINDINGS_BEFORE_PROFILES = '6a6c5e7e9de18c9316f40eec991b0e4afa83a596';

test('the Kubernetes profile file gives the findings of the code it replaced, byte for byte', () => {
  const run = runKep(['lint', '--no-cache', '--repo', corpusRoot, '--format', 'json']);
  assert.equal(hashBytes(run.stdout), FINDINGS_BEFORE_PROFILES);
});
