import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hashBytes } from '../../load/files.js';
import { corpusRoot, makeWritable, runKep } from '../../testing/fixtures.js';

const KEP_README = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless/README.md';

/** Content hash of every file under dir, by repo-relative path. */
function snapshot(root: string, dir = 'keps'): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else hashes.set(child, hashBytes(readFileSync(path.join(root, child))));
    }
  };
  walk(dir);
  return hashes;
}

test('kep toc --check: every table of contents of the corpus agrees with upstream (zero differences)', () => {
  const run = runKep(['toc', '--check', '--repo', corpusRoot]);
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '');
  assert.equal(run.status, 0);
});

// One writable copy of the corpus for the tests that write.
let copy: string;
before(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'kepkit-toc-corpus-'));
  cpSync(path.join(corpusRoot, 'keps'), path.join(copy, 'keps'), { recursive: true });
  cpSync(path.join(corpusRoot, 'hack'), path.join(copy, 'hack'), { recursive: true });
  makeWritable(copy);
});
after(() => rmSync(copy, { recursive: true, force: true }));

test('kep toc --write: on a copy of the corpus, changes no file', () => {
  const before = snapshot(copy);
  const run = runKep(['toc', '--write', '--repo', copy]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.deepEqual(snapshot(copy), before);
});

test('kep toc: a broken table of contents is listed with a diff, then --write restores upstream’s exact bytes', () => {
  const file = path.join(copy, KEP_README);
  const upstream = readFileSync(file);
  const broken = upstream
    .toString('utf8')
    .replace('  - [Goals](#goals)\n', '')
    .replace('- [Summary](#summary)', '- [Summary](#sumary)');
  assert.notEqual(broken, upstream.toString('utf8'));
  writeFileSync(file, broken);

  const check = runKep(['toc', '--check', '--repo', copy]);
  assert.equal(check.status, 1);
  assert.match(check.stderr, new RegExp(`${KEP_README}:\\d+: table of contents differs`));
  assert.match(check.stderr, /1 differ/);
  assert.match(check.stdout, new RegExp(`^--- a/${KEP_README}\n\\+\\+\\+ b/${KEP_README}\n@@ `));
  assert.match(check.stdout, /^-- \[Summary\]\(#sumary\)$/m);
  assert.match(check.stdout, /^\+- \[Summary\]\(#summary\)$/m);
  assert.match(check.stdout, /^\+ {2}- \[Goals\]\(#goals\)$/m);

  const write = runKep(['toc', '--write', '--repo', copy]);
  assert.equal(write.status, 0, write.stderr);
  assert.equal(write.stdout, `updated ${KEP_README}\n`);
  assert.ok(readFileSync(file).equals(upstream), 'the README is byte for byte what upstream has');
  assert.equal(statSync(file).mode & 0o777, 0o644);
});

test('kep toc: a file without markers fails; --check and --write together are a usage error', () => {
  const file = path.join(copy, 'keps/sig-node/notes.md');
  writeFileSync(file, '# Notes\n\n## Section\n');
  try {
    const run = runKep(['toc', '--repo', copy]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /keps\/sig-node\/notes\.md: missing opening TOC tag/);
  } finally {
    rmSync(file);
  }
  assert.equal(runKep(['toc', '--check', '--write', '--repo', copy]).status, 2);
});
