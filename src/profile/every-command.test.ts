// Every command on every profile: the four corpora, each with its profile, through the built CLI. A run exits
// 0 or 1, prints no stack trace, and its output makes sense for the process; a command whose data a process
// lacks says so on stderr and exits 0.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ProcessProfile } from '../model/index.js';
import { makeWritable, projectRoot, runKep } from '../testing/fixtures.js';
import { loadProfileFile, profileNamed } from './index.js';

const corpus = (name: string) => path.resolve(projectRoot, '../shared/corpus', name);

interface Case {
  name: string;
  repo: string;
  /** `--profile …` where the profile is not detected. */
  profileArgs: string[];
  profile: () => ProcessProfile;
  /** A proposal named by path and by number (or by path only), and an edit of its tracked status. */
  named: { ids: string[]; file: string; from: string | RegExp; to: string; status: string };
}

const CASES: Case[] = [
  {
    name: 'kubernetes',
    repo: corpus('kubernetes-enhancements'),
    profileArgs: [],
    profile: () => profileNamed('kubernetes')!,
    named: {
      ids: ['2400', 'keps/sig-node/2400-node-swap', 'sig-node/2400-node-swap/'],
      file: 'keps/sig-node/2400-node-swap/kep.yaml',
      from: /^status: .*$/m,
      to: 'status: withdrawn',
      status: 'withdrawn',
    },
  },
  {
    name: 'openshift',
    repo: corpus('openshift-enhancements'),
    profileArgs: [],
    profile: () => profileNamed('openshift')!,
    named: {
      ids: ['network/no_overlay_mode.md', 'enhancements/network/no_overlay_mode.md'],
      file: 'enhancements/network/no_overlay_mode.md',
      from: 'title: no_overlay_mode\n',
      to: 'title: no_overlay_mode\nstatus: implementable\n',
      status: 'implementable',
    },
  },
  {
    name: 'tekton',
    repo: corpus('tekton-community'),
    profileArgs: ['--profile', path.join(projectRoot, 'examples/profiles/tekton.yaml')],
    profile: () => loadProfileFile(path.join(projectRoot, 'examples/profiles/tekton.yaml')),
    named: {
      ids: ['0037', '37', 'teps/0037-remove-gcs-fetcher.md', '0037-remove-gcs-fetcher.md'],
      file: 'teps/0037-remove-gcs-fetcher.md',
      from: 'status: implementing',
      to: 'status: implemented',
      status: 'implemented',
    },
  },
  {
    name: 'gateway-api',
    repo: corpus('gateway-api'),
    profileArgs: ['--profile', path.join(projectRoot, 'examples/profiles/gateway-api.yaml')],
    profile: () => loadProfileFile(path.join(projectRoot, 'examples/profiles/gateway-api.yaml')),
    named: {
      ids: ['2659', 'geps/gep-2659', 'gep-2659'],
      file: 'geps/gep-2659/metadata.yaml',
      from: 'status: Accepted',
      to: 'status: Standard',
      status: 'Standard',
    },
  },
];

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

function kep(c: Case, args: string[], repo = c.repo) {
  const run = runKep([...args, '--repo', repo, ...c.profileArgs]);
  assert.doesNotMatch(run.stderr, STACK_TRACE, `${args.join(' ')}: stack trace\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /unexpected error/i, `${args.join(' ')}: ${run.stderr}`);
  return run;
}

const hasMilestones = (profile: ProcessProfile) =>
  profile.metadata.keys.latestMilestone !== '' ||
  (profile.metadata.keys.milestones !== '' && profile.metadata.stages.length > 0);

function git(cwd: string, args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

for (const c of CASES) {
  describe(`every command on the ${c.name} corpus`, () => {
    const profile = c.profile();

    test('lint exits 0 or 1 with a JSON list of findings', () => {
      const run = kep(c, ['lint', '--no-cache', '--format', 'json']);
      assert.ok(run.status === 0 || run.status === 1, `${run.status}: ${run.stderr}`);
      assert.ok(Array.isArray(JSON.parse(run.stdout)));
    });

    test('toc checks the tables of contents, or says the process keeps none and exits 0', () => {
      const run = kep(c, ['toc']);
      if (profile.toc) {
        assert.ok(run.status === 0 || run.status === 1, `${run.status}: ${run.stderr}`);
      } else {
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, new RegExp(`the ${c.name} profile keeps no tables of contents`));
      }
    });

    test('query lists as many proposals as index, each with its proposalId', () => {
      const query = kep(c, ['query', '--format', 'json', '--no-cache']);
      assert.equal(query.status, 0, query.stderr);
      const index = kep(c, ['index', '--no-cache']);
      assert.equal(index.status, 0, index.stderr);
      const rows = JSON.parse(query.stdout) as { proposalId: string }[];
      const records = JSON.parse(index.stdout) as unknown[];
      assert.ok(rows.length > 0);
      assert.equal(rows.length, records.length);
      for (const row of rows) assert.equal(typeof row.proposalId, 'string');
      const table = kep(c, ['query', '--no-cache']);
      assert.equal(table.status, 0, table.stderr);
    });

    test('query --id takes the ids the history takes', () => {
      for (const id of c.named.ids) {
        const run = kep(c, ['query', '--id', id, '--format', 'json', '--no-cache']);
        assert.equal(run.status, 0, run.stderr);
        const rows = JSON.parse(run.stdout) as { proposalId: string }[];
        assert.equal(rows.length, 1, `${id}: ${run.stdout}`);
      }
    });

    test('index --format kepkit gives each proposal its proposalId', () => {
      const run = kep(c, ['index', '--format', 'kepkit', '--no-cache']);
      assert.equal(run.status, 0, run.stderr);
      const index = JSON.parse(run.stdout) as { proposals: { proposalId: string; number: number | null }[] };
      assert.ok(index.proposals.length > 0);
      for (const proposal of index.proposals) {
        if (proposal.number !== null) assert.equal(proposal.proposalId, String(proposal.number));
        else assert.ok(proposal.proposalId.length > 0);
      }
    });

    test("schema prints a JSON Schema whose properties are the profile's metadata fields", () => {
      const run = kep(c, ['schema']);
      assert.equal(run.status, 0, run.stderr);
      const schema = JSON.parse(run.stdout) as { $schema: string; properties: Record<string, unknown> };
      assert.match(schema.$schema, /json-schema\.org/);
      assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(profile.metadata.fields).sort());
    });

    test('release reports, or says the process has no release milestones and exits 0', () => {
      const run = kep(c, ['release', 'v1.34', '--format', 'json', '--no-cache']);
      assert.equal(run.status, 0, run.stderr);
      if (hasMilestones(profile)) {
        const report = JSON.parse(run.stdout) as {
          keps: { proposalId: string; status: string }[];
          stopped: { status: string }[];
        };
        for (const kep of report.keps)
          assert.notEqual(profile.metadata.statusMeanings[kep.status], 'stopped');
        for (const kep of report.stopped)
          assert.equal(profile.metadata.statusMeanings[kep.status], 'stopped');
      } else {
        assert.equal(run.stdout, '');
        assert.match(
          run.stderr,
          new RegExp(`the ${c.name} profile has no release milestones; nothing to report`),
        );
      }
    });

    describe('history, on a git copy with one status change', () => {
      let dir: string;
      let repo: string;
      before(() => {
        dir = mkdtempSync(path.join(tmpdir(), `kepkit-every-${c.name}-`));
        repo = path.join(dir, 'repo');
        cpSync(c.repo, repo, { recursive: true });
        makeWritable(repo);
        git(repo, ['init', '--quiet']);
        git(repo, ['add', '-A']);
        git(repo, ['commit', '--quiet', '-m', 'corpus']);
        const file = path.join(repo, c.named.file);
        const before = readFileSync(file, 'utf8');
        const edited = before.replace(c.named.from, c.named.to);
        assert.notEqual(edited, before);
        writeFileSync(file, edited);
        git(repo, ['commit', '--quiet', '-am', 'status']);
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      test('history follows the proposals and names one by each of its ids', () => {
        const all = kep(c, ['history', '--format', 'json', '--no-cache'], repo);
        assert.equal(all.status, 0, all.stderr);
        const rows = JSON.parse(all.stdout) as { kep: number | null; path: string; proposalId: string }[];
        assert.ok(rows.length > 0);
        const key = profile.layout.kind === 'file' ? c.named.file : path.posix.dirname(c.named.file);
        for (const id of c.named.ids) {
          const run = kep(c, ['history', id, '--format', 'json', '--no-cache'], repo);
          assert.equal(run.status, 0, `${id}: ${run.stderr}`);
          const named = JSON.parse(run.stdout) as {
            path: string;
            proposalId: string;
            events: { field: string; to: string | null; commit: string }[];
          }[];
          assert.deepEqual(
            named.map((row) => row.path),
            [key],
            id,
          );
          const statusKey = profile.metadata.keys.status;
          const last = named[0]!.events.filter((event) => event.field === statusKey).at(-1);
          assert.equal(last?.to, c.named.status, id);
        }
        const missing = kep(c, ['history', 'no/such/proposal.md', '--no-cache'], repo);
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /no proposal at no\/such\/proposal\.md/);
      });

      test('history --stuck lists stuck proposals, or says the process has no stages and exits 0', () => {
        const run = kep(c, ['history', '--stuck', '--format', 'json', '--no-cache'], repo);
        assert.equal(run.status, 0, run.stderr);
        const rows = JSON.parse(run.stdout) as { status: string | null; proposalId: string }[];
        if (profile.metadata.stageOrder.length < 2) {
          assert.deepEqual(rows, []);
          assert.match(
            run.stderr,
            new RegExp(`the ${c.name} profile has no stages; no proposal can be stuck`),
          );
        } else {
          for (const row of rows)
            assert.equal(profile.metadata.statusMeanings[row.status ?? ''] ?? 'open', 'open', row.proposalId);
        }
      });
    });
  });
}
