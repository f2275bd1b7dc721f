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
interface Listed {
  kepNumber: string;
  dir: string;
  status: string;
  latestMilestone: string;
  stage: string | null;
  targetedBy: string;
}
interface Report {
  release: string;
  freeze: string;
  currentRelease: string | null;
  criteria: { id: string; rules: string[] }[];
  keps: Kep[];
  planned: Listed[];
  stopped: Listed[];
  notices: string[];
  totals: { all: Totals; byStage: Record<string, Totals>; bySig: Record<string, Totals> };
}

const WATCHCACHE = 'keps/sig-api-machinery/4568-resilient-watchcache-initialization';
const RESTART = 'keps/sig-node/5307-container-restart-policy';

function report(root: string, args: string[], status = 0): Report {
  const run = runKep(['release', ...args, '--repo', root, '--format', 'json']);
  assert.equal(run.status, status, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

/**
 * The two KEPs, with 4568's one leftover line of an older template filled in (readme/placeholder reports
 * `- <test>: <link to test coverage>` under its integration tests): the tests start from KEPs that are ready.
 */
function readyRepo(dirs = [WATCHCACHE, RESTART]): TempRepo {
  const repo = corpusRepo(dirs);
  repo.edit(
    `${WATCHCACHE}/README.md`,
    '\n- <test>: <link to test coverage>\n',
    '\n- `test/integration/apiserver/watchcache_test.go`\n',
  );
  return repo;
}

const verdicts = (kep: Kep): Record<string, string> =>
  Object.fromEntries(kep.criteria.map((c) => [c.id, `${c.verdict} ${c.rule}`]));

const criterion = (kep: Kep | undefined, id: string): Criterion => {
  const found = kep?.criteria.find((c) => c.id === id);
  assert.ok(found, `no ${id} in ${JSON.stringify(kep)}`);
  return found;
};

test('kep release judges each enhancements-freeze criterion by running its rules', () => {
  const repo = readyRepo([WATCHCACHE]);
  try {
    const clean = report(repo.root, ['v1.34']);
    assert.equal(clean.release, 'v1.34');
    assert.equal(clean.freeze, 'enhancements');
    assert.deepEqual(
      clean.criteria.map((c) => `${c.id} ${c.rules.join(',')}`),
      [
        'status release/status',
        'latest-milestone release/latest-milestone',
        'stage-milestone release/stage-milestone',
        'prr-approval prr/required,prr/approver',
        'readme-sections readme/missing-section',
        'prr-questionnaire prr/questionnaire',
        'test-plan release/test-plan',
        'unresolved readme/unresolved',
      ],
    );
    const watchcache = clean.keps.find((kep) => kep.dir === WATCHCACHE)!;
    assert.equal(watchcache.stage, 'stable');
    assert.equal(watchcache.targetedBy, 'latest-milestone');
    assert.equal(watchcache.owners.prrApprover, '@deads2k');
    assert.equal(watchcache.verdict, 'ready');
    for (const c of watchcache.criteria) assert.equal(c.verdict, 'pass', `${c.id}: ${c.reason}`);
    assert.equal(criterion(watchcache, 'prr-approval').rule, 'prr/required, prr/approver');

    // Now break one criterion after another: each fails with the finding of its rule.
    const unitTests = lineOf(repo.read(`${WATCHCACHE}/README.md`), '`pkg/controlplane/`');
    repo.edit(
      `${WATCHCACHE}/README.md`,
      '- `pkg/controlplane/`',
      '- `<package>`: `<date>` - `<test coverage>`\n- `pkg/controlplane/`',
    );
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'status: implementable', 'status: provisional');
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'latest-milestone: "v1.34"', 'latest-milestone: "1.34"');
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'stable: "v1.34"', 'stable: "v1.35"');
    repo.edit(`${WATCHCACHE}/README.md`, '## Drawbacks', '## Drawback notes');
    repo.edit(
      `${WATCHCACHE}/README.md`,
      '## Summary\n',
      '## Summary\n\n<<[UNRESOLVED naming]>>\nWhich name?\n<<[/UNRESOLVED]>>\n',
    );
    const broken = report(repo.root, ['v1.34']).keps.find((kep) => kep.dir === WATCHCACHE)!;
    assert.equal(broken.verdict, 'not ready');
    assert.equal(broken.targetedBy, 'latest-milestone');
    assert.deepEqual(verdicts(broken), {
      status: 'fail release/status',
      'latest-milestone': 'fail release/latest-milestone',
      'stage-milestone': 'fail release/stage-milestone',
      // A provisional KEP needs no PRR file yet (prr/required); release/status already fails it.
      'prr-approval': 'pass prr/required, prr/approver',
      'readme-sections': 'fail readme/missing-section',
      'prr-questionnaire': 'pass prr/questionnaire',
      'test-plan': 'fail release/test-plan',
      unresolved: 'fail readme/unresolved',
    });
    assert.match(
      criterion(broken, 'status').reason,
      /^status is provisional; a KEP targeting v1\.34 must be implementable$/,
    );
    assert.match(criterion(broken, 'latest-milestone').reason, /"1\.34" means v1\.34 but is not written so/);
    assert.match(criterion(broken, 'stage-milestone').reason, /milestone\.stable is v1\.35, after v1\.34/);
    assert.match(criterion(broken, 'readme-sections').reason, /"Drawbacks"/);
    assert.match(criterion(broken, 'test-plan').reason, /^test plan: template placeholder left in place/);
    // The edits above added four lines before the unit tests' placeholder line.
    assert.deepEqual(
      criterion(broken, 'test-plan').findings?.map((f) => f.line),
      [unitTests + 4],
    );
    assert.equal(
      criterion(broken, 'unresolved').findings?.[0]?.line,
      lineOf(repo.read(`${WATCHCACHE}/README.md`), '<<[UNRESOLVED'),
    );
    // Implementable again, without its PRR file: prr/required decides the PRR criterion.
    repo.edit(`${WATCHCACHE}/kep.yaml`, 'status: provisional', 'status: implementable');
    repo.remove('keps/prod-readiness/sig-api-machinery/4568.yaml');
    const noPrr = report(repo.root, ['v1.34']).keps[0]!;
    assert.equal(verdicts(noPrr)['prr-approval'], 'fail prr/required');
    assert.match(criterion(noPrr, 'prr-approval').reason, /PRR approval file .*4568\.yaml is missing/);
  } finally {
    repo.dispose();
  }
});

test('kep release judges only KEPs whose latest-milestone is the release; planned and stopped ones are listed apart', () => {
  const repo = readyRepo();
  try {
    // 5307 has milestone.alpha v1.34 but latest-milestone v1.35: it moved on and is not listed for v1.34.
    const v134 = report(repo.root, ['v1.34']);
    assert.deepEqual(
      v134.keps.map((kep) => kep.dir),
      [WATCHCACHE],
    );
    assert.deepEqual(v134.planned, []);
    // 4568 plans nothing for v1.36; 5307 plans stable for v1.36 but has not opted in (latest-milestone v1.35).
    const v136 = report(repo.root, ['v1.36']);
    assert.deepEqual(v136.keps, []);
    assert.deepEqual(
      v136.planned.map((kep) => [kep.dir, kep.stage, kep.targetedBy, kep.latestMilestone, kep.status]),
      [[RESTART, 'stable', 'milestone.stable', 'v1.35', 'implementable']],
    );
    const table = runKep(['release', 'v1.36', '--repo', repo.root]);
    assert.match(
      table.stdout,
      /\nPlanned, not opted in \(latest-milestone is not the release; not judged\):\n {2}5307 Container Restart Policy \(milestone\.stable v1\.36, latest-milestone v1\.35\): keps\/sig-node\/5307-container-restart-policy\n/,
    );
    // Withdrawn, it is stopped: listed apart again, in both roles.
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: withdrawn');
    const stopped = report(repo.root, ['v1.36']);
    assert.deepEqual(stopped.planned, []);
    assert.deepEqual(
      stopped.stopped.map((kep) => [kep.dir, kep.status]),
      [[RESTART, 'withdrawn']],
    );
    assert.deepEqual(
      report(repo.root, ['v1.35']).stopped.map((kep) => [kep.dir, kep.targetedBy]),
      [[RESTART, 'latest-milestone']],
    );
  } finally {
    repo.dispose();
  }
});

test('kep release --current: the release is judged as current by default, as past when --current is later', () => {
  const repo = corpusRepo([RESTART]);
  try {
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: implemented');
    // The highest latest-milestone here is v1.35, but the release reported on is the current one by default.
    // (5307 is not ready for v1.35 either way: a beta PRR question is unanswered.)
    const now = report(repo.root, ['v1.35']);
    assert.equal(now.currentRelease, 'v1.35');
    assert.equal(verdicts(now.keps[0]!).status, 'fail release/status');
    assert.match(
      criterion(now.keps[0], 'status').reason,
      /implemented, but a KEP targeting v1\.35 must be implementable/,
    );
    const past = report(repo.root, ['v1.35', '--current', 'v1.36']);
    assert.equal(past.currentRelease, 'v1.36');
    assert.equal(criterion(past.keps[0], 'status').verdict, 'pass');
    const header = (args: string[]) =>
      runKep(['release', ...args, '--repo', repo.root]).stdout.split('\n')[0];
    assert.equal(
      header(['v1.35']),
      'Release v1.35, enhancements freeze, judged as the current release: 1 KEP, 0 ready, 1 not ready',
    );
    assert.equal(
      header(['v1.35', '--current', 'v1.36']),
      'Release v1.35, enhancements freeze, judged as past (current release v1.36): 1 KEP, 0 ready, 1 not ready',
    );
    // The code freeze takes implemented in the current release, by its own rule, and has fewer criteria.
    const code = report(repo.root, ['v1.35', '--freeze', 'code']);
    assert.equal(code.freeze, 'code');
    assert.deepEqual(
      code.criteria.map((c) => c.id),
      ['status', 'latest-milestone', 'stage-milestone', 'prr-approval', 'test-plan', 'unresolved'],
    );
    assert.equal(verdicts(code.keps[0]!).status, 'pass release/code-freeze-status');
    repo.edit(`${RESTART}/kep.yaml`, 'status: implemented', 'status: provisional');
    assert.equal(
      verdicts(report(repo.root, ['v1.35', '--freeze', 'code']).keps[0]!).status,
      'fail release/code-freeze-status',
    );
    const bad = runKep(['release', 'v1.35', '--current', '1.36', '--repo', repo.root]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--current 1\.36: expected a release vMAJOR\.MINOR/);
  } finally {
    repo.dispose();
  }
});

test('kep release with no KEP for the release says so and exits 0', () => {
  const repo = readyRepo([WATCHCACHE]);
  try {
    const empty = report(repo.root, ['v1.20', '--check']);
    assert.deepEqual(empty.keps, []);
    assert.ok(
      empty.notices.includes('no KEP targets v1.20 (none has latest-milestone v1.20)'),
      empty.notices.join('\n'),
    );
    const table = runKep(['release', 'v1.20', '--repo', repo.root]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /\nnote: no KEP targets v1\.20 \(none has latest-milestone v1\.20\)\n/);
    const md = runKep(['release', 'v1.20', '--repo', repo.root, '--format', 'md']);
    assert.match(md.stdout, /\n> no KEP targets v1\.20 \(none has latest-milestone v1\.20\)\n/);
  } finally {
    repo.dispose();
  }
});

test('kep release --check, --sig and KEP numbers select and gate the judged KEPs', () => {
  const repo = readyRepo();
  try {
    // 5307 as a provisional alpha KEP of v1.34: not ready; 4568 is ready for v1.34.
    repo.edit(`${RESTART}/kep.yaml`, 'latest-milestone: "v1.35"', 'latest-milestone: "v1.34"');
    repo.edit(`${RESTART}/kep.yaml`, /^stage: beta$/m, 'stage: alpha');
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: provisional');
    const dirs = (args: string[], status = 0) =>
      report(repo.root, ['v1.34', ...args], status).keps.map((kep) => kep.dir);
    assert.deepEqual(dirs([]), [WATCHCACHE, RESTART]);
    // --check: exit 1 while a judged KEP is not ready, 0 when every judged KEP is.
    assert.deepEqual(dirs(['--check'], 1), [WATCHCACHE, RESTART]);
    assert.deepEqual(dirs(['--check', '--sig', 'sig-api-machinery']), [WATCHCACHE]);
    assert.deepEqual(dirs(['--check', '--sig', 'sig-node'], 1), [RESTART]);
    assert.deepEqual(dirs(['--sig', 'sig-node,sig-api-machinery']), [WATCHCACHE, RESTART]);
    assert.deepEqual(dirs(['--sig', 'sig-node', '--sig', 'sig-api-machinery']), [WATCHCACHE, RESTART]);
    assert.deepEqual(dirs(['4568', '--check']), [WATCHCACHE]);
    assert.deepEqual(dirs(['5307', '--check'], 1), [RESTART]);
    assert.deepEqual(dirs(['4568', '5307']), [WATCHCACHE, RESTART]);
    const typo = runKep(['release', 'v1.34', '--sig', 'node', '--repo', repo.root]);
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /--sig node: no KEP is owned by that SIG; did you mean sig-node\?/);
    const unknown = runKep(['release', 'v1.34', '4567', '--repo', repo.root]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /4567: no KEP has that number/);
    const word = runKep(['release', 'v1.34', 'all', '--repo', repo.root]);
    assert.equal(word.status, 2);
    assert.match(word.stderr, /all: expected a KEP number/);
  } finally {
    repo.dispose();
  }
});

test('kep release prints tables, markdown and CSV with totals per stage and SIG', () => {
  const repo = readyRepo();
  try {
    // 5307 as a provisional alpha KEP of v1.34.
    repo.edit(`${RESTART}/kep.yaml`, 'latest-milestone: "v1.35"', 'latest-milestone: "v1.34"');
    repo.edit(`${RESTART}/kep.yaml`, /^stage: beta$/m, 'stage: alpha');
    repo.edit(`${RESTART}/kep.yaml`, 'status: implementable', 'status: provisional');
    const table = runKep(['release', 'v1.34', '--repo', repo.root]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(
      table.stdout,
      /^Release v1\.34, enhancements freeze, judged as the current release: 2 KEPs, \d ready, \d not ready\n/,
    );
    assert.match(table.stdout, /\n4568\s+stable\s+sig-api-machinery\s+ready\s+(ok\s+){8}Resilient/);
    assert.match(table.stdout, /\n5307\s+alpha\s+sig-node\s+not ready\s+FAIL\s+(ok\s+){7}Container/);
    assert.match(
      table.stdout,
      /\nNot ready:\nKEP 5307 Container Restart Policy \(alpha, sig-node\): keps\/sig-node\/5307-container-restart-policy\n {2}owners: @yuanwang04, @SergeyKanzhelev, @thockin, @dchen1107; PRR \S+\n {2}FAIL status \[release\/status\] status is provisional; a KEP targeting v1\.34 must be implementable\n/,
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
    const csv = runKep(['release', 'v1.34', '--repo', repo.root, '--format', 'csv']);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    assert.match(
      header!,
      /^kepNumber,title,dir,owningSig,stage,targetedBy,status,latestMilestone,authors,approvers,prrApprover,verdict,status verdict,status rule,status reason,latest-milestone,/,
    );
    // Every column name is there once (the status criterion's verdict no longer repeats "status").
    const names = header!.split(',');
    assert.deepEqual(
      names.filter((name, index) => names.indexOf(name) !== index),
      [],
    );
    assert.equal(rows.length, 2);
    const bad = runKep(['release', '1.34', '--repo', repo.root]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected a release vMAJOR\.MINOR/);
  } finally {
    repo.dispose();
  }
});

test('kep release v1.34 on the corpus judges exactly the KEPs whose YAML latest-milestone is v1.34, and lists the planned ones', () => {
  const expected: string[] = [];
  const plannedExpected: string[] = [];
  const is134 = (value: unknown) => typeof value === 'string' && /^v?1\.34$/.test(value.trim());
  const visit = (dir: string): void => {
    const entries = readdirSync(path.join(corpusRoot, dir), { withFileTypes: true });
    if (entries.some((entry) => entry.name === 'kep.yaml')) {
      if (dir.endsWith('-template')) return;
      const data =
        parse(readFileSync(path.join(corpusRoot, dir, 'kep.yaml'), 'utf8'), { schema: 'failsafe' }) ?? {};
      const milestones =
        data.milestone && typeof data.milestone === 'object' ? Object.values(data.milestone) : [];
      const latest = String(data['latest-milestone'] ?? '');
      const before = !/^v?\d+\.\d+$/.test(latest.trim()) || Number(latest.trim().replace(/^v?1\./, '')) < 34;
      if (is134(latest)) expected.push(dir);
      else if (milestones.some(is134) && before) plannedExpected.push(dir);
      return;
    }
    for (const entry of entries)
      if (entry.isDirectory() && entry.name !== 'prod-readiness') visit(`${dir}/${entry.name}`);
  };
  visit('keps');
  const result = report(corpusRoot, ['v1.34']);
  // A KEP whose status means stopped (replaced, withdrawn, …) is listed apart, not judged.
  const stoppedTargeting = result.stopped.filter((kep) => kep.targetedBy === 'latest-milestone');
  assert.deepEqual([...result.keps, ...stoppedTargeting].map((kep) => kep.dir).sort(), expected.sort());
  assert.deepEqual(
    [...result.planned, ...result.stopped.filter((kep) => kep.targetedBy !== 'latest-milestone')]
      .map((kep) => kep.dir)
      .sort(),
    plannedExpected.sort(),
  );
  for (const kep of result.planned) assert.match(kep.targetedBy, /^milestone\./, kep.dir);
  assert.ok(expected.length > 20);
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
});
