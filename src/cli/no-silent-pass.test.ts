// A CI job must never pass on nothing: PATHs that name no proposal, a repository found in the wrong place, a
// filter value that cannot match. Each case here passed silently (exit 0, "no problems") before.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { corpusRoot, exampleRepo, examplesRoot, projectRoot, runKep } from '../testing/fixtures.js';

const diagnosticsOf = (stdout: string): Diagnostic[] => JSON.parse(stdout) as Diagnostic[];
const proposalsOf = (diagnostics: Diagnostic[]): string[] =>
  [...new Set(diagnostics.map((d) => d.file.split('/').slice(0, 3).join('/')))].sort();

test('kep lint PATH: relative to the repo root when --repo names another repository (the examples/README.md example)', () => {
  const run = runKep(['lint', '--repo', 'examples/enhancements', 'keps/sig-node', '--format', 'json'], {
    cwd: projectRoot,
  });
  assert.equal(run.status, 1, run.stderr);
  const proposals = proposalsOf(diagnosticsOf(run.stdout));
  assert.ok(proposals.length > 0);
  assert.ok(
    proposals.every((p) => p.startsWith('keps/sig-node/')),
    proposals.join(', '),
  );
});

test('kep lint PATH: a path that does not exist, or holds no proposal, is a usage error naming it', () => {
  const repo = exampleRepo();
  try {
    const missing = runKep(['lint', '--repo', repo.root, 'keps/nope']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /keps\/nope: no such file or directory/);
    assert.equal(missing.stdout, '');

    repo.write('docs/guide.md', '# A guide\n');
    const empty = runKep(['lint', '--repo', repo.root, 'docs', 'keps/sig-node']);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /^kep: docs: names no proposal \(nothing to check\)/m);
    assert.equal(empty.stdout, '');

    // The proposals root itself, a SIG directory and a proposal's file each name proposals.
    for (const selected of ['keps', 'keps/sig-storage', 'keps/sig-node/5101-pod-log-budgets/README.md']) {
      const run = runKep(['lint', '--repo', repo.root, '--format', 'json', selected]);
      assert.notEqual(run.status, 2, `${selected}: ${run.stderr}`);
    }
  } finally {
    repo.dispose();
  }
});

test('kep lint PATH: an approval file under keps/prod-readiness lints the proposal it belongs to', () => {
  const repo = exampleRepo();
  try {
    const prr = 'keps/prod-readiness/sig-node/5101.yaml';
    repo.edit(prr, '"@yuki-arata"', '"@not-a-prr-approver"');
    const whole = diagnosticsOf(runKep(['lint', '--repo', repo.root, '--format', 'json']).stdout);
    const expected = whole.filter((d) => d.file === prr && d.rule === 'prr/approver');
    assert.ok(expected.length > 0, 'the whole-repo lint reports the bad approver');

    const run = runKep(['lint', '--repo', repo.root, '--format', 'json', prr]);
    assert.equal(run.status, 1, run.stderr);
    const found = diagnosticsOf(run.stdout);
    const dir = 'keps/sig-node/5101-pod-log-budgets/';
    // Exactly what the whole-repo lint says of the proposal and its approval file.
    assert.deepEqual(
      found,
      whole.filter((d) => d.file === prr || d.file.startsWith(dir)),
    );
    assert.ok(found.some((d) => d.rule === 'prr/approver'));

    // A directory of approval files: the proposals whose files it holds.
    const byDir = runKep([
      'lint',
      '--repo',
      repo.root,
      '--format',
      'json',
      'keps/prod-readiness/sig-network',
    ]);
    assert.deepEqual(
      proposalsOf(diagnosticsOf(byDir.stdout).filter((d) => !d.file.startsWith('keps/prod-readiness/'))),
      proposalsOf(whole.filter((d) => d.file.startsWith('keps/sig-network/5266-'))),
    );

    // A shared input (the approvers list) names every proposal.
    const shared = runKep(['lint', '--repo', repo.root, '--format', 'json', 'OWNERS_ALIASES']);
    assert.deepEqual(diagnosticsOf(shared.stdout), whole);
  } finally {
    repo.dispose();
  }
});

const git = (cwd: string, args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A git work tree holding a copy of the example repository below `docs/proposals`, in one commit. */
function nestedCopy(): { top: string; root: string; dispose(): void } {
  const top = realpathSync(mkdtempSync(path.join(tmpdir(), 'kepkit-monorepo-')));
  const root = path.join(top, 'docs/proposals');
  mkdirSync(root, { recursive: true });
  cpSync(examplesRoot, root, { recursive: true });
  rmSync(path.join(root, '.git'), { recursive: true, force: true });
  git(top, ['init', '-q']);
  git(top, ['add', '-A']);
  git(top, ['commit', '-q', '-m', 'copy the proposals']);
  return { top, root, dispose: () => rmSync(top, { recursive: true, force: true }) };
}

test('repo discovery: from inside a copy of the proposals in another project, the copy is the repository', () => {
  const nested = nestedCopy();
  try {
    const fromRoot = runKep(['lint', '--format', 'json'], { cwd: nested.root });
    const fromKep = runKep(['lint', '--format', 'json'], {
      cwd: path.join(nested.root, 'keps/sig-node/5101-pod-log-budgets'),
    });
    const direct = runKep(['lint', '--format', 'json', '--repo', nested.root]);
    assert.equal(direct.status, 1, direct.stderr);
    assert.equal(fromRoot.stdout, direct.stdout, fromRoot.stderr);
    assert.equal(fromKep.status, 1, fromKep.stderr);
    // Run from a proposal's directory, no PATH: the whole repository it belongs to.
    assert.equal(fromKep.stdout, direct.stdout);

    // Above the copy, the git work tree is the nearest: it holds no process, and says what it looked for.
    const above = runKep(['lint'], { cwd: nested.top });
    assert.equal(above.status, 2);
    assert.match(above.stderr, /no known enhancement process found/);
  } finally {
    nested.dispose();
  }
});

test('kep history and kep index: a repository below a git work tree says whose history it reads', () => {
  const nested = nestedCopy();
  try {
    const history = runKep(['history', '--repo', nested.root, '--format', 'json']);
    assert.equal(history.status, 0, history.stderr);
    assert.match(
      history.stderr,
      new RegExp(
        `kep: history from the git repository at ${nested.top.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, of which this repository is the subdirectory docs/proposals`,
      ),
    );

    const out = path.join(nested.top, 'index.json');
    const index = runKep(['index', '--repo', nested.root, '--format', 'kepkit', '--output', out]);
    assert.equal(index.status, 0, index.stderr);
    assert.match(index.stderr, /history from the git repository at/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { history: Record<string, unknown> };
    const head = git(nested.top, ['rev-parse', 'HEAD']).trim();
    assert.deepEqual(written.history, {
      available: true,
      gitRepository: nested.top,
      subdirectory: 'docs/proposals',
      head,
    });
  } finally {
    nested.dispose();
  }
});

test('kep history at the top of its own work tree says nothing about where the history comes from', () => {
  const top = realpathSync(mkdtempSync(path.join(tmpdir(), 'kepkit-own-')));
  try {
    cpSync(examplesRoot, top, { recursive: true });
    git(top, ['init', '-q']);
    git(top, ['add', '-A']);
    git(top, ['commit', '-q', '-m', 'proposals']);
    const history = runKep(['history', '--repo', top, '--format', 'json']);
    assert.equal(history.status, 0, history.stderr);
    assert.doesNotMatch(history.stderr, /history from the git repository/);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('kep query: a status, stage or participating SIG that no proposal can have is a usage error with a suggestion', () => {
  const cases: [string[], RegExp][] = [
    [['--status', 'implementd'], /--status implementd: no proposal has it .*; did you mean "implemented"\?/],
    [['--stage', 'gamma'], /--stage gamma: no proposal has it \(the process has alpha, beta, stable/],
    [['--stage', 'beta,stabel'], /--stage stabel: .*did you mean "stable"\?/],
    [['--participating-sig', 'sig-nod'], /--participating-sig sig-nod: .*did you mean "sig-node"\?/],
    [['--sig', 'sig-nodex'], /no SIGs match any of: sig-nodex; did you mean "sig-node"\?/],
  ];
  for (const [flags, message] of cases) {
    const run = runKep(['query', '--repo', corpusRoot, ...flags]);
    assert.equal(run.status, 2, `${flags.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
  // Values the repository's own metadata uses are fine, even outside the process's list.
  for (const flags of [
    ['--status', 'superseded'],
    ['--stage', 'none'],
    ['--status', 'implemented'],
  ]) {
    const run = runKep(['query', '--repo', corpusRoot, '--format', 'json', ...flags]);
    assert.equal(run.status, 0, `${flags.join(' ')}: ${run.stderr}`);
    assert.ok((JSON.parse(run.stdout) as unknown[]).length > 0, flags.join(' '));
  }
});
