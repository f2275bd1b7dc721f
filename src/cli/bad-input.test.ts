// Bad input through the real CLI: each case gives a diagnostic naming the file, exit 1, no crash or hang.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { runKep, type TempRepo, whyOthersCannotRun, withCorpusRepo } from '../testing/fixtures.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const OTHER = 'keps/sig-network/0752-endpointslices';
const KEP_YAML = `${KEP}/kep.yaml`;
const README = `${KEP}/README.md`;
const STACK = /^\s+at /m;

const withRepo = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP, OTHER], body);

/** Lint as JSON; returns the exit code and the error diagnostics as `rule file:line:column message`. */
function lintErrors(repo: TempRepo, options: Parameters<typeof runKep>[1] = {}, extra: string[] = []) {
  const run = runKep(['lint', '--repo', repo.root, '--format', 'json', ...extra], options);
  assert.doesNotMatch(run.stderr, STACK, run.stderr);
  assert.doesNotMatch(run.stderr, /unexpected error/, run.stderr);
  const diagnostics = JSON.parse(run.stdout) as Diagnostic[];
  return {
    status: run.status,
    errors: diagnostics.filter((d) => d.severity === 'error'),
  };
}

const brief = (d: Diagnostic) => `${d.rule} ${d.file}:${d.line}:${d.column}`;

test('bad input: an empty kep.yaml is a metadata/parse error on that file', () =>
  withRepo((repo) => {
    repo.write(KEP_YAML, '');
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`metadata/parse ${KEP_YAML}:1:1`]);
    assert.match(errors[0]!.message, /the document is empty/);
  }));

test('bad input: a binary file named kep.yaml is an io/encoding error', () =>
  withRepo((repo) => {
    const png = Buffer.alloc(4096);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    repo.write(KEP_YAML, png);
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`io/encoding ${KEP_YAML}:1:1`]);
    assert.match(errors[0]!.message, /binary file \(NUL byte at offset 8\)/);
  }));

test('bad input: a YAML alias bomb stops at the node budget with a metadata/parse error', () =>
  withRepo((repo) => {
    // Nine levels of ten references each: a billion strings if expanded.
    const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level <= 9; level++) {
      levels.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    }
    repo.write(KEP_YAML, `${repo.read(KEP_YAML)}\n${levels.join('\n')}\n`);
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`metadata/parse ${KEP_YAML}:1:1`]);
    assert.match(errors[0]!.message, /expands to more than 100000 nodes \(an alias bomb\?\)/);
  }));

test('bad input: a 50 MB README is an io/too-large error and is never parsed', () =>
  withRepo((repo) => {
    const fd = openSync(repo.file(README), 'w');
    const chunk = Buffer.from('All work and no play makes a long README.\n'.repeat(25_000));
    const size = 50 * 1024 * 1024;
    for (let written = 0; written < size; written += chunk.length) {
      writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
    }
    closeSync(fd);
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`io/too-large ${README}:1:1`]);
    assert.match(errors[0]!.message, /file is 50\.0 MB, over the 5 MB limit; not parsed/);
  }));

test(
  'bad input: a directory and a file without read permission are io/unreadable (run as nobody)',
  { skip: whyOthersCannotRun() },
  () =>
    withRepo((repo) => {
      // Root reads everything: run the CLI as an unprivileged user over a repo that others may read.
      chmodSync(repo.root, 0o755);
      chmodSync(repo.file(KEP), 0o000);
      chmodSync(repo.file(`${OTHER}/kep.yaml`), 0o000);
      try {
        const { status, errors } = lintErrors(repo, { uid: 65534, gid: 65534 }, ['--no-cache']);
        assert.equal(status, 1);
        assert.deepEqual(errors.map(brief), [
          `io/unreadable ${OTHER}/kep.yaml:1:1`,
          `io/unreadable ${KEP}:1:1`,
        ]);
        assert.equal(errors[0]!.message, 'permission denied');
        assert.equal(errors[1]!.message, 'cannot read directory: permission denied');
      } finally {
        chmodSync(repo.file(KEP), 0o755);
      }
    }),
);

test('bad input: a kep.yaml that links to itself is io/unreadable; a directory link loop is not followed', () =>
  withRepo((repo) => {
    repo.remove(KEP_YAML);
    symlinkSync('kep.yaml', repo.file(KEP_YAML));
    symlinkSync('..', repo.file(`${OTHER}/parent`));
    symlinkSync('.', repo.file('keps/sig-node/self'));
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`io/unreadable ${KEP_YAML}:1:1`]);
    assert.equal(errors[0]!.message, 'symbolic link loop');
  }));

test('bad input: a README that is not UTF-8 is an io/encoding error naming the line', () =>
  withRepo((repo) => {
    // Latin-1 "résumé" appended to line 42 of the original bytes.
    const bytes = readFileSync(repo.file(README));
    let offset = -1;
    for (let line = 0; line < 42; line++) offset = bytes.indexOf(0x0a, offset + 1);
    repo.write(
      README,
      Buffer.concat([
        bytes.subarray(0, offset),
        Buffer.from(' r\xe9sum\xe9', 'latin1'),
        bytes.subarray(offset),
      ]),
    );
    const { status, errors } = lintErrors(repo);
    assert.equal(status, 1);
    assert.deepEqual(errors.map(brief), [`io/encoding ${README}:1:1`]);
    assert.match(errors[0]!.message, /not valid UTF-8 \(first bad byte on line 42\)/);
  }));

test('bad input: a named pipe as README is io/unreadable, with and without the cache (no hang)', () =>
  withRepo((repo) => {
    repo.remove(README);
    execFileSync('mkfifo', [repo.file(README)]);
    for (const extra of [[], ['--no-cache']]) {
      const { status, errors } = lintErrors(repo, { timeout: 60_000 }, extra);
      assert.equal(status, 1, `exit code with ${extra.join(' ') || 'the cache'}`);
      assert.deepEqual(errors.map(brief), [`io/unreadable ${README}:1:1`]);
      assert.match(errors[0]!.message, /not a regular file/);
    }
  }));

test('bad input: the stylish report names the file too', () =>
  withRepo((repo) => {
    repo.write(KEP_YAML, '');
    const run = runKep(['lint', '--repo', repo.root]);
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      new RegExp(`^${KEP_YAML}\\n {2}1:1 +error +the document is empty +metadata/parse$`, 'm'),
    );
    assert.doesNotMatch(run.stderr, STACK);
  }));

test('the run-as-nobody test says why it cannot run from a checkout under a private directory', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'kepkit-private-'));
  try {
    const file = path.join(parent, 'checkout/dist/cli/main.js');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    chmodSync(parent, 0o700);
    assert.match(whyOthersCannotRun([file]) ?? '', /is mode 700: other users cannot reach .*main\.js/);
    chmodSync(parent, 0o755);
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    assert.equal(
      whyOthersCannotRun([file]),
      asRoot ? undefined : 'only root can run a command as another user',
    );
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
