import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../../model/index.js';
import { corpusRepo, corpusRoot, runKep } from '../../testing/fixtures.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const README = `${KEP}/README.md`;

test('kep lint --fix: regenerates a broken table of contents to upstream’s bytes and reports what remains', () => {
  const repo = corpusRepo([KEP]);
  try {
    const upstream = readFileSync(path.join(corpusRoot, README));
    repo.edit(README, '- [Summary](#summary)', '- [Summary](#sumary)');
    const before = runKep(['lint', '--repo', repo.root, '--format', 'json']);
    const found = JSON.parse(before.stdout) as Diagnostic[];
    assert.ok(found.some((d) => d.rule === 'readme/toc' && d.fix !== undefined));

    const run = runKep(['lint', '--fix', '--repo', repo.root, '--format', 'json']);
    assert.match(run.stderr, /fixed 1 problem in 1 file/);
    assert.ok(
      readFileSync(repo.file(README)).equals(upstream),
      'the README is byte for byte what upstream has',
    );
    const remaining = JSON.parse(run.stdout) as Diagnostic[];
    assert.equal(
      remaining.filter((d) => d.rule === 'readme/toc').length,
      0,
      'the fixed finding is gone from the report',
    );
    // Nothing else was touched, and a second run has nothing to fix.
    assert.deepEqual(
      remaining.map((d) => `${d.rule} ${d.file}`),
      found.filter((d) => d.rule !== 'readme/toc').map((d) => `${d.rule} ${d.file}`),
    );
    const again = runKep(['lint', '--fix', '--repo', repo.root, '--format', 'json']);
    assert.doesNotMatch(again.stderr, /fixed/);
  } finally {
    repo.dispose();
  }
});
