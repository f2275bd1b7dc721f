import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { kubernetesProfile } from '../../profile/index.js';
import { corpusRoot, projectRoot, runKep } from '../../testing/fixtures.js';
import { buildHistory, filterHistory, HistoryError, type KepHistory, loadHistory } from './history.js';
import { readTrackedFieldsByLine, type TrackedKeys } from './history-fields.js';
import { stuckProposals } from './history-stuck.js';

const bundle = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements-history.bundle');

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
}

function cloneBundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-history-'));
  git(dir, ['clone', '--quiet', bundle, 'repo']);
  return path.join(dir, 'repo');
}

/** A scratch repository with commits made one by one, with fixed dates. */
function scratchRepo() {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-history-scratch-'));
  git(root, ['init', '--quiet', '--initial-branch=main']);
  let day = 0;
  return {
    root,
    write(file: string, text: string) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    },
    commit(message: string): { sha: string; date: string } {
      day++;
      const date = `2024-01-${String(day).padStart(2, '0')}T12:00:00+02:00`;
      git(root, ['add', '-A']);
      git(root, ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', message], {
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      });
      return { sha: git(root, ['rev-parse', 'HEAD']).trim(), date };
    },
    remove: (dir: string) => rmSync(path.join(root, dir), { recursive: true, force: true }),
    git: (args: string[]) => git(root, args),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

function kepYaml(fields: Record<string, string | Record<string, string>>): string {
  const lines = ['title: A proposal', 'authors:', '  - "@someone"', 'owning-sig: sig-node'];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') lines.push(`${key}: ${value}`);
    else lines.push(`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${k}: "${v}"`));
  }
  return `${lines.join('\n')}\n`;
}

/** What `git log -p` shows for `stage:` lines, oldest first: one [date, commit, value] per commit that changed it. */
function stageChangesFromGitLog(repo: string, files: string[]): [string, string, string | null][] {
  const out = git(repo, ['log', '-p', '-M', '--date=iso-strict', '--format=COMMIT %H %ad', '--', ...files]);
  const changes: [string, string, string | null][] = [];
  let commit: { sha: string; date: string } | undefined;
  let removed: string | null | undefined;
  let added: string | null | undefined;
  const value = (raw: string) => {
    const text = raw
      .replace(/\s+#.*$/, '')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return text === '' ? null : text;
  };
  const flush = () => {
    if (commit && (removed !== undefined || added !== undefined) && (removed ?? null) !== (added ?? null))
      changes.push([commit.date, commit.sha, added ?? null]);
  };
  for (const line of out.split('\n')) {
    const header = /^COMMIT (\S+) (\S+)$/.exec(line);
    if (header) {
      flush();
      commit = { sha: header[1]!, date: header[2]! };
      removed = added = undefined;
    } else if (line.startsWith('+stage:')) added = value(line.slice(7));
    else if (line.startsWith('-stage:')) removed = value(line.slice(7));
  }
  flush();
  return changes.reverse();
}

describe('history of the kubernetes/enhancements bundle', () => {
  let repo: string;
  let histories: KepHistory[];
  const byNumber = (kep: number) => histories.filter((history) => history.kep === kep);

  before(async () => {
    repo = cloneBundle();
    histories = await loadHistory(repo, kubernetesProfile);
  });
  after(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

  // Ten KEPs with several stage changes; 1797, 4816 and 1933 moved between SIG directories.
  const kepFiles: Record<number, string[]> = {
    1797: [
      'keps/sig-network/1797-configure-fqdn-as-hostname-for-pods/kep.yaml',
      'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods/kep.yaml',
    ],
    4816: [
      'keps/sig-node/4816-dra-prioritized-list/kep.yaml',
      'keps/sig-scheduling/4816-dra-prioritized-list/kep.yaml',
    ],
    1933: [
      'keps/sig-instrumentation/1933-data-flow-analysis-in-prow/kep.yaml',
      'keps/sig-instrumentation/1933-secret-logging-static-analysis/kep.yaml',
      'keps/sig-security/1933-secret-logging-static-analysis/kep.yaml',
    ],
    2400: ['keps/sig-node/2400-node-swap/kep.yaml'],
    3085: ['keps/sig-node/3085-pod-conditions-for-starting-completition-of-sandbox-creation/kep.yaml'],
    2371: ['keps/sig-node/2371-cri-pod-container-stats/kep.yaml'],
    277: ['keps/sig-node/277-ephemeral-containers/kep.yaml'],
    2433: ['keps/sig-network/2433-topology-aware-hints/kep.yaml'],
    563: ['keps/sig-network/563-dual-stack/kep.yaml'],
    2149: ['keps/sig-multicluster/2149-clusterid/kep.yaml'],
  };

  test('gives the stage changes (date, commit, value) that git log -p shows, for ten KEPs', () => {
    for (const [kep, files] of Object.entries(kepFiles)) {
      const expected = stageChangesFromGitLog(repo, files);
      assert.ok(expected.length >= 2, `KEP ${kep}: the oracle found too few changes`);
      const [history] = byNumber(Number(kep));
      assert.ok(history, `KEP ${kep} has a history`);
      const actual = history.events
        .filter((event) => event.field === 'stage')
        .map((event) => [event.date, event.commit, event.to]);
      assert.deepEqual(actual, expected, `KEP ${kep}`);
    }
  });

  test('a KEP that moved between SIG directories keeps one timeline', () => {
    const moved = byNumber(1797);
    assert.equal(moved.length, 1);
    const [history] = moved as [KepHistory];
    assert.equal(history.path, 'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods');
    assert.deepEqual(history.paths, [
      'keps/sig-network/1797-configure-fqdn-as-hostname-for-pods',
      'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods',
    ]);
    assert.equal(history.removed, false);
    // Created (in sig-network) with stage alpha, later beta and stable (in sig-node): one timeline.
    assert.deepEqual(
      history.events.filter((event) => event.field === 'stage').map((event) => [event.from, event.to]),
      [
        [null, 'alpha'],
        ['alpha', 'beta'],
        ['beta', 'stable'],
      ],
    );
    assert.ok(!histories.some((other) => other.path.startsWith('keps/sig-network/1797-')));
  });

  test('a KEP renamed with a new number keeps its timeline under the new number', () => {
    // keps/sig-network/506-ipv6 became keps/sig-network/1138-ipv6 (kep-number 506 → 1138).
    const [history] = byNumber(1138);
    assert.ok(history);
    assert.deepEqual(history.paths, ['keps/sig-network/506-ipv6', 'keps/sig-network/1138-ipv6']);
    assert.equal(byNumber(506).length, 0);
  });

  test('a move git does not detect (delete and add in one commit, same number) is one timeline', () => {
    const [history] = byNumber(5008);
    assert.ok(history);
    assert.deepEqual(history.paths, ['keps/sig-ui/5008-kep-template', 'keps/sig-ui/5008-headlamp']);
  });

  test('two kep.yaml files with one number are two timelines; the deleted one is marked removed', () => {
    const timelines = byNumber(1495);
    assert.deepEqual(
      timelines.map((history) => [history.path, history.removed]),
      [
        ['keps/sig-storage/1495-volume-populators', false],
        ['keps/sig-storage/1495-generic-data-populators', true],
      ],
    );
  });

  test('every kep.yaml at HEAD has exactly one timeline, with its fields at HEAD', () => {
    const files = git(repo, ['ls-files', 'keps'])
      .split('\n')
      .filter((file) => file.endsWith('/kep.yaml'))
      .filter((file) => !kubernetesProfile.layout.templateDirs.some((dir) => file.startsWith(`${dir}/`)));
    const alive = histories.filter((history) => !history.removed);
    assert.deepEqual(alive.map((history) => `${history.path}/kep.yaml`).sort(), files.sort());
    const swap = alive.find((history) => history.kep === 2400)!;
    const data = parse(readFileSync(path.join(repo, swap.path, 'kep.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(swap.current.stage, data.stage);
    assert.equal(swap.current.status, data.status);
  });

  test('events are dated with ISO 8601 author dates and name a commit and a tracked field', () => {
    for (const history of histories) {
      for (const event of history.events) {
        assert.match(event.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
        assert.match(event.commit, /^[0-9a-f]{40}$/);
        assert.match(event.field, /^(status|stage|latest-milestone|milestone\.[\w-]+)$/);
        assert.notEqual(event.from, event.to);
      }
    }
  });

  test('filters by number and by date', () => {
    const selected = filterHistory(histories, { numbers: [1797, 277], since: '2021-01-01' });
    assert.deepEqual(
      selected.map((history) => history.kep),
      [277, 1797],
    );
    for (const history of selected) for (const event of history.events) assert.ok(event.date >= '2021-01-01');
    const all277 = byNumber(277)[0]!.events.filter((event) => event.date.slice(0, 10) >= '2021-01-01');
    assert.equal(selected.find((history) => history.kep === 277)!.events.length, all277.length);
  });

  test('the cache answers for the same HEAD, and is extended from an older HEAD', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-history-cache-'));
    const older = git(repo, ['rev-parse', 'HEAD~300']).trim();
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    try {
      git(repo, ['checkout', '--quiet', '--detach', older]);
      const first = await buildHistory(repo, kubernetesProfile, { cacheDir, version: 't' });
      assert.equal(first.source, 'full');
      assert.equal(first.head, older);
      git(repo, ['checkout', '--quiet', '--detach', head]);
      const extended = await buildHistory(repo, kubernetesProfile, { cacheDir, version: 't' });
      assert.equal(extended.source, 'incremental');
      assert.deepEqual(extended.histories, histories);
      const cached = await buildHistory(repo, kubernetesProfile, { cacheDir, version: 't' });
      assert.equal(cached.source, 'cache');
      assert.deepEqual(cached.histories, histories);
      const otherVersion = await buildHistory(repo, kubernetesProfile, { cacheDir, version: 'u' });
      assert.equal(otherVersion.source, 'full');
    } finally {
      git(repo, ['checkout', '--quiet', 'master']);
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('--stuck: KEPs in alpha or beta since a milestone more than 3 releases back', () => {
    const report = stuckProposals(histories, kubernetesProfile, { releases: 3 });
    // The current release: the highest latest-milestone at HEAD, found independently here.
    let highest = 0;
    for (const history of histories.filter((h) => !h.removed)) {
      const data = parse(readFileSync(path.join(repo, history.path, 'kep.yaml'), 'utf8'), {
        schema: 'failsafe',
      }) as Record<string, unknown>;
      const match = /^v1\.(\d+)$/.exec(String(data['latest-milestone'] ?? ''));
      if (match) highest = Math.max(highest, Number(match[1]));
    }
    assert.equal(report.release, `v1.${highest}`);
    assert.ok(report.stuck.length > 10);
    for (const row of report.stuck) {
      assert.ok(['alpha', 'beta'].includes(row.stage));
      assert.ok(row.releases > 3);
      const history = histories.find((h) => h.path === row.path)!;
      assert.equal(history.current.stage, row.stage);
      if (row.source === 'milestone') assert.equal(history.current.milestones[row.stage], row.since);
      assert.equal(highest - Number(/\.(\d+)$/.exec(row.since)![1]), row.releases);
    }
    const fewer = stuckProposals(histories, kubernetesProfile, { releases: 10 });
    assert.ok(fewer.stuck.length < report.stuck.length);
    assert.ok(fewer.stuck.every((row) => row.releases > 10));
  });
});

describe('history of a scratch repository', () => {
  test('follows a move with a rewrite, keeps a renumbered KEP apart from a copy, and drops repeated changes', async () => {
    const repo = scratchRepo();
    try {
      repo.write(
        'keps/sig-node/100-a/kep.yaml',
        kepYaml({ 'kep-number': '100', status: 'provisional', stage: 'alpha', 'latest-milestone': 'v1.30' }),
      );
      const created = repo.commit('add 100');
      repo.write(
        'keps/sig-node/100-a/kep.yaml',
        kepYaml({
          'kep-number': '100',
          status: 'implementable',
          stage: 'alpha',
          'latest-milestone': 'v1.30',
          milestone: { alpha: 'v1.30' },
        }),
      );
      const implementable = repo.commit('100 implementable');
      // Moved to another SIG and rewritten past git's rename threshold, in one commit.
      repo.remove('keps/sig-node/100-a');
      repo.write(
        'keps/sig-apps/100-a/kep.yaml',
        `# rewritten\nkep-number: 100\ntitle: Something else entirely\nowning-sig: sig-apps\nstatus: implementable\nstage: beta\nlatest-milestone: "v1.31"\nmilestone:\n  alpha: "v1.30"\n  beta: "v1.31"\nreviewers: [x, y, z]\n`,
      );
      const moved = repo.commit('move 100 to sig-apps, beta');
      // A copy of 100 that becomes 200.
      repo.write(
        'keps/sig-apps/200-b/kep.yaml',
        kepYaml({ 'kep-number': '100', status: 'provisional', stage: 'alpha', 'latest-milestone': 'v1.31' }),
      );
      repo.commit('copy');
      repo.write(
        'keps/sig-apps/200-b/kep.yaml',
        kepYaml({ 'kep-number': '200', status: 'provisional', stage: 'alpha', 'latest-milestone': 'v1.31' }),
      );
      repo.commit('renumber the copy');
      const histories = await loadHistory(repo.root, kubernetesProfile);
      assert.deepEqual(
        histories.map((history) => [history.kep, history.paths]),
        [
          [100, ['keps/sig-node/100-a', 'keps/sig-apps/100-a']],
          [200, ['keps/sig-apps/200-b']],
        ],
      );
      const [hundred] = histories as [KepHistory];
      assert.deepEqual(hundred.events, [
        { date: created.date, commit: created.sha, field: 'status', from: null, to: 'provisional' },
        { date: created.date, commit: created.sha, field: 'stage', from: null, to: 'alpha' },
        { date: created.date, commit: created.sha, field: 'latest-milestone', from: null, to: 'v1.30' },
        {
          date: implementable.date,
          commit: implementable.sha,
          field: 'status',
          from: 'provisional',
          to: 'implementable',
        },
        {
          date: implementable.date,
          commit: implementable.sha,
          field: 'milestone.alpha',
          from: null,
          to: 'v1.30',
        },
        { date: moved.date, commit: moved.sha, field: 'stage', from: 'alpha', to: 'beta' },
        { date: moved.date, commit: moved.sha, field: 'latest-milestone', from: 'v1.30', to: 'v1.31' },
        { date: moved.date, commit: moved.sha, field: 'milestone.beta', from: null, to: 'v1.31' },
      ]);

      // The same change on two branches: the timeline has it once.
      repo.git(['checkout', '--quiet', '-b', 'side']);
      repo.write(
        'keps/sig-apps/200-b/kep.yaml',
        kepYaml({
          'kep-number': '200',
          status: 'implementable',
          stage: 'alpha',
          'latest-milestone': 'v1.31',
        }),
      );
      repo.commit('side: 200 implementable');
      repo.git(['checkout', '--quiet', 'main']);
      repo.write(
        'keps/sig-apps/200-b/kep.yaml',
        kepYaml({
          'kep-number': '200',
          status: 'implementable',
          stage: 'alpha',
          'latest-milestone': 'v1.31',
        }),
      );
      repo.write(
        'keps/sig-apps/100-a/kep.yaml',
        repo
          .git(['show', 'HEAD:keps/sig-apps/100-a/kep.yaml'])
          .replace('v1.31"\nmilestone', 'v1.32"\nmilestone'),
      );
      repo.commit('main: 200 implementable, 100 in v1.32');
      repo.git([
        '-c',
        'user.name=T',
        '-c',
        'user.email=t@example.com',
        'merge',
        '--quiet',
        '--no-edit',
        'side',
      ]);
      const merged = await loadHistory(repo.root, kubernetesProfile);
      const two = merged.find((history) => history.kep === 200)!;
      assert.deepEqual(
        two.events.filter((event) => event.field === 'status').map((event) => [event.from, event.to]),
        [
          [null, 'provisional'],
          ['provisional', 'implementable'],
        ],
      );
    } finally {
      repo.dispose();
    }
  });

  test('stuck: milestone.<stage> first, else the latest-milestone when the stage was set; closed KEPs left out', async () => {
    const repo = scratchRepo();
    try {
      const write = (dir: string, fields: Record<string, string | Record<string, string>>) =>
        repo.write(`keps/sig-node/${dir}/kep.yaml`, kepYaml(fields));
      write('1-declared', {
        'kep-number': '1',
        status: 'implementable',
        stage: 'beta',
        'latest-milestone': 'v1.35',
        milestone: { alpha: 'v1.29', beta: 'v1.31' },
      });
      write('2-from-history', {
        'kep-number': '2',
        status: 'implementable',
        stage: 'alpha',
        'latest-milestone': 'v1.30',
      });
      write('3-withdrawn', {
        'kep-number': '3',
        status: 'withdrawn',
        stage: 'beta',
        'latest-milestone': 'v1.20',
        milestone: { beta: 'v1.20' },
      });
      write('4-stable', {
        'kep-number': '4',
        status: 'implemented',
        stage: 'stable',
        'latest-milestone': 'v1.37',
        milestone: { stable: 'v1.37' },
      });
      write('5-recent', {
        'kep-number': '5',
        status: 'implementable',
        stage: 'beta',
        'latest-milestone': 'v1.36',
        milestone: { beta: 'v1.34' },
      });
      repo.commit('add');
      write('2-from-history', {
        'kep-number': '2',
        status: 'implementable',
        stage: 'beta',
        'latest-milestone': 'v1.32',
      });
      const betaSet = repo.commit('2 to beta');
      write('2-from-history', {
        'kep-number': '2',
        status: 'implementable',
        stage: 'beta',
        'latest-milestone': 'v1.36',
      });
      repo.commit('2 retargeted');

      const histories = await loadHistory(repo.root, kubernetesProfile);
      const report = stuckProposals(histories, kubernetesProfile);
      assert.equal(report.release, 'v1.37');
      assert.deepEqual(
        report.stuck.map((row) => [row.kep, row.stage, row.since, row.source, row.releases]),
        [
          [1, 'beta', 'v1.31', 'milestone', 6],
          [2, 'beta', 'v1.32', 'history', 5],
        ],
      );
      assert.equal(report.stuck[1]!.commit, betaSet.sha);
      assert.equal(report.stuck[1]!.date, betaSet.date);
      const five = stuckProposals(histories, kubernetesProfile, { releases: 5 });
      assert.deepEqual(
        five.stuck.map((row) => row.kep),
        [1],
      );
      const earlier = stuckProposals(histories, kubernetesProfile, { release: 'v1.35', releases: 3 });
      assert.deepEqual(
        earlier.stuck.map((row) => [row.kep, row.releases]),
        [[1, 4]],
      );
    } finally {
      repo.dispose();
    }
  });

  test('reads the stage of a version that is not valid YAML from its stage line', async () => {
    const repo = scratchRepo();
    try {
      repo.write('keps/sig-node/7-x/kep.yaml', kepYaml({ 'kep-number': '7', stage: 'alpha' }));
      repo.commit('add');
      // Milestones indented under a commented-out key: YAML rejects the file, its stage line is clear.
      repo.write(
        'keps/sig-node/7-x/kep.yaml',
        'title: X\nkep-number: 7\nstage: beta\nlatest-milestone: "v1.26"\n# milestone:\n   alpha: "v1.26"\n',
      );
      const broken = repo.commit('beta, broken YAML');
      const [history] = await loadHistory(repo.root, kubernetesProfile);
      assert.deepEqual(history!.events.filter((event) => event.field === 'stage').at(-1), {
        date: broken.date,
        commit: broken.sha,
        field: 'stage',
        from: 'alpha',
        to: 'beta',
      });
    } finally {
      repo.dispose();
    }
  });

  test('bad repositories: not a git repository, a shallow clone, no commits, git missing', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'kepkit-history-plain-'));
    const env = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(plain);
    const repo = scratchRepo();
    try {
      await assert.rejects(loadHistory(plain, kubernetesProfile), (error: Error) => {
        assert.ok(error instanceof HistoryError);
        assert.match(error.message, /not a git repository/);
        return true;
      });
      await assert.rejects(loadHistory(path.join(plain, 'missing'), kubernetesProfile), /not a directory/);
      await assert.rejects(loadHistory(repo.root, kubernetesProfile), /no commits/);
      repo.write('keps/sig-node/1-a/kep.yaml', kepYaml({ stage: 'alpha' }));
      repo.commit('one');
      repo.write('keps/sig-node/1-a/kep.yaml', kepYaml({ stage: 'beta' }));
      repo.commit('two');
      git(plain, ['clone', '--quiet', '--depth', '1', `file://${repo.root}`, 'shallow']);
      await assert.rejects(loadHistory(path.join(plain, 'shallow'), kubernetesProfile), /shallow/);
      await assert.rejects(
        loadHistory(repo.root, kubernetesProfile, { git: path.join(plain, 'no-such-git') }),
        /git is not installed/,
      );
    } finally {
      if (env === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = env;
      rmSync(plain, { recursive: true, force: true });
      repo.dispose();
    }
  });
});

test('the line reader agrees with the YAML parser on every kep.yaml of the corpus', () => {
  const keys: TrackedKeys = {
    number: 'kep-number',
    title: 'title',
    status: 'status',
    stage: 'stage',
    latestMilestone: 'latest-milestone',
    milestones: 'milestone',
  };
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === 'kep.yaml') files.push(path.join(dir, entry.name));
    }
  };
  walk(path.join(corpusRoot, 'keps'));
  assert.ok(files.length > 600);
  let read = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const fields = readTrackedFieldsByLine(text, keys);
    if (!fields) continue; // the YAML fallback handles it
    read++;
    const data = parse(text, { schema: 'failsafe' }) as Record<string, unknown>;
    const value = (v: unknown) => (typeof v === 'string' && v !== '' && v !== '~' && v !== 'null' ? v : null);
    const milestones: Record<string, string> = {};
    for (const [stage, milestone] of Object.entries((data.milestone as Record<string, unknown>) ?? {}))
      if (value(milestone) !== null) milestones[stage] = milestone as string;
    assert.deepEqual(
      fields,
      {
        number: value(data['kep-number']),
        title: value(data.title),
        status: value(data.status),
        stage: value(data.stage),
        latestMilestone: value(data['latest-milestone']),
        milestones,
      },
      file,
    );
  }
  assert.ok(read > files.length * 0.95, `the line reader read ${read} of ${files.length}`);
});

describe('history of hostile versions of a kep.yaml', () => {
  /** Little heap: the versions below took 0.2 to 4.4 GB; the history of the repo itself needs ~40 MB. */
  const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=64' };
  const FILE = 'keps/sig-node/100-a/kep.yaml';
  const status = (histories: KepHistory[]) =>
    histories[0]?.events.filter((e) => e.field === 'status').map((e) => [e.from, e.to]);

  test('skips a 20 MB version with a notice, keeps the versions around it, and holds none of it in memory', async () => {
    const repo = scratchRepo();
    try {
      repo.write(FILE, kepYaml({ 'kep-number': '100', status: 'provisional' }));
      repo.commit('add 100');
      const huge = `${kepYaml({ 'kep-number': '100', status: 'implemented' })}${'# padding\n'.repeat(2_000_000)}`;
      repo.write(FILE, huge);
      const { sha } = repo.commit('a 20 MB version');
      repo.write(FILE, kepYaml({ 'kep-number': '100', status: 'implementable' }));
      repo.commit('back to normal');
      const result = await buildHistory(repo.root, kubernetesProfile);
      assert.deepEqual(status(result.histories), [
        [null, 'provisional'],
        ['provisional', 'implementable'],
      ]);
      assert.deepEqual(result.notices, [
        `${FILE} at commit ${sha.slice(0, 12)}: 19.1 MB, over the 256 KB limit for metadata; that version is skipped`,
      ]);
      const cli = runKep(['history', '--no-cache', '--repo', repo.root, '--format', 'json'], {
        env: SMALL_HEAP,
      });
      assert.equal(cli.status, 0, cli.stderr);
      assert.equal((JSON.parse(cli.stdout) as unknown[]).length, 1);
    } finally {
      repo.dispose();
    }
  });

  test('reads a version nested 120,000 deep through the bounded parse, in a small heap', () => {
    const repo = scratchRepo();
    try {
      repo.write(FILE, kepYaml({ 'kep-number': '100', status: 'provisional' }));
      repo.commit('add 100');
      const levels = 120_000;
      repo.write(
        FILE,
        kepYaml({
          'kep-number': '100',
          status: 'implementable',
          stage: `${'['.repeat(levels)}${']'.repeat(levels)}`,
        }),
      );
      repo.commit('a deep version');
      const cli = runKep(['history', '--no-cache', '--repo', repo.root, '--format', 'json'], {
        env: SMALL_HEAP,
      });
      assert.equal(cli.status, 0, cli.stderr);
      assert.doesNotMatch(cli.stderr, /\n\s+at |FATAL ERROR/);
      // Not YAML within the limits: its one-line fields still say what the author meant.
      const [history] = JSON.parse(cli.stdout) as { events: { field: string; to: string | null }[] }[];
      assert.deepEqual(
        history?.events.map((e) => [e.field, e.to]),
        [
          ['status', 'provisional'],
          ['status', 'implementable'],
        ],
      );
    } finally {
      repo.dispose();
    }
  });
});
