import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { corpusRepo, runKep, type TempRepo, withDisposed } from '../../testing/fixtures.js';

const KEPS = [
  'keps/sig-node/2033-kubelet-in-userns-aka-rootless',
  'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods',
  'keps/sig-network/0752-endpointslices',
];

type Damage = (value: Record<string, unknown>) => unknown;

/**
 * For each damage in turn, on one repository and cache directory: fill the cache (a run also repairs the last
 * damage), damage the file, and check that the next run prints what --no-cache prints, with its exit code.
 */
function assertDamagesAreMisses(
  repo: TempRepo,
  args: string[],
  file: string,
  damages: Record<string, Damage>,
) {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-query-cache-'));
  const kep = (...extra: string[]) => {
    const run = runKep([...args, '--repo', repo.root, ...extra], { env: { KEPKIT_CACHE_DIR: cacheDir } });
    return { status: run.status, stdout: run.stdout };
  };
  try {
    const expected = kep('--no-cache');
    assert.equal(expected.status, 0);
    for (const [name, damage] of Object.entries(damages)) {
      assert.deepEqual(kep(), expected, `${name}: filling the cache`);
      const target = path.join(cacheDir, readdirSync(cacheDir)[0]!, file);
      const damaged = damage(JSON.parse(readFileSync(target, 'utf8')));
      writeFileSync(target, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
      assert.deepEqual(kep(), expected, name);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

type Stored = Record<string, Record<string, unknown>>;
const eachEntry = (value: Record<string, unknown>, change: (entry: Record<string, unknown>) => void) => {
  for (const entry of Object.values(value.entries as Stored)) change(entry);
  return value;
};

test('query: a catalog cache of the wrong shape is a miss, not an unexpected error or a wrong answer', () =>
  withDisposed(corpusRepo(KEPS), (repo) =>
    assertDamagesAreMisses(repo, ['query', '--format', 'json'], 'query/query-catalog.json', {
      'entries null': (value) => ({ ...value, entries: null }),
      'metadata fingerprint null': (value) => eachEntry(value, (entry) => (entry.metadata = null)),
      'record a string': (value) => eachEntry(value, (entry) => (entry.record = 'zzz')),
      'authors a string': (value) =>
        eachEntry(value, (entry) => ((entry.record as Record<string, unknown>).authors = 'zzz')),
      'title a number': (value) =>
        eachEntry(value, (entry) => ((entry.record as Record<string, unknown>).title = 7)),
      'feature gates of the wrong shape': (value) =>
        eachEntry(value, (entry) => ((entry.record as Record<string, unknown>).featureGates = [{ name: 1 }])),
      'number a string': (value) => eachEntry(value, (entry) => (entry.number = '2033')),
      'prrApprovers a list': (value) => eachEntry(value, (entry) => (entry.prrApprovers = ['x'])),
      'one entry dropped from a cached walk': (value) => {
        const entries = value.entries as Stored;
        entries[Object.keys(entries)[0]!]!.metadata = 'zzz';
        return value;
      },
      'layout null': (value) => ({ ...value, layout: null }),
      'groups a string': (value) => ({ ...value, groups: 'sig-node' }),
      'groupsDeps null': (value) => ({ ...value, groupsDeps: null }),
      'walk dirs null': (value) => ({ ...value, walk: { dirs: null } }),
      'a list': () => '[]',
      'not JSON': () => '{"key":',
    }),
  ));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

test('history: a history cache of the wrong shape is a miss, not an unexpected error or a wrong answer', () =>
  withDisposed(corpusRepo(KEPS), (repo) => {
    repo.remove('.git');
    git(repo.root, 'init', '-q');
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'first');
    repo.edit(`${KEPS[0]}/kep.yaml`, /^status: .*$/m, 'status: withdrawn');
    git(repo.root, 'commit', '-qam', 'second');
    const tracks = (value: Record<string, unknown>) => value.tracks as Record<string, unknown>[];
    assertDamagesAreMisses(repo, ['history', '--format', 'json'], 'history.json', {
      'tracks null': (value) => ({ ...value, tracks: null }),
      'events null': (value) => {
        for (const track of tracks(value)) track.events = null;
        return value;
      },
      'a track not at its index': (value) => {
        tracks(value)[0]!.id = 5;
        return value;
      },
      'a path naming no track': (value) => ({ ...value, pathTrack: { [`${KEPS[0]}/kep.yaml`]: 99 } }),
      'fields a string': (value) => {
        for (const track of tracks(value)) track.current = 'zzz';
        return value;
      },
      'head a number': (value) => ({ ...value, head: 5 }),
      'not JSON': () => '[',
    });
  }));
