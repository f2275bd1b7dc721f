import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { corpusRepo, runKep } from '../../testing/fixtures.js';

const DIRS = [
  'keps/sig-node/1029-ephemeral-storage-quotas',
  'keps/sig-storage/1495-volume-populators',
  'keps/sig-auth/3299-kms-v2-improvements',
];

// api.Proposal's JSON tags, in the struct's order (prNumber is omitempty and never set from a checkout).
const KEPIFY_KEYS = [
  'id',
  'name',
  'path',
  'title',
  'kepNumber',
  'authors',
  'owningSig',
  'participatingSigs',
  'reviewers',
  'approvers',
  'editor',
  'creationDate',
  'lastUpdated',
  'status',
  'seeAlso',
  'replaces',
  'supersededBy',
  'stage',
  'latestMilestone',
  'milestone',
  'featureGates',
  'disableSupported',
  'metrics',
  'markdown',
];

test('kep index writes kepify’s keps.json: its field names, id and README text', () => {
  const repo = corpusRepo(DIRS);
  try {
    const run = runKep(['index', '--repo', repo.root, '--output', `${repo.root}/out/keps.json`]);
    assert.equal(run.status, 0, run.stderr);
    const records = JSON.parse(readFileSync(`${repo.root}/out/keps.json`, 'utf8')) as Record<
      string,
      unknown
    >[];
    // Walk order, as kepify's filepath.Walk.
    assert.deepEqual(
      records.map((record) => `keps/${record.path}`),
      [...DIRS].sort(),
    );
    for (const record of records) {
      assert.deepEqual(Object.keys(record), KEPIFY_KEYS);
      const dir = `keps/${record.path}`;
      const yaml = parse(repo.read(`${dir}/kep.yaml`), { schema: 'failsafe' }) as Record<string, unknown>;
      const id = createHash('md5').update(`${yaml['owning-sig']}:${yaml.title}`).digest('hex');
      assert.equal(record.id, id);
      assert.equal(record.name, dir.split('/').pop());
      assert.equal(record.title, yaml.title);
      assert.equal(record.kepNumber, yaml['kep-number']);
      assert.equal(record.markdown, repo.read(`${dir}/README.md`));
      assert.equal(record.disableSupported, true);
      // Absent lists are null, as Go's nil slices marshal.
      assert.equal(record.seeAlso, null);
    }
    const quotas = records.find((record) => record.kepNumber === '1029')!;
    assert.deepEqual(quotas.milestone, {
      alpha: '1.15',
      beta: '1.31',
      stable: '',
      deprecated: '',
      removed: '',
      disabled: '',
    });
    assert.deepEqual(quotas.featureGates, [
      { name: 'LocalStorageCapacityIsolationFSQuotaMonitoring', components: ['kubelet'] },
    ]);
    assert.equal(quotas.latestMilestone, '1.31');
  } finally {
    repo.dispose();
  }
});

test('kep index --format kepkit adds diagnostics, PRR approvals and git history', () => {
  const repo = corpusRepo(DIRS);
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, {
      cwd: repo.root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_AUTHOR_DATE: '2025-01-02T03:04:05Z',
        GIT_COMMITTER_DATE: '2025-01-02T03:04:05Z',
      },
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  try {
    repo.remove('.git');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    repo.edit(`${DIRS[1]}/kep.yaml`, 'status: implementable', 'status: implemented');
    git('commit', '-qam', 'volume populators are done');
    repo.edit(`${DIRS[0]}/kep.yaml`, 'title:', 'colour: blue\ntitle:');

    const run = runKep(['index', '--repo', repo.root, '--format', 'kepkit', '--no-markdown']);
    assert.equal(run.status, 0, run.stderr);
    const index = JSON.parse(run.stdout);
    assert.equal(index.format, 'kepkit-index');
    assert.equal(index.version, 1);
    assert.equal(index.profile, 'kubernetes');
    assert.deepEqual(index.history, {
      available: true,
      gitRepository: realpathSync(repo.root),
      subdirectory: '',
      head: git('rev-parse', 'HEAD').trim(),
    });
    const byNumber = (number: number) => index.proposals.find((p: { number: number }) => p.number === number);

    const quotas = byNumber(1029);
    assert.equal(quotas.markdown, '');
    assert.equal(quotas.readme, `${DIRS[0]}/README.md`);
    assert.ok(quotas.errors >= 1);
    const unknown = quotas.diagnostics.find((d: { rule: string }) => d.rule === 'metadata/unknown-field');
    assert.ok(unknown, JSON.stringify(quotas.diagnostics));
    assert.equal(unknown.file, `${DIRS[0]}/kep.yaml`);
    assert.deepEqual(quotas.prr, {
      file: 'keps/prod-readiness/sig-node/1029.yaml',
      approvers: { alpha: '@deads2k', beta: '@soltysh' },
    });

    const populators = byNumber(1495);
    assert.equal(populators.status, 'implemented');
    const statusChange = populators.history.events.find(
      (event: { field: string; to: string }) => event.field === 'status' && event.to === 'implemented',
    );
    assert.ok(statusChange, JSON.stringify(populators.history));
    assert.equal(statusChange.from, 'implementable');
    assert.deepEqual(populators.history.paths, [DIRS[1]]);

    const noHistory = runKep(['index', '--repo', repo.root, '--format', 'kepkit', '--no-history']);
    assert.equal(JSON.parse(noHistory.stdout).history.available, false);
  } finally {
    repo.dispose();
  }
});
