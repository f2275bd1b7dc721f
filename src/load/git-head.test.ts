import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readGitHead } from './git-head.js';

/** A temp git repository with one commit (and `git` itself to check the answers against). */
function withRepo(body: (root: string, git: (...args: string[]) => string) => void): void {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-git-head-'));
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  try {
    git('init', '--quiet', '--initial-branch=main');
    writeFileSync(path.join(root, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '--quiet', '-m', 'a');
    body(root, git);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('reads HEAD from a loose ref, from packed-refs, detached, and from a subdirectory', () =>
  withRepo((root, git) => {
    const head = git('rev-parse', 'HEAD');
    assert.deepEqual(readGitHead(root), { kind: 'head', head });
    mkdirSync(path.join(root, 'keps/sig-x'), { recursive: true });
    assert.deepEqual(readGitHead(path.join(root, 'keps/sig-x')), { kind: 'head', head });
    git('pack-refs', '--all');
    assert.deepEqual(readGitHead(root), { kind: 'head', head });
    git('checkout', '--quiet', '--detach');
    assert.deepEqual(readGitHead(root), { kind: 'head', head });
  }));

test('reads the HEAD of a linked work tree (a .git file) and notices a shallow clone', () =>
  withRepo((root, git) => {
    const linked = path.join(root, 'linked');
    git('worktree', 'add', '--quiet', '-b', 'other', linked);
    writeFileSync(path.join(linked, 'b.txt'), 'b\n');
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'b.txt'], {
      cwd: linked,
    });
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'b'], {
      cwd: linked,
    });
    const other = git('rev-parse', 'other');
    assert.notEqual(other, git('rev-parse', 'HEAD'));
    assert.deepEqual(readGitHead(linked), { kind: 'head', head: other });
    writeFileSync(path.join(root, '.git', 'shallow'), `${other}\n`);
    assert.deepEqual(readGitHead(linked), { kind: 'shallow', head: other });
  }));

test('no repository: none (an empty .git directory is not one); no commit yet: none', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-git-head-'));
  try {
    mkdirSync(path.join(root, '.git'));
    assert.deepEqual(readGitHead(root), { kind: 'none' });
    rmSync(path.join(root, '.git'), { recursive: true });
    spawnSync('git', ['init', '--quiet'], { cwd: root });
    assert.deepEqual(readGitHead(root), { kind: 'none' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
