// The pre-commit hooks (.pre-commit-hooks.yaml), run as pre-commit runs them: the entry with the staged files
// (`git diff --cached --name-only --diff-filter=ACMRTUXB`, or every tracked file for `--all-files`) that match
// `files` and not `exclude`. pre-commit itself is not installed here (PyPI is unreachable from this machine), so
// the test applies its file selection; `kep` is the build under test.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { Diagnostic } from './model/index.js';
import { cliPath, exampleRepo, gitIn, projectRoot, runKep, type TempRepo } from './testing/fixtures.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(path.join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = (id: string) => {
  const found = hooks.find((candidate) => candidate.id === id);
  assert.ok(found, `hook ${id}`);
  return found;
};

const git = gitIn;

/** The examples, committed, as a repository that uses the hooks. */
function hookRepo(): TempRepo {
  const repo = exampleRepo();
  rmSync(repo.file('.git'), { recursive: true, force: true });
  git(repo.root, 'init', '-q', '-b', 'main');
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-q', '-m', 'examples');
  return repo;
}

/** The files pre-commit passes a hook: staged (or every tracked one), through `files` and `exclude` (re.search). */
function filesFor(repo: TempRepo, spec: Hook, allFiles = false): string[] {
  const listed = allFiles
    ? git(repo.root, 'ls-files', '-z')
    : git(repo.root, 'diff', '--cached', '--name-only', '--diff-filter=ACMRTUXB', '-z');
  const files = new RegExp(spec.files ?? '');
  const exclude = new RegExp(spec.exclude ?? '^$');
  return listed.split('\0').filter((file) => file !== '' && files.test(file) && !exclude.test(file));
}

/** The hook's entry (split as shlex would: it has no quotes) with `kep` the build under test, in the repo root. */
function runHook(repo: TempRepo, spec: Hook, files: string[]) {
  assert.equal(spec.language, 'node');
  assert.equal(spec.pass_filenames, true);
  assert.doesNotMatch(spec.entry, /["'\\]/);
  const [command, ...args] = spec.entry.split(/\s+/);
  assert.equal(command, 'kep');
  return runKep([...args, ...files], { cwd: repo.root });
}

test('kep-lint hook: the staged files select their proposals, other files are skipped, none is a pass', () => {
  const repo = hookRepo();
  try {
    const spec = hook('kep-lint');
    const readme = 'keps/sig-storage/5342-volume-expansion-quotas/README.md';
    repo.edit(readme, '## Summary', '## Summary\n\nTBD: fill in');
    repo.write('cmd/main.go', 'package main\n');
    git(repo.root, 'add', readme, 'cmd/main.go');
    const files = filesFor(repo, spec);
    assert.deepEqual(files.sort(), ['cmd/main.go', readme]);
    const run = runHook(repo, spec, [...files, '--format', 'json']);
    const oracle = runKep(['lint', readme, '--format', 'json'], { cwd: repo.root });
    assert.equal(run.status, oracle.status, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout) as Diagnostic[], JSON.parse(oracle.stdout) as Diagnostic[]);
    assert.ok((JSON.parse(run.stdout) as Diagnostic[]).every((d) => d.file.startsWith(path.dirname(readme))));

    // Only a file that belongs to no proposal: the hook passes, and says so.
    git(repo.root, 'commit', '-q', '-m', 'readme and go');
    repo.write('cmd/main.go', 'package main // changed\n');
    git(repo.root, 'add', 'cmd/main.go');
    const goOnly = runHook(repo, spec, filesFor(repo, spec));
    assert.equal(goOnly.status, 0);
    assert.match(goOnly.stderr, /none of the 1 file given names a proposal; nothing checked/);

    // `pre-commit run --all-files`: every tracked file, the same findings as a lint of the whole repository.
    const all = runHook(repo, spec, [...filesFor(repo, spec, true), '--format', 'json']);
    const whole = runKep(['lint', '--format', 'json'], { cwd: repo.root });
    assert.equal(all.status, whole.status);
    assert.deepEqual(JSON.parse(all.stdout), JSON.parse(whole.stdout));
  } finally {
    repo.dispose();
  }
});

test('kep-toc hook: rewrites an outdated table of contents among the staged READMEs, leaves the rest alone', () => {
  const repo = hookRepo();
  try {
    const spec = hook('kep-toc');
    const outdated = 'keps/sig-node/5355-container-restart-reasons/README.md';
    const current = 'keps/sig-node/5101-pod-log-budgets/README.md';
    assert.equal(runKep(['toc', '--check', current], { cwd: repo.root }).status, 0);
    assert.equal(runKep(['toc', '--check', outdated], { cwd: repo.root }).status, 1);
    repo.edit(current, /$/, '\n');
    repo.edit(outdated, /$/, '\n');
    repo.write('docs/notes.md', '# Notes without a table of contents\n');
    git(repo.root, 'add', '-A');
    const files = filesFor(repo, spec);
    assert.deepEqual(files.sort(), [outdated, current].sort(), 'markdown outside keps/ is not passed');
    const before = repo.read(current);
    const run = runHook(repo, spec, files);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^updated keps\/sig-node\/5355-container-restart-reasons\/README\.md$/m);
    // pre-commit fails the commit because the hook changed a file; the fix is what kep toc --check asks for.
    assert.equal(runKep(['toc', '--check', outdated], { cwd: repo.root }).status, 0);
    assert.equal(repo.read(current), before);

    // --all-files: every README under keps/, the skip list's (keps/README.md) skipped, nothing else to write.
    const all = runHook(repo, spec, filesFor(repo, spec, true));
    assert.equal(all.status, 0, all.stderr);
    assert.equal(all.stdout, '');
    assert.match(all.stderr, /keps\/README\.md: skipped/);
  } finally {
    repo.dispose();
  }
});

test('the hooks are the kep bin of this package', () => {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };
  assert.equal(pkg.bin.kep, 'dist/cli/main.js');
  // pre-commit installs a node hook with npm install and npm pack, which must build the bin first.
  assert.equal(pkg.scripts.prepack, 'npm run build');
  assert.ok(cliPath.endsWith(path.join('dist', 'cli', 'main.js')));
  assert.deepEqual(hooks.map((spec) => spec.id).sort(), ['kep-lint', 'kep-toc']);
});
