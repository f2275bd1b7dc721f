import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot, runKep } from '../../testing/fixtures.js';

const bundle = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements-history.bundle');
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

interface JsonHistory {
  kep: number | null;
  path: string;
  events: { date: string; commit: string; field: string; from: string | null; to: string | null }[];
}

describe('kep history on the kubernetes/enhancements bundle', () => {
  let dir: string;
  let repo: string;
  let cacheDir: string;
  /** Runs share one cache directory, so that only the first one reads the whole history. */
  const kep = (args: string[], options: { cwd?: string; cache?: string } = {}) =>
    runKep(options.cwd ? args : [...args, '--repo', repo], {
      cwd: options.cwd,
      env: { KEPKIT_CACHE_DIR: options.cache ?? cacheDir },
    });

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kepkit-history-cli-'));
    git(dir, ['clone', '--quiet', bundle, 'repo']);
    repo = path.join(dir, 'repo');
    cacheDir = path.join(dir, 'cache');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--format json: [{kep, path, events: [{date, commit, field, from, to}]}], a moved KEP as one entry', () => {
    const run = kep(['history', '1797', '2400', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as JsonHistory[];
    assert.deepEqual(
      rows.map((row) => [row.kep, row.path]),
      [
        [1797, 'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods'],
        [2400, 'keps/sig-node/2400-node-swap'],
      ],
    );
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), ['kep', 'path', 'events', 'proposalId']);
      assert.equal((row as { proposalId?: string }).proposalId, String(row.kep));
      for (const event of row.events) {
        assert.deepEqual(Object.keys(event), ['date', 'commit', 'field', 'from', 'to']);
        assert.match(event.date, ISO_8601);
        assert.match(event.commit, /^[0-9a-f]{40}$/);
      }
    }
    // 1797 was created in sig-network and moved to sig-node: its creation is in the same timeline.
    const stages = rows[0]!.events.filter((event) => event.field === 'stage');
    assert.deepEqual(
      stages.map((event) => [event.from, event.to]),
      [
        [null, 'alpha'],
        ['alpha', 'beta'],
        ['beta', 'stable'],
      ],
    );
    const created = git(repo, [
      'log',
      '--diff-filter=A',
      '--full-history',
      '--format=%H',
      '--',
      'keps/sig-network/1797-configure-fqdn-as-hostname-for-pods/kep.yaml',
    ]).trim();
    assert.equal(stages[0]!.commit, created);
  });

  test('the table shows each KEP with its moves and changes; the cached run prints the same', () => {
    const cold = kep(['history', '1797', '--no-cache']);
    assert.equal(cold.status, 0, cold.stderr);
    assert.match(cold.stdout, /^KEP-1797 {2}Configure FQDN as Hostname for Pods$/m);
    assert.match(cold.stdout, /moved from keps\/sig-network\/1797-configure-fqdn-as-hostname-for-pods\)/);
    assert.match(cold.stdout, /^ {2}2020-08-27 {2}d3bff6b1fd {2}stage +alpha -> beta$/m);
    const warm = kep(['history', '1797']);
    assert.equal(warm.stdout, cold.stdout);
    const cacheFiles = readdirSync(cacheDir, { recursive: true }).map(String);
    assert.ok(
      cacheFiles.some((file) => file.endsWith('history.json')),
      cacheFiles.join(', '),
    );
  });

  test('--since keeps changes on or after the date; --format csv and md', () => {
    const csv = kep(['history', '--since', '2025-01-01', '--format', 'csv']);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'kep,path,date,commit,field,from,to');
    assert.ok(lines.length > 100);
    for (const line of lines.slice(1)) {
      const date = line.split(',')[2]!;
      assert.match(date, ISO_8601);
      assert.ok(date.slice(0, 10) >= '2025-01-01', line);
    }
    const md = kep(['history', '2400', '--format', 'md']);
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^\| KEP \| Path \| Date \| Commit \| Field \| From \| To \|\n\|---/);
    assert.match(md.stdout, /\| 2400 \| `keps\/sig-node\/2400-node-swap` \| \d{4}-\d{2}-\d{2} \|/);
  });

  test('--stuck lists KEPs in alpha or beta for more than --releases releases', () => {
    const three = kep(['history', '--stuck', '--format', 'json']);
    assert.equal(three.status, 0, three.stderr);
    const rows = JSON.parse(three.stdout) as {
      kep: number;
      stage: string;
      releases: number;
      since: string;
    }[];
    assert.ok(rows.length > 10);
    for (const row of rows) {
      assert.ok(['alpha', 'beta'].includes(row.stage));
      assert.ok(row.releases > 3);
    }
    const ten = JSON.parse(kep(['history', '--stuck', '--releases', '10', '--format', 'json']).stdout) as {
      releases: number;
    }[];
    assert.ok(ten.length > 0 && ten.length < rows.length);
    assert.ok(ten.every((row) => row.releases > 10));
    const table = kep(['history', '--stuck', '--releases', '10', '--release', 'v1.37']);
    assert.match(table.stdout, /^KEP +STAGE +SINCE +RELEASES/);
    assert.match(table.stdout, /KEPs in alpha or beta for more than 10 releases \(current release v1\.37\)/);
  });

  test('without --repo: the enclosing git repository', () => {
    const inside = kep(['history', '2400', '--format', 'json'], { cwd: path.join(repo, 'keps', 'sig-node') });
    assert.equal(inside.status, 0, inside.stderr);
    assert.deepEqual(
      (JSON.parse(inside.stdout) as JsonHistory[]).map((row) => row.path),
      ['keps/sig-node/2400-node-swap'],
    );
  });

  test('bad arguments exit 2 with a message', () => {
    for (const [args, message] of [
      [['history', 'abc'], /no proposal at abc in the history of /],
      [['history', '999999'], /no kep\.yaml with number 999999/],
      [['history', '--since', 'last week'], /--since last week: expected a date/],
      [['history', '--releases', '2'], /go with --stuck/],
      [['history', '--stuck', '--release', '1.30'], /--release 1\.30: expected vMAJOR\.MINOR/],
      [['history', '--stuck', '--since', '2024-01-01'], /cannot be used with --stuck/],
    ] as const) {
      const run = kep([...args]);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });
});

describe('kep history on bad repositories', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kepkit-history-bad-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ GIT_CEILING_DIRECTORIES: dir });

  test('a directory that is not a git repository', () => {
    const plain = path.join(dir, 'plain');
    mkdirSync(path.join(plain, 'keps'), { recursive: true });
    const run = runKep(['history', '--repo', plain], { env: env() });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^kep: .*plain: not a git repository/);
  });

  test('a shallow clone', () => {
    const origin = path.join(dir, 'origin');
    mkdirSync(path.join(origin, 'keps/sig-node/1-a'), { recursive: true });
    git(origin, ['init', '--quiet']);
    for (const stage of ['alpha', 'beta']) {
      writeFileSync(path.join(origin, 'keps/sig-node/1-a/kep.yaml'), `kep-number: 1\nstage: ${stage}\n`);
      git(origin, ['add', '-A']);
      git(origin, ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', stage]);
    }
    git(dir, ['clone', '--quiet', '--depth', '1', `file://${origin}`, 'shallow']);
    const run = runKep(['history', '--repo', path.join(dir, 'shallow')], { env: env() });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /shallow clone.*git fetch --unshallow/);
    const full = runKep(['history', '--repo', origin, '--format', 'json'], { env: env() });
    assert.equal(full.status, 0, full.stderr);
    assert.equal((JSON.parse(full.stdout) as JsonHistory[])[0]!.events.length, 2);
  });

  test('git missing from PATH', () => {
    const run = runKep(['history', '--repo', dir, '--profile', 'kubernetes'], {
      env: { ...env(), PATH: path.join(dir, 'empty') },
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /git is not installed or not on PATH/);
  });

  test('--help shows examples', () => {
    const run = runKep(['history', '--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Examples:\n {2}kep history/);
    assert.match(run.stdout, /--stuck/);
    assert.match(run.stdout, /--format <format>/);
  });
});
