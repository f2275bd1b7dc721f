// What the one write helper refuses, and how it keeps an edit that races with it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { applyFixes } from '../edit/fixes.js';
import {
  EditConflictError,
  removeStaleTempFiles,
  removeStaleTempFilesUnder,
  WriteRefusedError,
  writeFileAtomic,
} from './atomic-write.js';
import { hashBytes, MAX_FILE_BYTES } from './files.js';

function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-atomic-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('writeFileAtomic: a read-only file is refused, not replaced (even for root)', () => {
  const { dir, dispose } = tempDir();
  try {
    const file = path.join(dir, 'README.md');
    writeFileSync(file, 'keep me\n');
    chmodSync(file, 0o444);
    assert.throws(
      () => writeFileAtomic(file, 'new\n', { expectedHash: hashBytes(Buffer.from('keep me\n')) }),
      (error) => error instanceof WriteRefusedError && /read-only/.test(error.reason),
    );
    assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
    assert.deepEqual(readdirSync(dir), ['README.md']);
  } finally {
    dispose();
  }
});

test('writeFileAtomic: with `within`, a link that leads out of the root is refused; one inside is written', () => {
  const { dir, dispose } = tempDir();
  try {
    const root = path.join(dir, 'repo');
    mkdirSync(root);
    writeFileSync(path.join(dir, 'outside.md'), 'outside\n');
    writeFileSync(path.join(root, 'inside.md'), 'inside\n');
    symlinkSync('../outside.md', path.join(root, 'out.md'));
    symlinkSync('inside.md', path.join(root, 'in.md'));
    assert.throws(
      () => writeFileAtomic(path.join(root, 'out.md'), 'x\n', { within: root }),
      (error) => error instanceof WriteRefusedError && /outside the repository/.test(error.reason),
    );
    assert.throws(
      () => writeFileAtomic(path.join(root, '../outside.md'), 'x\n', { within: root }),
      WriteRefusedError,
    );
    assert.equal(readFileSync(path.join(dir, 'outside.md'), 'utf8'), 'outside\n');
    writeFileAtomic(path.join(root, 'in.md'), 'changed\n', { within: root });
    assert.equal(readFileSync(path.join(root, 'inside.md'), 'utf8'), 'changed\n');
  } finally {
    dispose();
  }
});

test('writeFileAtomic: a named pipe where a file should be is refused without blocking', () => {
  const { dir, dispose } = tempDir();
  try {
    const fifo = path.join(dir, 'README.md');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    assert.throws(() => writeFileAtomic(fifo, 'x\n', { within: dir }), WriteRefusedError);
  } finally {
    dispose();
  }
});

test('writeFileAtomic: an edit that lands between the last check and the rename is kept, and reported', () => {
  const { dir, dispose } = tempDir();
  try {
    const file = path.join(dir, 'README.md');
    writeFileSync(file, 'as read\n');
    const expectedHash = hashBytes(Buffer.from('as read\n'));
    assert.throws(
      () =>
        writeFileAtomic(file, 'ours\n', {
          expectedHash,
          // An editor that writes in place (same inode), after every check kepkit can make beforehand.
          inWindow: () => appendFileSync(file, 'their line\n'),
        }),
      (error) => error instanceof EditConflictError && /edit was kept/.test(error.message),
    );
    assert.equal(readFileSync(file, 'utf8'), 'as read\ntheir line\n');
    assert.deepEqual(readdirSync(dir), ['README.md']);
  } finally {
    dispose();
  }
});

test('removeStaleTempFiles: removes the leftovers of dead or old runs, keeps a live run’s and other files', () => {
  const { dir, dispose } = tempDir();
  try {
    const dead = '.README.md.999999999.deadbeef.tmp';
    const old = `.README.md.${process.ppid}.0badf00d.tmp`;
    const live = `.kep.yaml.${process.ppid}.c0ffee00.tmp`;
    for (const name of [dead, old, live, 'README.md', '.README.md.tmp', 'notes.tmp'])
      writeFileSync(path.join(dir, name), 'x');
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(path.join(dir, old), anHourAgo, anHourAgo);
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', dead), 'x');

    assert.deepEqual(removeStaleTempFiles(dir, 'kep.yaml'), []);
    const removed = removeStaleTempFilesUnder(dir).map((file) => path.relative(dir, file));
    assert.deepEqual(removed.sort(), [dead, old, `sub/${dead}`].sort());
    assert.deepEqual(
      readdirSync(dir).sort(),
      [live, '.README.md.tmp', 'README.md', 'notes.tmp', 'sub'].sort(),
    );
  } finally {
    dispose();
  }
});

test('applyFixes: a fix whose result would be over the read limit is skipped, the file left alone', () => {
  const { dir, dispose } = tempDir();
  try {
    const file = path.join(dir, 'README.md');
    writeFileSync(file, '# Title\n');
    const [outcome] = applyFixes(dir, [
      {
        file: 'README.md',
        description: 'grow',
        edits: [{ start: 8, end: 8, text: 'x'.repeat(MAX_FILE_BYTES) }],
        sourceHash: hashBytes(Buffer.from('# Title\n')),
      },
    ]);
    assert.equal(outcome?.written, false);
    assert.match(outcome?.skipped[0]?.reason ?? '', /over the 5 MB limit; not written/);
    assert.equal(readFileSync(file, 'utf8'), '# Title\n');
  } finally {
    dispose();
  }
});
