import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { corpusRepo, corpusRoot, lineOf, runKep, type TempRepo } from '../../testing/fixtures.js';

interface Criterion {
  id: string;
  verdict: 'pass' | 'fail' | 'skip';
  rule: string;
  reason: string;
  findings?: { file: string; line: number }[];
}
interface Kep {
  kepNumber: string;
  dir: string;
  stage: string | null;
  targetedBy: string;
  verdict: string;
  owners: { authors: string[]; approvers: string[]; prrApprover: string | null };
  criteria: Criterion[];
}
interface Totals {
  keps: number;
  ready: number;
  notReady: number;
}
interface Report {
  release: string;
  freeze: string;
  currentRelease: string | null;
  criteria: { id: string; rules: string[] }[];
  keps: Kep[];
  totals: { all: Totals; byStage: Record<string, Totals>; bySig: Record<string, Totals> };
}

const WATCHCACHE = 'keps/sig-api-machinery/4568-resilient-watchcache-initialization';
const RESTART = 'keps/sig-node/5307-container-restart-policy';

function report(root: string, args: string[]): Report {
  const run = runKep(['release', ...args, '--repo', root, '--output', 'json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

/**
 * The two KEPs, with 4568's one leftover line of an older template filled in (readme/placeholder reports
 * `- <test>: <link to test coverage>` under its integration tests): the tests start from KEPs that are ready.
 */
function readyRepo(): TempRepo {
  const repo = corpusRepo([WATCHCACHE, RESTART]);
  repo.edit(
    `${WATCHCACHE}/README.md`,
    '\n- <test>: <link to test coverage>\n',
    '\n- `test/integration/apiserver/watchcache_test.go`\n',
  );
  return repo;
}

const criterion = (kep: Kep | undefined, id: string): Criterion => {
  const found = kep?.criteria.find((c) => c.id === id);
  assert.ok(found, `no ${id} in ${JSON.stringify(kep)}`);
  return found;
};

test('kep release judges each enhancements-freeze criterion by its rule', () => {
  const repo = readyRepo();
  try {
    // v1.34 is the repository's current release here: KEPs that moved on no longer count as tracked.
    repo.write('kep.config.json', '{ "release": "v1.34" }');
    const clean = report(repo.root, ['v1.34']);
    assert.equal(clean.release, 'v1.34');
    assert.equal(clean.freeze, 'enhancements');
    assert.deepEqual(
      clean.criteria.map((c) => c.id),
      [
        'status',
        'latest-milestone',
        'stage-milestone',
        'prr-approval',
        'readme-sections',
        'prr-questionnaire',
        'test-plan',
        'unresolved',
      ],
    );
    const watchcache = clean.keps.find((kep) => kep.dir === WATCHCACHE)!;
    assert.equal(watchcache.stage, 'stable');
    assert.equal(watchcache.targetedBy, 'latest-milestone');
    assert.equal(watchcache.owners.prrApprover, '@deads2k');
    assert.equal(watchcache.verdict, 'ready');
    for (const c of watchcache.criteria) assert.equal(c.verdict, 'pass', `${c.id}: ${c.reason}`);
    assert.equal(criterion(watchcache, 'prr-approval').rule, 'prr/approver');
    // 5307 reached alpha in v1.34 and now targets v1.35 beta: in the current release it is no longer tracked.
    const restart = clean.keps.find((kep) => kep.dir === RESTART)!;
    assert.equal(restart.stage, 'alpha');
    assert.equal(restart.targetedBy, 'milestone.alpha');
    assert.equal(criterion(restart, 'latest-milestone').verdict, 'fail');
    assert.match(criterion(restart, 'latest-milestone').reason, /no longer targets v1\.34/);
    assert.equal(criterion(restart, 'prr-approval').verdict, 'pass');

    // Now break one criterion after another on the watchcache KEP.
    const unitTests = lineOf(repo.read(`${WATCHCACHE}/README.md`), '`pkg/controlplane/`');
    repo.edit(
      `${WATCHCACHE}/README.md`,
      '- `pkg/controlplane/`',
      '- `<package>`: `<date>` - `<test coverage>`\n- `pkg/controlplane/`',
    );
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'status: implementable', 'status: provisional');
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'latest-milestone: "v1.34"', 'latest-milestone: "v1.33"');
    repo.edit(`${WATCHCACHE}/README.md`, '## Drawbacks', '## Drawback notes');
    repo.edit(
      `${WATCHCACHE}/README.md`,
      '## Summary\n',
      '## Summary\n\n<<[UNRESOLVED naming]>>\nWhich name?\n<<[/UNRESOLVED]>>\n',
    );
    repo.remove('keps/prod-readiness/sig-api-machinery/4568.yaml');
    const broken = report(repo.root, ['v1.34']).keps.find((kep) => kep.dir === WATCHCACHE)!;
    assert.equal(broken.verdict, 'not ready');
    assert.equal(broken.targetedBy, 'milestone.stable');
    const verdicts = Object.fromEntries(broken.criteria.map((c) => [c.id, `${c.verdict} ${c.rule}`]));
    assert.deepEqual(verdicts, {
      status: 'fail release/status',
      'latest-milestone': 'fail release/latest-milestone',
      'stage-milestone': 'pass release/stage-milestone',
      'prr-approval': 'fail prr/required',
      'readme-sections': 'fail readme/missing-section',
      'prr-questionnaire': 'pass prr/questionnaire',
      'test-plan': 'fail readme/placeholder',
      unresolved: 'fail readme/unresolved',
    });
    assert.match(criterion(broken, 'status').reason, /status is provisional/);
    assert.match(criterion(broken, 'latest-milestone').reason, /v1\.33, before v1\.34/);
    assert.match(criterion(broken, 'readme-sections').reason, /"Drawbacks"/);
    // The edits above added four lines before the unit tests' placeholder line.
    assert.deepEqual(
      criterion(broken, 'test-plan').findings?.map((f) => f.line),
      [unitTests + 4],
    );
    assert.equal(
      criterion(broken, 'unresolved').findings?.[0]?.line,
      lineOf(repo.read(`${WATCHCACHE}/README.md`), '<<[UNRESOLVED'),
    );

    // A stage milestone after the release contradicts it.
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'latest-milestone: "v1.33"', 'latest-milestone: "v1.34"');
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'stable: "v1.34"', 'stable: "v1.35"');
    const later = report(repo.root, ['v1.34']).keps.find((kep) => kep.dir === WATCHCACHE)!;
    assert.match(criterion(later, 'stage-milestone').reason, /v1\.35, after v1\.34/);
  } finally {
    repo.dispose();
  }
});

test('kep release looks back: KEPs that moved on pass, and code freeze takes implemented', () => {
  const repo = corpusRepo([RESTART]);
  try {
    // Without a configured release the current one is the highest latest-milestone (v1.35): v1.34 is history.
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: implemented');
    const back = report(repo.root, ['v1.34']);
    assert.equal(back.currentRelease, 'v1.35');
    const restart = back.keps[0]!;
    assert.equal(criterion(restart, 'latest-milestone').verdict, 'pass');
    assert.match(criterion(restart, 'latest-milestone').reason, /moved on since v1\.34/);
    assert.equal(criterion(restart, 'status').verdict, 'pass');
    // In its current release, an implemented KEP is not implementable…
    assert.equal(criterion(report(repo.root, ['v1.35']).keps[0], 'status').verdict, 'fail');
    // …but the code freeze takes it, and has fewer criteria.
    const code = report(repo.root, ['v1.35', '--freeze', 'code']);
    assert.equal(code.freeze, 'code');
    assert.deepEqual(
      code.criteria.map((c) => c.id),
      ['status', 'latest-milestone', 'stage-milestone', 'prr-approval', 'test-plan', 'unresolved'],
    );
    assert.equal(criterion(code.keps[0], 'status').verdict, 'pass');
    assert.deepEqual(report(repo.root, ['v1.20']).keps, []);
  } finally {
    repo.dispose();
  }
});

test('kep release prints tables, markdown and CSV with totals per stage and SIG', () => {
  const repo = readyRepo();
  try {
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: provisional');
    const table = runKep(['release', 'v1.34', '--repo', repo.root]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^Release v1\.34, enhancements freeze: 2 KEPs, \d ready, \d not ready\n/);
    assert.match(table.stdout, /\n4568\s+stable\s+sig-api-machinery\s+ready\s+(ok\s+){8}Resilient/);
    assert.match(table.stdout, /\n5307\s+alpha\s+sig-node\s+not ready\s+FAIL\s+(ok\s+){7}Container/);
    assert.match(
      table.stdout,
      /\nNot ready:\nKEP 5307 Container Restart Policy \(alpha, sig-node\): keps\/sig-node\/5307-container-restart-policy\n {2}owners: @yuanwang04, @SergeyKanzhelev, @thockin, @dchen1107; PRR \S+\n {2}FAIL status \[release\/status\] status is provisional; it must be implementable\n/,
    );
    assert.match(table.stdout, /\nSTAGE\s+KEPS\s+READY\s+NOT READY\nalpha\s+1\s+/);
    const md = runKep([
      'release',
      'v1.34',
      '--repo',
      repo.root,
      '--output',
      'md',
      '--file',
      `${repo.root}/freeze.md`,
    ]);
    assert.equal(md.status, 0, md.stderr);
    const text = repo.read('freeze.md');
    assert.match(text, /^## Release v1\.34/);
    assert.match(text, /\| 5307 \| alpha \| sig-node \| not ready \| ❌ \| ✅ \|/);
    assert.match(
      text,
      /\| 4568 \| stable \| sig-api-machinery \| ready \| ✅ \| ✅ \| ✅ \| ✅ \| ✅ \| ✅ \| ✅ \| ✅ \|/,
    );
    assert.match(
      text,
      /### By SIG\n\n\| SIG \| KEPs \| Ready \| Not ready \|\n\| --- \| --- \| --- \| --- \|\n\| sig-api-machinery \| 1 \| 1 \| 0 \|\n\| sig-node \| 1 \| 0 \| 1 \|/,
    );
    const csv = runKep(['release', 'v1.34', '--repo', repo.root, '--output', 'csv']);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    assert.match(
      header!,
      /^kepNumber,title,dir,owningSig,stage,targetedBy,status,latestMilestone,authors,approvers,prrApprover,verdict,status,status rule,status reason,/,
    );
    assert.equal(rows.length, 2);
    const bad = runKep(['release', '1.34', '--repo', repo.root]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected a release vMAJOR\.MINOR/);
  } finally {
    repo.dispose();
  }
});

test('kep release v1.34 on the corpus lists exactly the KEPs whose YAML targets v1.34, each with every criterion', () => {
  const expected: string[] = [];
  const is134 = (value: unknown) => typeof value === 'string' && /^v?1\.34$/.test(value.trim());
  const visit = (dir: string): void => {
    const entries = readdirSync(path.join(corpusRoot, dir), { withFileTypes: true });
    if (entries.some((entry) => entry.name === 'kep.yaml')) {
      if (dir.endsWith('-template')) return;
      const data =
        parse(readFileSync(path.join(corpusRoot, dir, 'kep.yaml'), 'utf8'), { schema: 'failsafe' }) ?? {};
      const milestones =
        data.milestone && typeof data.milestone === 'object' ? Object.values(data.milestone) : [];
      if (is134(data['latest-milestone']) || milestones.some(is134)) expected.push(dir);
      return;
    }
    for (const entry of entries)
      if (entry.isDirectory() && entry.name !== 'prod-readiness') visit(`${dir}/${entry.name}`);
  };
  visit('keps');
  const result = report(corpusRoot, ['v1.34']) as Report & { stopped: { dir: string; status: string }[] };
  // A KEP whose status means stopped (replaced) is listed apart, not judged.
  assert.deepEqual([...result.keps, ...result.stopped].map((kep) => kep.dir).sort(), expected.sort());
  assert.deepEqual(
    result.stopped.map((kep) => [kep.dir, kep.status]),
    [['keps/sig-multicluster/5339-clusterprofile-plugin-credentials', 'replaced']],
  );
  assert.ok(expected.length > 40);
  for (const kep of result.keps) {
    assert.equal(kep.criteria.length, 8, kep.dir);
    for (const c of kep.criteria) {
      assert.ok(c.rule && c.reason, `${kep.dir} ${c.id}`);
      // Every rule the criteria name exists in this build: nothing is skipped for a missing rule.
      assert.doesNotMatch(c.reason, /not in this build/);
    }
  }
  const { all, byStage, bySig } = result.totals;
  assert.equal(all.keps, result.keps.length);
  assert.equal(all.ready + all.notReady, all.keps);
  assert.equal(
    Object.values(byStage).reduce((sum, t) => sum + t.keps, 0),
    all.keps,
  );
  assert.equal(
    Object.values(bySig).reduce((sum, t) => sum + t.keps, 0),
    all.keps,
  );
  // Spot checks (see the README): a KEP reworked within its stage keeps that stage's earlier milestone…
  const spread = result.keps.find((kep) => kep.kepNumber === '3243')!;
  assert.equal(criterion(spread, 'stage-milestone').verdict, 'pass');
  // …and a README that dropped the "Test Plan" heading but kept its subsections still has a test plan.
  const podResources = result.keps.find((kep) => kep.kepNumber === '3695')!;
  assert.equal(criterion(podResources, 'test-plan').verdict, 'pass');
  assert.equal(criterion(podResources, 'readme-sections').verdict, 'fail');
});
