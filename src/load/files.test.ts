import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readSource } from './files.js';

function withDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-files-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const problemOf = (dir: string, file: string) => {
  const read = readSource(dir, file);
  assert.equal(read.ok, false);
  return read.ok ? undefined : read.problem;
};

test('readSource reads UTF-8 text with a content hash', () =>
  withDir((dir) => {
    writeFileSync(path.join(dir, 'kep.yaml'), 'title: café\n');
    const read = readSource(dir, 'kep.yaml');
    assert.equal(read.ok, true);
    if (read.ok) {
      assert.equal(read.file.text, 'title: café\n');
      assert.equal(read.file.path, 'kep.yaml');
      assert.match(read.file.hash, /^[0-9a-f]{40}$/);
    }
  }));

test('readSource refuses a huge file by its size, without reading it', () =>
  withDir((dir) => {
    // A sparse 10 GB file: reading it would fail (over 2 GB) or exhaust memory.
    const fd = openSync(path.join(dir, 'README.md'), 'w');
    ftruncateSync(fd, 10 * 1024 ** 3);
    closeSync(fd);
    assert.deepEqual(problemOf(dir, 'README.md'), {
      path: 'README.md',
      rule: 'io/too-large',
      message: 'file is 10240.0 MB, over the 5 MB limit; not parsed',
    });
  }));

test('readSource names directories, named pipes, symlink loops and broken links', { timeout: 10_000 }, () =>
  withDir((dir) => {
    mkdirSync(path.join(dir, 'adir'));
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    symlinkSync('loop', path.join(dir, 'loop'));
    symlinkSync('missing', path.join(dir, 'broken'));
    assert.equal(problemOf(dir, 'adir')?.message, 'is a directory, expected a file');
    assert.match(problemOf(dir, 'pipe')!.message, /not a regular file/);
    assert.equal(problemOf(dir, 'loop')?.message, 'symbolic link loop');
    assert.equal(problemOf(dir, 'broken')?.message, 'file not found (a broken symbolic link?)');
    for (const name of ['adir', 'pipe', 'loop', 'broken'])
      assert.equal(problemOf(dir, name)?.rule, 'io/unreadable');
  }),
);

test('readSource reports binary and mis-encoded files as io/encoding', () =>
  withDir((dir) => {
    writeFileSync(path.join(dir, 'bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]));
    writeFileSync(path.join(dir, 'latin1'), Buffer.from('a\nb\nna\xefve\n', 'latin1'));
    assert.deepEqual(problemOf(dir, 'bin'), {
      path: 'bin',
      rule: 'io/encoding',
      message: 'binary file (NUL byte at offset 4); expected UTF-8 text',
    });
    assert.equal(problemOf(dir, 'latin1')?.message, 'not valid UTF-8 (first bad byte on line 3)');
  }));
