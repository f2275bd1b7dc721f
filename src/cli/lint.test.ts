import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { cliPath, corpusRepo, lineOf, runKep, type TempRepo, withDisposed } from '../testing/fixtures.js';
import { sarifValidator } from '../testing/sarif-schema.js';

const ROOTLESS = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const SLICES = 'keps/sig-network/0752-endpointslices';
const PRR = 'keps/prod-readiness/sig-node/2033.yaml';
const SLICES_YAML = `${SLICES}/kep.yaml`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\u001b\[/;
const STACK = /^\s+at /m;

/** Two corpus KEPs: one PRR approver who is not a PRR approver (an error), one misspelt status (a warning). */
function brokenRepo(): TempRepo {
  const repo = corpusRepo([ROOTLESS, SLICES]);
  repo.edit(PRR, 'approver: "@soltysh"', 'approver: "@AkihiroSuda"');
  repo.edit(SLICES_YAML, /^status: implemented$/m, 'status: implemnted');
  return repo;
}

const withRepo = withDisposed;

const lintJson = (repo: TempRepo, ...args: string[]) => {
  const run = runKep(['lint', '--repo', repo.root, '--format', 'json', ...args]);
  assert.doesNotMatch(run.stderr, STACK);
  return { ...run, diagnostics: JSON.parse(run.stdout) as Diagnostic[] };
};
const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`);
const find = (diagnostics: Diagnostic[], rule: string) => diagnostics.filter((d) => d.rule === rule);

test('lint --format json: the error and the warning with their positions; exit 1', () =>
  withRepo(brokenRepo(), (repo) => {
    const { status, diagnostics } = lintJson(repo);
    assert.equal(status, 1);
    const prrLine = lineOf(repo.read(PRR), '@AkihiroSuda');
    assert.deepEqual(errorsOf(diagnostics), [`prr/approver ${PRR}:${prrLine}:13`]);
    const [warning] = find(diagnostics, 'metadata/status');
    assert.deepEqual(warning, {
      rule: 'metadata/status',
      severity: 'warning',
      file: SLICES_YAML,
      line: lineOf(repo.read(SLICES_YAML), 'status:'),
      column: 9,
      message: warning!.message,
      kep: 752,
    });
    assert.match(warning!.message, /invalid status "implemnted"/);
    for (const d of diagnostics) {
      assert.deepEqual(
        Object.keys(d).filter((key) => !['endLine', 'endColumn', 'fix'].includes(key)),
        ['rule', 'severity', 'file', 'line', 'column', 'message', 'kep'],
      );
    }
  }));

test('lint: exit 0 when there are only warnings, and --strict turns them into errors (exit 1)', () =>
  withRepo(brokenRepo(), (repo) => {
    repo.edit(PRR, 'approver: "@AkihiroSuda"', 'approver: "@soltysh"');
    const plain = lintJson(repo);
    assert.equal(plain.status, 0);
    assert.deepEqual(errorsOf(plain.diagnostics), []);
    assert.equal(find(plain.diagnostics, 'metadata/status').length, 1);
    const strict = lintJson(repo, '--strict');
    assert.equal(strict.status, 1);
    assert.equal(strict.diagnostics.length, plain.diagnostics.length);
    assert.ok(strict.diagnostics.every((d) => d.severity === 'error'));
  }));

test('lint (stylish, piped): grouped by file, no colour, a summary line; --quiet shows errors only', () =>
  withRepo(brokenRepo(), (repo) => {
    const run = runKep(['lint', '--repo', repo.root]);
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stdout, ANSI);
    const lines = run.stdout.split('\n');
    const prrHeader = lines.indexOf(PRR);
    assert.notEqual(prrHeader, -1);
    assert.match(
      lines[prrHeader + 1]!,
      /^ {2}\d+:13 +error +"@AkihiroSuda" is not a PRR approver .* +prr\/approver$/,
    );
    const slicesHeader = lines.indexOf(SLICES_YAML);
    assert.match(
      lines.slice(slicesHeader + 1).join('\n'),
      /warning +invalid status "implemnted".* +metadata\/status/,
    );
    assert.match(run.stdout, /✖ \d+ problems \(1 error, \d+ warnings?\)\n$/);

    const quiet = runKep(['lint', '--repo', repo.root, '--quiet']);
    assert.equal(quiet.status, 1);
    assert.doesNotMatch(quiet.stdout, /^ +\d+:\d+ +warning /m);
    assert.match(quiet.stdout, /prr\/approver/);
    assert.match(quiet.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
  }));

test('lint --format github: workflow commands with file, line, col and title', () =>
  withRepo(brokenRepo(), (repo) => {
    const run = runKep(['lint', '--repo', repo.root, '--format', 'github']);
    assert.equal(run.status, 1);
    const line = lineOf(repo.read(PRR), '@AkihiroSuda');
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(
      lines.every((l) =>
        /^::(error|warning) file=[^,]+,line=\d+,col=\d+,(.*,)?title=[a-z-]+\/[a-z-]+::/.test(l),
      ),
    );
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          `::error file=${PRR},line=${line},col=13,title=prr/approver::"@AkihiroSuda" is not a PRR approver`,
        ),
      ),
    );
    assert.ok(
      lines.some(
        (l) => l.startsWith(`::warning file=${SLICES_YAML},line=`) && l.includes('title=metadata/status::'),
      ),
    );
  }));

test('lint --format sarif: valid SARIF 2.1.0 for code scanning; exit 1', () =>
  withRepo(brokenRepo(), (repo) => {
    const run = runKep(['lint', '--repo', repo.root, '--format', 'sarif']);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    const results = log.runs[0].results as { ruleId: string; level: string; ruleIndex: number }[];
    const error = results.find((r) => r.ruleId === 'prr/approver')!;
    assert.equal(error.level, 'error');
    assert.equal(log.runs[0].tool.driver.rules[error.ruleIndex].id, 'prr/approver');
    assert.ok(results.some((r) => r.ruleId === 'metadata/status' && r.level === 'warning'));
  }));

test('lint --rule ID=off|warn|error changes what is reported and the exit code', () =>
  withRepo(brokenRepo(), (repo) => {
    const off = lintJson(repo, '--rule', 'prr/approver=off');
    assert.equal(off.status, 0);
    assert.equal(find(off.diagnostics, 'prr/approver').length, 0);

    const warn = lintJson(repo, '--rule', 'prr/approver=warn');
    assert.equal(warn.status, 0);
    assert.equal(find(warn.diagnostics, 'prr/approver')[0]?.severity, 'warning');

    const error = lintJson(repo, '--rule', 'metadata/status=error', '--rule', 'prr=off');
    assert.equal(error.status, 1);
    assert.deepEqual(errorsOf(error.diagnostics), [
      `metadata/status ${SLICES_YAML}:${lineOf(repo.read(SLICES_YAML), 'status:')}:9`,
    ]);
  }));

test('lint: usage and fatal errors exit 2 with a one-line message and no stack trace', () =>
  withRepo(brokenRepo(), (repo) => {
    const cases: [string[], RegExp][] = [
      [['--rule', 'no/such-rule=off'], /unknown rule "no\/such-rule"/],
      [['--rule', 'metadata/status=loud'], /expected ID=off\|warn\|error/],
      [['--format', 'xml'], /xml/],
      [['--release', '1.36'], /--release 1\.36: expected vMAJOR\.MINOR/],
      [['--jobs', '0'], /--jobs 0: expected a number of threads/],
      [['--bogus'], /unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const run = runKep(['lint', '--repo', repo.root, ...args]);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, STACK);
      assert.equal(run.stdout, '');
    }
    // Fatal input problems: a groups file that names no group (read line by line, as upstream does), and a
    // repo without keps/.
    repo.write('sigs.yaml', 'sigs:\n  - name: Node\n');
    const badGroups = runKep(['lint', '--repo', repo.root]);
    assert.equal(badGroups.status, 2);
    assert.match(badGroups.stderr, /^kep: sigs\.yaml: no groups found/m);
    assert.doesNotMatch(badGroups.stderr, STACK);
    const empty = runKep(['lint', '--repo', repo.file('keps/sig-node')]);
    assert.equal(empty.status, 2);
    assert.match(
      empty.stderr,
      /no known enhancement process found \(looked for kubernetes: keps\/NNNN-kep-template\/kep\.yaml or keps; openshift: guidelines\/enhancement_template\.md\); pass --profile FILE/,
    );
    const named = runKep(['lint', '--repo', repo.file('keps/sig-node'), '--profile', 'kubernetes']);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /keps: no such directory; is .* an enhancements repository\?/);

    const missing = runKep(['lint', '--repo', path.join(repo.root, 'nowhere')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--repo .*nowhere: not a directory/);
  }));

test('lint PATH…: only the proposals under the given directories or files', () =>
  withRepo(brokenRepo(), (repo) => {
    const onlySlices = runKep(['lint', '--format', 'json', SLICES], { cwd: repo.root });
    assert.equal(onlySlices.status, 0);
    const files = (JSON.parse(onlySlices.stdout) as Diagnostic[]).map((d) => d.file);
    assert.ok(files.length > 0);
    assert.ok(files.every((file) => file.startsWith(`${SLICES}/`)));

    const byFile = runKep(['lint', '--format', 'json', `${ROOTLESS}/kep.yaml`], { cwd: repo.root });
    assert.equal(byFile.status, 1);
    assert.deepEqual(errorsOf(JSON.parse(byFile.stdout)), [
      `prr/approver ${PRR}:${lineOf(repo.read(PRR), '@AkihiroSuda')}:13`,
    ]);

    // From a subdirectory, paths are relative to the current directory.
    const fromSubdir = runKep(['lint', '--format', 'json', '.'], { cwd: repo.file(SLICES) });
    assert.equal(fromSubdir.status, 0);
    assert.deepEqual(
      (JSON.parse(fromSubdir.stdout) as Diagnostic[]).map((d) => d.file),
      (JSON.parse(onlySlices.stdout) as Diagnostic[]).map((d) => d.file),
    );

    const outside = runKep(['lint', '/'], { cwd: repo.root });
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /outside the repository/);
  }));

test('kep.config.json: rules, groups, ownersAliases and release are honoured; a bad config exits 2', () =>
  withRepo(corpusRepo([ROOTLESS, SLICES, 'keps/sig-node/5607-hostnetwork-userns']), (repo) => {
    repo.edit(PRR, 'approver: "@soltysh"', 'approver: "@AkihiroSuda"');
    repo.edit(
      SLICES_YAML,
      /^owning-sig: sig-network$/m,
      'owning-sig: sig-network\nparticipating-sigs:\n  - sig-netwrok',
    );
    repo.write('data/groups.yaml', repo.read('sigs.yaml'));
    repo.write('data/aliases.yaml', repo.read('OWNERS_ALIASES'));
    repo.remove('sigs.yaml');
    repo.remove('OWNERS_ALIASES');

    // Without a config: neither file is found, so their checks are skipped and the user is told.
    const bare = lintJson(repo);
    assert.match(bare.stderr, /no groups file found/);
    assert.match(bare.stderr, /no OWNERS_ALIASES found/);
    assert.equal(bare.status, 0);
    assert.equal(find(bare.diagnostics, 'metadata/participating-sig').length, 0);

    repo.write(
      'kep.config.json',
      JSON.stringify({
        rules: { 'metadata/participating-sig': 'error', 'readme/*': 'off' },
        groups: 'data/groups.yaml',
        ownersAliases: 'data/aliases.yaml',
        release: 'v1.36',
      }),
    );
    const configured = lintJson(repo);
    assert.equal(configured.stderr, '');
    assert.equal(configured.status, 1);
    const prrLine = lineOf(repo.read(PRR), '@AkihiroSuda');
    assert.deepEqual(errorsOf(configured.diagnostics).sort(), [
      `metadata/participating-sig ${SLICES_YAML}:${lineOf(repo.read(SLICES_YAML), '  - sig-netwrok')}:5`,
      `prr/approver ${PRR}:${prrLine}:13`,
      // The config's release gates like --release: this v1.36 KEP's "Integration tests" is empty.
      `release/test-plan keps/sig-node/5607-hostnetwork-userns/README.md:${lineOf(repo.read('keps/sig-node/5607-hostnetwork-userns/README.md'), '##### Integration tests')}:1`,
      // release v1.36 makes this v1.36 alpha KEP actively alpha (the default, v1.37, does not).
      `sig-node/approvers keps/sig-node/5607-hostnetwork-userns/kep.yaml:16:5`,
    ]);
    assert.equal(find(configured.diagnostics, 'readme/links').length, 0);

    // A flag wins over the config.
    const flagged = lintJson(repo, '--rule', 'metadata/participating-sig=off', '--release', 'v1.37');
    assert.deepEqual(errorsOf(flagged.diagnostics), [`prr/approver ${PRR}:${prrLine}:13`]);

    for (const [config, message] of [
      ['{"rules": ', /kep\.config\.json: invalid JSON/],
      ['{"rules": {"metadata/status": "loud"}}', /kep\.config\.json: "rules\.metadata\/status"/],
      ['{"release": "1.36"}', /kep\.config\.json: "release": expected vMAJOR\.MINOR/],
      ['{"colour": true}', /kep\.config\.json: .*colour/],
    ] as const) {
      repo.write('kep.config.json', config);
      const run = runKep(['lint', '--repo', repo.root]);
      assert.equal(run.status, 2, config);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, STACK);
    }
  }));

test('lint (stylish): colour on a terminal, none with --no-color', (t) => {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip('script(1) is not available to provide a terminal');
    return;
  }
  return withRepo(brokenRepo(), (repo) => {
    // script(1) runs the command on a pseudo-terminal; its output is the terminal's.
    const onTty = (extra: string) =>
      spawnSync(
        'script',
        [
          '-qec',
          `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} lint --repo ${JSON.stringify(repo.root)} ${extra}`,
          '/dev/null',
        ],
        { encoding: 'utf8', env: { ...process.env, KEPKIT_CACHE_DIR: path.join(repo.root, '.cache') } },
      );
    const coloured = onTty('');
    assert.equal(coloured.status, 1);
    assert.match(coloured.stdout, ANSI);
    assert.match(coloured.stdout, /prr\/approver/);
    const plain = onTty('--no-color');
    assert.equal(plain.status, 1);
    assert.doesNotMatch(plain.stdout, ANSI);
    assert.match(plain.stdout, /prr\/approver/);
  });
});

test('lint --timing: each rule that ran and the loading time on stderr, the report unchanged', () =>
  withRepo(brokenRepo(), (repo) => {
    const plain = lintJson(repo, '--no-cache');
    const timed = lintJson(repo, '--no-cache', '--timing');
    assert.deepEqual(timed.diagnostics, plain.diagnostics);
    const rows = timed.stderr.trim().split('\n');
    assert.match(rows[0]!, /^Rule\s+Time \(ms\)\s+Relative$/);
    const names = rows.slice(1).map((row) => row.split(/\s+/)[0]);
    for (const name of ['(loading', 'metadata/status', 'prr/approver', 'readme/toc'])
      assert.ok(names.includes(name), name);
    // Sorted slowest first, with percentages that add up to the whole.
    const times = rows.slice(1).map((row) => Number(/\s([\d.]+)\s+[\d.]+%$/.exec(row)?.[1]));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const percent = rows.slice(1).reduce((sum, row) => sum + Number(/([\d.]+)%$/.exec(row)?.[1]), 0);
    assert.ok(Math.abs(percent - 100) < 2, String(percent));
    // Answered from the cache, no rule runs: said so instead of an empty table.
    const cache = { env: { KEPKIT_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'kepkit-timing-')) } };
    try {
      runKep(['lint', '--repo', repo.root], cache);
      assert.match(
        runKep(['lint', '--repo', repo.root, '--timing'], cache).stderr,
        /every proposal came from the cache; no rule ran/,
      );
    } finally {
      rmSync(cache.env.KEPKIT_CACHE_DIR, { recursive: true, force: true });
    }
  }));

test('lint cache: a finding about a path outside keps/ is redone when that path appears or goes', () =>
  withRepo(corpusRepo([ROOTLESS]), (repo) => {
    const readme = `${ROOTLESS}/README.md`;
    repo.edit(readme, '## Summary\n', '## Summary\n\nSee [the guide](../../../docs/guide.md).\n');
    const cache = { env: { KEPKIT_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'kepkit-paths-')) } };
    const links = () => {
      const run = runKep(['lint', '--repo', repo.root, '--format', 'json', '--timing'], cache);
      const found = (JSON.parse(run.stdout) as Diagnostic[]).filter(
        (d) => d.rule === 'readme/links' && d.message.includes('docs/guide.md'),
      );
      return { found, fromCache: /no rule ran/.test(run.stderr) };
    };
    try {
      const missing = links();
      assert.equal(missing.fromCache, false);
      assert.match(missing.found[0]?.message ?? '', /docs\/guide\.md, which does not exist/);
      // Nothing changed: answered from the cache, same finding.
      assert.deepEqual(links(), { found: missing.found, fromCache: true });
      repo.write('docs/guide.md', '# Guide\n');
      assert.deepEqual(links(), { found: [], fromCache: false });
      assert.deepEqual(links(), { found: [], fromCache: true });
      rmSync(repo.file('docs/guide.md'));
      assert.equal(links().found.length, 1);
    } finally {
      rmSync(cache.env.KEPKIT_CACHE_DIR, { recursive: true, force: true });
    }
  }));
