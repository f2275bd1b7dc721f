import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { kubernetesProfile } from '../profile/index.js';
import { LoadError } from './errors.js';
import { walkRepository } from './walk.js';

test('walkRepository follows upstream filepath.Walk: sorted, SkipDir at kep.yaml, prod-readiness skipped', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-walk-'));
  try {
    const files = [
      'keps/README.md',
      'keps/sig-a/README.md',
      'keps/sig-a/1-first/README.md',
      'keps/sig-a/1-first/kep.yaml',
      // Walked before kep.yaml (upper case and "images" sort first): an orphan README upstream too.
      'keps/sig-a/1-first/images/README.md',
      // After kep.yaml: never walked.
      'keps/sig-a/1-first/zz-notes/README.md',
      'keps/sig-a/2-second/kep.yaml',
      'keps/sig-a/group/3-nested/kep.yaml',
      'keps/sig-a/group/3-nested/README.md',
      'keps/prod-readiness/sig-a/1.yaml',
      'keps/prod-readiness/README.md',
      'README.md',
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), 'x\n');
    }
    const layout = walkRepository(root, kubernetesProfile);
    assert.deepEqual(layout.proposalDirs, [
      'keps/sig-a/1-first',
      'keps/sig-a/2-second',
      'keps/sig-a/group/3-nested',
    ]);
    assert.deepEqual(layout.orphanReadmes, ['keps/sig-a/1-first/images/README.md', 'keps/sig-a/README.md']);
    assert.deepEqual(layout.problems, []);
    assert.ok(layout.files.has('keps/sig-a/1-first/kep.yaml'));
    assert.ok(layout.files.has('keps/sig-a/1-first/README.md'));
    assert.ok(!layout.files.has('keps/prod-readiness/sig-a/1.yaml'));
    assert.ok(!layout.files.has('keps/sig-a/1-first/zz-notes/README.md'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('walkRepository: a missing proposals root is a LoadError naming the directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-walk-'));
  try {
    assert.throws(
      () => walkRepository(root, kubernetesProfile),
      (error: unknown) => error instanceof LoadError && /keps: no such directory/.test(error.message),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
