import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hashBytes } from '../../load/files.js';
import { corpusRoot, exampleRepo, makeWritable, runKep, withDisposed } from '../../testing/fixtures.js';

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

const EXAMPLE_README = 'keps/sig-node/5101-pod-log-budgets/README.md';
/** Hostile input gets a deadline far above what it takes (< 1 s) and far below what it took (minutes). */
const HOSTILE = { timeout: 10_000 };

test('kep toc: a heading of 200,000 unclosed backticks is checked in linear time, its entry as mdtoc writes it', () => {
  withDisposed(exampleRepo(), (repo) => {
    // Each backtick of an unclosed run made mdtoc's port rescan the rest of the line: minutes, not seconds.
    repo.write(EXAMPLE_README, `# KEP-5101: T\n\n<!-- toc -->\n<!-- /toc -->\n\n## ${'`'.repeat(200_000)}\n`);
    const run = runKep(['toc', '--check', '--repo', repo.root, repo.file(EXAMPLE_README)], HOSTILE);
    assert.equal(run.status, 1, `status ${run.status} (null: killed after 10 s): ${run.stderr}`);
    assert.match(run.stderr, /5101-pod-log-budgets\/README\.md:3: table of contents differs/);
    assert.ok(
      run.stdout.includes(`\n+- [${'`'.repeat(200_000)}](#)\n`),
      'the entry is the literal backticks',
    );
  });
});

test('kep toc and kep lint: markup that would keep mdtoc rescanning for minutes is reported as not checked, naming the file', () => {
  withDisposed(exampleRepo(), (repo) => {
    // An unclosed `[` makes gomarkdown look for its `]` to the end of the line, from every `[`.
    repo.write(EXAMPLE_README, `# KEP-5101: T\n\n<!-- toc -->\n<!-- /toc -->\n\n## ${'['.repeat(100_000)}\n`);
    const toc = runKep(['toc', '--check', '--repo', repo.root, repo.file(EXAMPLE_README)], HOSTILE);
    assert.equal(toc.status, 1, `status ${toc.status} (null: killed after 10 s): ${toc.stderr}`);
    assert.match(
      toc.stderr,
      /^kep: keps\/sig-node\/5101-pod-log-budgets\/README\.md: table of contents not checked: its headings could not be computed within the work budget/m,
    );
    assert.equal(toc.stdout, '');

    const lint = runKep(
      [
        'lint',
        '--no-cache',
        '--format',
        'json',
        '--rule',
        'readme/signoff-checklist=off',
        '--repo',
        repo.root,
      ],
      HOSTILE,
    );
    assert.notEqual(lint.status, null, 'kep lint finished within 10 s');
    const findings = JSON.parse(lint.stdout) as { rule: string; file: string; message: string }[];
    const toc5101 = findings.filter(
      (finding) => finding.rule === 'readme/toc' && finding.file === EXAMPLE_README,
    );
    assert.equal(toc5101.length, 1);
    assert.match(toc5101[0]!.message, /not checked: .*work budget/);
  });
});

test('kep toc: the diff quotes a path with a newline, a quote, ESC and non-ASCII as git does; git apply takes it and changes only that file', () => {
  withDisposed(exampleRepo(), (repo) => {
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: repo.root,
        encoding: 'utf8',
      });
    // A name that, unquoted, would put its own `+++` line into the patch.
    const dir = 'keps/sig-node/5101-x\n+++ b/evil"\x1b[31m\\ä';
    const readme = `${dir}/README.md`;
    const broken = repo.read(EXAMPLE_README).replace('- [Summary](#summary)', '- [Summary](#sumary)');
    repo.remove('.git');
    assert.equal(git('init', '-q').status, 0);
    repo.write(readme, broken);
    assert.equal(git('add', '-A').status, 0);
    assert.equal(git('commit', '-qm', 'weird path').status, 0);

    const check = runKep(['toc', '--check', '--repo', repo.root, repo.file(readme)]);
    assert.equal(check.status, 1, check.stderr);
    // git's own quoting of the name, as `git ls-files` prints it.
    const quoted = git('ls-files', readme).stdout.trim();
    assert.equal(quoted, '"keps/sig-node/5101-x\\n+++ b/evil\\"\\033[31m\\\\\\303\\244/README.md"');
    const header = check.stdout.split('\n').slice(0, 2);
    assert.deepEqual(header, [
      `--- ${quoted.replace('"keps', '"a/keps')}\t`,
      `+++ ${quoted.replace('"keps', '"b/keps')}\t`,
    ]);
    // No raw control character or line break of the name reaches the terminal.
    assert.equal(
      check.stderr.split('\n')[0],
      'kep: keps/sig-node/5101-x\\n+++ b/evil"\\x1b[31m\\ä/README.md:3: table of contents differs from the headings',
    );

    const patch = path.join(repo.root, '..', `${path.basename(repo.root)}.patch`);
    writeFileSync(patch, check.stdout);
    try {
      const apply = git('apply', '--check', '-v', patch);
      assert.equal(apply.status, 0, apply.stderr);
      assert.equal(git('apply', patch).status, 0);
    } finally {
      rmSync(patch, { force: true });
    }
    assert.equal(git('status', '--porcelain').stdout, ` M ${quoted}\n`);
    assert.equal(repo.read(readme), repo.read(EXAMPLE_README));
    assert.equal(runKep(['toc', '--check', '--repo', repo.root, repo.file(readme)]).status, 0);
  });
});
