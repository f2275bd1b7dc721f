import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { hashBytes } from '../load/files.js';
import type { Fix } from '../model/index.js';
import { applyEdits, EditRangeError } from '../text/apply.js';
import { EditConflictError, writeFileAtomic } from './atomic.js';
import { quotePath, unifiedDiff } from './diff.js';
import { applyFixes, readFileText, rewriteFile } from './fixes.js';

function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-edit-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('applyEdits: splices in any order against the original offsets', () => {
  const text = 'one two three';
  assert.equal(
    applyEdits(text, [
      { start: 8, end: 13, text: '3' },
      { start: 0, end: 3, text: '1' },
      { start: 4, end: 4, text: 'and ' },
    ]),
    '1 and two 3',
  );
  assert.equal(applyEdits(text, []), text);
});

test('applyEdits: overlapping edits and edits past the end are refused', () => {
  assert.throws(
    () =>
      applyEdits('abcdef', [
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    EditRangeError,
  );
  assert.throws(
    () =>
      applyEdits('abcdef', [
        { start: 1, end: 1, text: 'x' },
        { start: 1, end: 1, text: 'y' },
      ]),
    EditRangeError,
  );
  assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 9, text: '' }]), EditRangeError);
  // Touching is not overlapping.
  assert.equal(
    applyEdits('abcdef', [
      { start: 0, end: 3, text: 'X' },
      { start: 3, end: 6, text: 'Y' },
    ]),
    'XY',
  );
});

test('writeFileAtomic: replaces the file, keeps its mode, leaves no temporary file', () => {
  const { dir, dispose } = tempDir();
  try {
    const file = path.join(dir, 'README.md');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new\n', { expectedHash: hashBytes(Buffer.from('old\n')) });
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['README.md']);
  } finally {
    dispose();
  }
});

test('writeFileAtomic: a file modified since it was read is not clobbered', () => {
  const { dir, dispose } = tempDir();
  try {
    const file = path.join(dir, 'README.md');
    writeFileSync(file, 'as read\n');
    const read = readFileText(file);
    // Someone else writes between our read and our write.
    writeFileSync(file, 'their change\n');
    assert.throws(() => writeFileAtomic(file, 'ours\n', { expectedHash: read.hash }), EditConflictError);
    assert.throws(() => rewriteFile(file, read, [{ start: 0, end: 2, text: 'AS' }]), EditConflictError);
    assert.equal(readFileSync(file, 'utf8'), 'their change\n');
    assert.deepEqual(readdirSync(dir), ['README.md']);
    // A file that must be new is not written over an existing one.
    assert.throws(() => writeFileAtomic(file, 'x', { expectedHash: null }), EditConflictError);
  } finally {
    dispose();
  }
});

test('writeFileAtomic: writes through a symbolic link, which stays a link', () => {
  const { dir, dispose } = tempDir();
  try {
    writeFileSync(path.join(dir, 'target.md'), 'old\n');
    symlinkSync('target.md', path.join(dir, 'link.md'));
    writeFileAtomic(path.join(dir, 'link.md'), 'new\n');
    assert.equal(readFileSync(path.join(dir, 'target.md'), 'utf8'), 'new\n');
    assert.ok(statSync(path.join(dir, 'link.md')).isFile());
    assert.equal(readdirSync(dir).sort().join(' '), 'link.md target.md');
  } finally {
    dispose();
  }
});

test('applyFixes: applies fixes per file, keeps a byte order mark, skips stale and overlapping fixes', () => {
  const { dir, dispose } = tempDir();
  try {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alpha beta gamma\n')]);
    writeFileSync(path.join(dir, 'a.md'), bytes);
    writeFileSync(path.join(dir, 'b.md'), 'unchanged\n');
    const hash = hashBytes(bytes);
    const fix = (file: string, start: number, end: number, text: string, sourceHash = hash): Fix => ({
      file,
      description: `replace ${start}-${end}`,
      edits: [{ start, end, text }],
      sourceHash,
    });
    const outcomes = applyFixes(dir, [
      fix('a.md', 0, 5, 'ALPHA'),
      fix('a.md', 11, 16, 'GAMMA'),
      fix('a.md', 3, 8, 'clash'),
      fix('b.md', 0, 9, 'changed', 'stale-hash'),
      fix('../outside.md', 0, 0, 'x'),
    ]);
    assert.equal(readFileSync(path.join(dir, 'a.md'), 'utf8'), '\ufeffALPHA beta GAMMA\n');
    assert.equal(readFileSync(path.join(dir, 'b.md'), 'utf8'), 'unchanged\n');
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    assert.equal(byFile['a.md']!.applied.length, 2);
    assert.match(byFile['a.md']!.skipped[0]!.reason, /overlaps/);
    assert.match(byFile['b.md']!.skipped[0]!.reason, /changed since/);
    assert.equal(byFile['b.md']!.written, false);
    assert.match(byFile['../outside.md']!.skipped[0]!.reason, /outside/);
  } finally {
    dispose();
  }
});

test('unifiedDiff: a change of the final newline alone gives a hunk that says so, and git apply takes it', () => {
  const { dir, dispose } = tempDir();
  try {
    const diff = unifiedDiff('notes.md', 'a\nb', 'a\nb\n');
    assert.equal(
      diff,
      '--- a/notes.md\n+++ b/notes.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
    writeFileSync(path.join(dir, 'notes.md'), 'a\nb');
    writeFileSync(path.join(dir, 'fix.patch'), diff);
    const apply = spawnSync('git', ['apply', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    assert.equal(apply.status, 0, apply.stderr);
    assert.equal(readFileSync(path.join(dir, 'notes.md'), 'utf8'), 'a\nb\n');
  } finally {
    dispose();
  }
});

test('quotePath: a name is quoted as git quotes it, and only when it must be', () => {
  assert.equal(quotePath('a/keps/sig-node/1-x/README.md'), 'a/keps/sig-node/1-x/README.md');
  assert.equal(quotePath('a/my dir/README.md'), 'a/my dir/README.md');
  assert.equal(quotePath('a/x\ny"z\\\t\x1b\x7fé'), '"a/x\\ny\\"z\\\\\\t\\033\\177\\303\\251"');
});
