// `kep lint --changed` on temp git repositories of corpus KEPs: what it selects is compared with the PATH
// selection of the same proposals (and with a whole-repository lint when a shared input changed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { corpusRepo, gitIn, runKep, type TempRepo } from '../testing/fixtures.js';

const USERNS = 'keps/sig-node/127-user-namespaces';
const IN_PLACE = 'keps/sig-node/1287-in-place-update-pod-resources';
const QUOTAS = 'keps/sig-node/1029-ephemeral-storage-quotas';
const STACK = /^\s+at /m;

interface GitRepo extends TempRepo {
  git(...args: string[]): string;
}

const git = (cwd: string, args: string[]): string => gitIn(cwd, ...args);

/** Three corpus KEPs (with their PRR files, the template, OWNERS_ALIASES, sigs.yaml) committed on `branch`. */
function gitRepo(branch = 'main'): GitRepo {
  const repo = corpusRepo([USERNS, IN_PLACE, QUOTAS]);
  rmSync(repo.file('.git'), { recursive: true, force: true });
  git(repo.root, ['init', '-q', '-b', branch]);
  git(repo.root, ['add', '-A']);
  git(repo.root, ['commit', '-q', '-m', 'the corpus KEPs']);
  return { ...repo, git: (...args) => git(repo.root, args) };
}

function withGitRepo(branch: string, body: (repo: GitRepo) => void): void {
  const repo = gitRepo(branch);
  try {
    body(repo);
  } finally {
    repo.dispose();
  }
}

function lint(repo: TempRepo, args: string[], env: Record<string, string> = {}) {
  const run = runKep(['lint', '--repo', repo.root, '--format', 'json', ...args], {
    env: { GITHUB_BASE_REF: '', ...env },
  });
  assert.doesNotMatch(run.stderr, STACK);
  return { ...run, diagnostics: run.status === 2 ? [] : (JSON.parse(run.stdout) as Diagnostic[]) };
}

const keysOf = (diagnostics: Diagnostic[]) =>
  [...new Set(diagnostics.map((d) => d.file.split('/').slice(0, 3).join('/')))].sort();

test('lint --changed: a changed README lints only its KEP, as `kep lint DIR` does; a staged change counts too', () =>
  withGitRepo('main', (repo) => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.edit(`${USERNS}/README.md`, '## Summary', '## Summary\n\nA changed line.');
    const changed = lint(repo, ['--changed']);
    const oracle = lint(repo, [USERNS]);
    assert.ok(oracle.diagnostics.length > 0, 'the KEP has findings to compare');
    assert.deepEqual(keysOf(changed.diagnostics), [USERNS]);
    assert.deepEqual(changed.diagnostics, oracle.diagnostics);
    assert.equal(changed.status, oracle.status);
    assert.match(changed.stderr, /--changed: 1 proposal to check, changed since main \([0-9a-f]{12}\)/);

    // Staged (and committed on the branch): still changed since the merge base with main.
    repo.git('add', '-A');
    repo.edit(`${QUOTAS}/kep.yaml`, /^title: .*$/m, 'title: Another title');
    const staged = lint(repo, ['--changed']);
    assert.deepEqual(keysOf(staged.diagnostics), [QUOTAS, USERNS]);
    repo.git('commit', '-q', '-m', 'change');
    assert.deepEqual(lint(repo, ['--changed']).diagnostics, staged.diagnostics);
  }));

test('lint --changed: the template, OWNERS_ALIASES (changed or deleted) select every KEP, as a whole-repository lint', () =>
  withGitRepo('main', (repo) => {
    const whole = lint(repo, []);
    assert.deepEqual(keysOf(whole.diagnostics), [QUOTAS, USERNS, IN_PLACE].sort());
    repo.edit('keps/NNNN-kep-template/README.md', '## Summary', '## Summary\n\nTemplate text.');
    const template = lint(repo, ['--changed', '--template', 'current']);
    assert.deepEqual(template.diagnostics, lint(repo, ['--template', 'current']).diagnostics);
    // The three KEPs and the template's own directory, which is checked as a proposal too.
    assert.match(template.stderr, /--changed: 4 proposals to check/);
    repo.git('checkout', '--', 'keps/NNNN-kep-template/README.md');

    repo.edit('OWNERS_ALIASES', /^aliases:/m, '# a comment\naliases:');
    assert.deepEqual(lint(repo, ['--changed']).diagnostics, whole.diagnostics);
    repo.remove('OWNERS_ALIASES');
    const deleted = lint(repo, ['--changed']);
    assert.match(deleted.stderr, /--changed: 4 proposals to check/);
    assert.deepEqual(deleted.diagnostics, lint(repo, []).diagnostics);
  }));

test('lint --changed: a changed PRR file lints its KEP; a deleted KEP is not linted; other files select nothing', () =>
  withGitRepo('main', (repo) => {
    repo.edit('keps/prod-readiness/sig-node/1287.yaml', /$/, '\n# reviewed again\n');
    const prr = lint(repo, ['--changed']);
    assert.deepEqual(prr.diagnostics, lint(repo, [IN_PLACE]).diagnostics);
    assert.match(prr.stderr, /--changed: 1 proposal to check/);
    repo.git('checkout', '--', '.');

    repo.remove(QUOTAS);
    repo.write('cmd/main.go', 'package main\n');
    const deleted = lint(repo, ['--changed']);
    assert.equal(deleted.status, 0);
    assert.deepEqual(deleted.diagnostics, []);
    assert.match(deleted.stderr, /no proposal changed since main \([0-9a-f]{12}\): \d+ files changed, none/);

    // An untracked proposal file counts; an ignored one does not.
    repo.write('.gitignore', 'scratch.md\n');
    repo.write(`${USERNS}/scratch.md`, 'notes\n');
    assert.deepEqual(keysOf(lint(repo, ['--changed']).diagnostics), []);
    repo.write(`${USERNS}/notes.md`, 'notes\n');
    assert.deepEqual(keysOf(lint(repo, ['--changed']).diagnostics), [USERNS]);
  }));

test('lint --changed: nothing changed is exit 0 and said; a SARIF report is still written', () =>
  withGitRepo('main', (repo) => {
    const run = runKep(['lint', '--repo', repo.root, '--changed', '--format', 'sarif'], {
      env: { GITHUB_BASE_REF: '' },
    });
    assert.equal(run.status, 0);
    assert.match(run.stderr, /kep: no proposal changed since main \([0-9a-f]{12}\)\n/);
    const sarif = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
    assert.deepEqual(sarif.runs[0]?.results, []);
  }));

test('lint --changed: the base defaults to origin/$GITHUB_BASE_REF, else origin/HEAD, main, master; none is exit 2', () =>
  withGitRepo('trunk', (repo) => {
    const none = lint(repo, ['--changed']);
    assert.equal(none.status, 2);
    assert.match(
      none.stderr,
      /no base revision found \(tried origin\/HEAD, main, master\); give one with --base REF/,
    );

    repo.git('branch', 'master');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.edit(`${USERNS}/README.md`, '## Summary', '## Summary\n\nA changed line.');
    assert.match(lint(repo, ['--changed']).stderr, /changed since master /);
    repo.git('branch', 'main');
    assert.match(lint(repo, ['--changed']).stderr, /changed since main /);
    repo.git('update-ref', 'refs/remotes/origin/trunk', 'trunk');
    repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    assert.match(lint(repo, ['--changed']).stderr, /changed since origin\/HEAD /);

    // In a GitHub pull request: the base branch, from the remote; a missing one is not replaced by a guess.
    repo.git('update-ref', 'refs/remotes/origin/release-1.36', 'trunk');
    const github = lint(repo, ['--changed'], { GITHUB_BASE_REF: 'release-1.36' });
    assert.match(github.stderr, /changed since origin\/release-1\.36 /);
    assert.deepEqual(keysOf(github.diagnostics), [USERNS]);
    const missing = lint(repo, ['--changed'], { GITHUB_BASE_REF: 'release-9.9' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /tried origin\/release-9\.9\)/);

    const explicit = lint(repo, ['--changed', '--base', 'no-such-branch']);
    assert.equal(explicit.status, 2);
    assert.match(explicit.stderr, /--base no-such-branch: no such revision/);
    assert.equal(lint(repo, ['--changed', '--base', '--output=x']).status, 2);
  }));

test('lint --changed: a shallow clone without the merge base is exit 2 that says fetch-depth: 0', () =>
  withGitRepo('main', (repo) => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.edit(`${USERNS}/README.md`, '## Summary', '## Summary\n\nOn the branch.');
    repo.git('commit', '-q', '-am', 'feature');
    repo.git('checkout', '-q', 'main');
    repo.edit(`${QUOTAS}/README.md`, '## Summary', '## Summary\n\nOn main.');
    repo.git('commit', '-q', '-am', 'main moves on');
    const clone = mkdtempSync(path.join(tmpdir(), 'kepkit-shallow-'));
    try {
      git(tmpdir(), [
        'clone',
        '-q',
        '--depth',
        '1',
        '--no-single-branch',
        '--branch',
        'feature',
        `file://${repo.root}`,
        clone,
      ]);
      const run = runKep(['lint', '--repo', clone, '--changed', '--base', 'origin/main']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /the merge base of origin\/main and HEAD is not in this clone/);
      assert.match(run.stderr, /fetch-depth: 0/);
      assert.doesNotMatch(run.stderr, STACK);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }));

test('lint --changed with PATH arguments, or --base alone, is a usage error', () =>
  withGitRepo('main', (repo) => {
    const both = lint(repo, ['--changed', USERNS]);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--changed with PATH arguments .*: choose one/);
    const base = lint(repo, ['--base', 'main']);
    assert.equal(base.status, 2);
    assert.match(base.stderr, /--base needs --changed/);
  }));

test('lint --ignore-unmatched: files that name no proposal are skipped (the pre-commit hook), not exit 2', () =>
  withGitRepo('main', (repo) => {
    repo.write('cmd/main.go', 'package main\n');
    const readme = `${IN_PLACE}/README.md`;
    assert.equal(lint(repo, ['cmd/main.go', readme]).status, 2);
    const skipping = lint(repo, ['--ignore-unmatched', 'cmd/main.go', readme]);
    assert.deepEqual(skipping.diagnostics, lint(repo, [readme]).diagnostics);
    assert.deepEqual(keysOf(skipping.diagnostics), [IN_PLACE]);
    const nothing = lint(repo, ['--ignore-unmatched', 'cmd/main.go']);
    assert.equal(nothing.status, 0);
    assert.match(nothing.stderr, /none of the 1 file given names a proposal; nothing checked/);
  }));
