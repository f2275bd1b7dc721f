// keps.json against kepify's shape: the JSON tags of kubernetes/enhancements' `api.Proposal` (api/proposal.go,
// in the struct's order) written down here, the values read from each kep.yaml by the YAML parser directly, and
// `kep index --format kepify` (the catalog's path to the same records).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { corpusRepo, runKep, sigsFile, type TempRepo } from '../testing/fixtures.js';

/** `api.Proposal`'s fields as its JSON tags name them, in order, with the kep.yaml key and the JSON kind. */
const PROPOSAL_FIELDS: [
  json: string,
  yaml: string | null,
  kind: 'string' | 'list' | 'milestone' | 'gates' | 'boolean',
][] = [
  ['id', null, 'string'],
  // prNumber is omitempty and set only from pull requests.
  ['name', null, 'string'],
  ['path', null, 'string'],
  ['title', 'title', 'string'],
  ['kepNumber', 'kep-number', 'string'],
  ['authors', 'authors', 'list'],
  ['owningSig', 'owning-sig', 'string'],
  ['participatingSigs', 'participating-sigs', 'list'],
  ['reviewers', 'reviewers', 'list'],
  ['approvers', 'approvers', 'list'],
  ['editor', 'editor', 'string'],
  ['creationDate', 'creation-date', 'string'],
  ['lastUpdated', 'last-updated', 'string'],
  ['status', 'status', 'string'],
  ['seeAlso', 'see-also', 'list'],
  ['replaces', 'replaces', 'list'],
  ['supersededBy', 'superseded-by', 'list'],
  ['stage', 'stage', 'string'],
  ['latestMilestone', 'latest-milestone', 'string'],
  ['milestone', 'milestone', 'milestone'],
  ['featureGates', 'feature-gates', 'gates'],
  ['disableSupported', 'disable-supported', 'boolean'],
  ['metrics', 'metrics', 'list'],
  ['markdown', null, 'string'],
];
const MILESTONE_FIELDS = ['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled'];

const KEPS = [
  'keps/sig-node/2033-kubelet-in-userns-aka-rootless',
  'keps/sig-node/1287-in-place-update-pod-resources',
  'keps/sig-api-machinery/1929-built-in-default',
  'keps/sig-apps/2255-pod-cost',
];

let repo: TempRepo;
let out: string;
let keps: Record<string, unknown>[];

before(() => {
  repo = corpusRepo(KEPS);
  // Hostile text in a README stays text in the JSON, and can break out of nothing.
  repo.edit(`${KEPS[3]}/README.md`, /^/, '<script>alert("x")</script> & \u202e\n');
  out = mkdtempSync(path.join(tmpdir(), 'kepkit-kepify-'));
  const built = runKep(['build-site', '--repo', repo.root, '--groups', sigsFile, '--out', out]);
  assert.equal(built.status, 0, built.stderr);
  keps = JSON.parse(readFileSync(path.join(out, 'keps.json'), 'utf8'));
});

after(() => {
  repo.dispose();
  rmSync(out, { recursive: true, force: true });
});

/** A YAML scalar as Go's YAML decoder puts it into a string field (dates and numbers as written). */
const goString = (value: unknown) => (value === undefined || value === null ? '' : String(value));

test('keps.json is an array of kepify proposals: its fields, in its order, of its kinds', () => {
  assert.ok(Array.isArray(keps));
  assert.equal(keps.length, KEPS.length);
  for (const kep of keps) {
    assert.deepEqual(
      Object.keys(kep),
      PROPOSAL_FIELDS.map(([json]) => json),
    );
    for (const [json, , kind] of PROPOSAL_FIELDS) {
      const value = kep[json];
      if (kind === 'string') assert.equal(typeof value, 'string', json);
      if (kind === 'boolean') assert.equal(typeof value, 'boolean', json);
      if (kind === 'list')
        assert.ok(
          value === null || (Array.isArray(value) && value.every((item) => typeof item === 'string')),
          json,
        );
      if (kind === 'milestone') assert.deepEqual(Object.keys(value as object), MILESTONE_FIELDS);
      if (kind === 'gates')
        assert.ok(
          value === null ||
            (value as { name: unknown; components: unknown }[]).every(
              (gate) => Object.keys(gate).join() === 'name,components' && typeof gate.name === 'string',
            ),
          json,
        );
    }
  }
});

test('each proposal carries its kep.yaml values, its README, and upstream’s id, name and path', () => {
  const byPath = new Map(keps.map((kep) => [`keps/${kep.path}`, kep]));
  for (const dir of KEPS) {
    const kep = byPath.get(dir)!;
    assert.ok(kep, dir);
    const yaml = parse(repo.read(`${dir}/kep.yaml`)) as Record<string, unknown>;
    for (const [json, key, kind] of PROPOSAL_FIELDS) {
      if (key === null) continue;
      const raw = yaml[key];
      if (kind === 'string') assert.equal(kep[json], goString(raw), `${dir} ${json}`);
      // Go leaves a slice that the YAML lacks nil: null in JSON.
      if (kind === 'list')
        assert.deepEqual(kep[json], raw === undefined || raw === null ? null : raw, `${dir} ${json}`);
      if (kind === 'boolean') assert.equal(kep[json], raw === true, `${dir} ${json}`);
      if (kind === 'milestone')
        assert.deepEqual(
          kep[json],
          Object.fromEntries(
            MILESTONE_FIELDS.map((stage) => [
              stage,
              goString((raw as Record<string, unknown> | undefined)?.[stage]),
            ]),
          ),
          `${dir} ${json}`,
        );
      if (kind === 'gates')
        assert.deepEqual(
          kep[json],
          raw === undefined || raw === null
            ? null
            : (raw as { name: string; components?: string[] }[]).map((gate) => ({
                name: gate.name,
                components: gate.components ?? [],
              })),
          `${dir} ${json}`,
        );
    }
    assert.equal(kep.id, createHash('md5').update(`${yaml['owning-sig']}:${yaml.title}`).digest('hex'));
    assert.equal(kep.name, path.basename(dir));
    assert.equal(kep.markdown, repo.read(`${dir}/README.md`));
  }
});

test('keps.json holds what kep index --format kepify writes', () => {
  const index = runKep(['index', '--repo', repo.root, '--groups', sigsFile, '--no-cache']);
  assert.equal(index.status, 0, index.stderr);
  const byPath = (records: Record<string, unknown>[]) =>
    [...records].sort((a, b) => String(a.path).localeCompare(String(b.path)));
  assert.deepEqual(byPath(keps), byPath(JSON.parse(index.stdout)));
});

test('like Go’s encoder, <, > and & are \\u escapes; bidi controls too; the text reads back unchanged', () => {
  const text = readFileSync(path.join(out, 'keps.json'), 'utf8');
  assert.doesNotMatch(text, /[<>&\u202e]/);
  assert.match(text, /\\u003cscript\\u003ealert\(\\"x\\"\)\\u003c\/script\\u003e \\u0026 \\u202e/);
  const pod = keps.find((kep) => kep.path === 'sig-apps/2255-pod-cost')!;
  assert.ok((pod.markdown as string).startsWith('<script>alert("x")</script> & \u202e\n'));
});
