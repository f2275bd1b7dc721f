import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { allRules } from '../rules/registry.js';
import { corpusRepo, projectRoot, runKep, type TempRepo, withDisposed } from '../testing/fixtures.js';
import { dependencies, filesByDirectory, MAX_CONFIGURATIONS } from './cache.js';

const allRuleIds = allRules.map((rule) => rule.id);

const ROOTLESS = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FQDN = 'keps/sig-node/1797-configure-fqdn-as-hostname-for-pods';

/** Two clean corpus KEPs, one of them without its title: findings of metadata/required and the README rules. */
function untitledRepo(): TempRepo {
  const repo = corpusRepo([ROOTLESS, FQDN]);
  repo.edit(`${ROOTLESS}/kep.yaml`, /^title: .*\n/m, '');
  // Files written in the last two seconds are hashed on every run and never remembered: age them.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of readdirSync(repo.root, { recursive: true, encoding: 'utf8' }))
    utimesSync(repo.file(file), anHourAgo, anHourAgo);
  return repo;
}

/** A cache directory for a test body, removed afterwards. */
function withCacheDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-lint-cache-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lint = (repo: TempRepo, cacheDir: string, args: string[]) => {
  const run = runKep(['lint', '--repo', repo.root, ...args], { env: { KEPKIT_CACHE_DIR: cacheDir } });
  return { status: run.status, stdout: run.stdout };
};

/** The one configuration file of a cache that has been used with one configuration. */
function configurationFile(cacheDir: string): string {
  const files = readdirSync(path.join(repoCacheOf(cacheDir), 'lint')).filter(
    (f) => f !== 'release-scan.json',
  );
  assert.equal(files.length, 1, files.join(', '));
  return path.join('lint', files[0]!);
}

/** The one repository folder inside a cache directory. */
const repoCacheOf = (cacheDir: string) => path.join(cacheDir, readdirSync(cacheDir)[0]!);

test('lint cache: a rule switched off on one run is run again on the next (exit and findings as --no-cache)', () =>
  withDisposed(untitledRepo(), (repo) =>
    withCacheDir((cacheDir) => {
      assert.equal(lint(repo, cacheDir, ['--rule', 'metadata/required=off']).status, 0);
      const next = lint(repo, cacheDir, ['--format', 'json']);
      assert.equal(next.status, 1);
      assert.match(next.stdout, /"rule": "metadata\/required"/);
      assert.deepEqual(next, lint(repo, cacheDir, ['--format', 'json', '--no-cache']));

      lint(repo, cacheDir, ['--rule', 'readme=off']);
      const title = lint(repo, cacheDir, ['--rule', 'readme/title=error', '--format', 'json']);
      assert.deepEqual(
        title,
        lint(repo, cacheDir, ['--rule', 'readme/title=error', '--format', 'json', '--no-cache']),
      );
    }),
  ));

test('lint cache: every configuration, run after any other on one cache, reports what --no-cache reports', () =>
  withDisposed(untitledRepo(), (repo) =>
    withCacheDir((cacheDir) => {
      repo.edit(`${FQDN}/kep.yaml`, /^title: .*\n/m, '');
      const config = JSON.stringify({ rules: { 'metadata/required': 'warn', readme: 'off' } });
      const configurations: { name: string; args: string[]; config?: boolean }[] = [
        { name: 'defaults', args: [] },
        { name: 'metadata/required off', args: ['--rule', 'metadata/required=off'] },
        { name: 'readme off', args: ['--rule', 'readme=off'] },
        { name: 'readme/title error', args: ['--rule', 'readme/title=error'] },
        { name: 'strict', args: ['--strict'] },
        { name: 'quiet', args: ['--quiet'] },
        { name: 'release v1.37', args: ['--release', 'v1.37'] },
        { name: 'every rule off', args: ['--rule', '*=off'] },
        { name: 'json', args: ['--format', 'json'] },
        { name: 'config with rules', args: [], config: true },
        { name: 'config with rules, strict', args: ['--strict'], config: true },
        {
          name: 'readme off, strict, release',
          args: ['--rule', 'readme=off', '--strict', '--release', 'v1.37', '--format', 'json'],
        },
        { name: 'quiet, readme/title error', args: ['--quiet', '--rule', 'readme/title=error'] },
      ];
      const outputs = new Set<string>();
      // Each configuration follows another, most of them one with fewer or other rules, and the defaults come
      // again at the end. Between runs one KEP or the other (or neither) changes, so the cache holds entries
      // written under the previous configuration beside entries written under this one.
      const order = [...configurations, configurations[0]!];
      for (const [step, configuration] of order.entries()) {
        if (configuration.config) repo.write('kep.config.json', config);
        else repo.remove('kep.config.json');
        const changed = [ROOTLESS, FQDN, undefined][step % 3];
        if (changed) repo.write(`${changed}/README.md`, `${repo.read(`${changed}/README.md`)}\n`);
        const { name, args } = configuration;
        const expected = lint(repo, cacheDir, [...args, '--no-cache']);
        assert.deepEqual(lint(repo, cacheDir, args), expected, `${name} (step ${step})`);
        outputs.add(expected.stdout);
      }
      // The configurations do differ: the comparison is not between identical outputs.
      assert.ok(outputs.size >= 8);
    }),
  ));

/**
 * For each damage in turn, on one repository and cache: fill the cache (a run also repairs the last damage),
 * damage the file, and check that the next run reports as --no-cache does.
 */
function assertDamagesAreMisses(
  file: string,
  damages: Record<string, (value: Record<string, unknown>) => unknown>,
) {
  withDisposed(untitledRepo(), (repo) =>
    withCacheDir((cacheDir) => {
      const args = ['--format', 'json'];
      const expected = lint(repo, cacheDir, [...args, '--no-cache']);
      for (const [name, damage] of Object.entries(damages)) {
        assert.deepEqual(lint(repo, cacheDir, args), expected, `${name}: filling the cache`);
        const target = path.join(repoCacheOf(cacheDir), file === 'lint' ? configurationFile(cacheDir) : file);
        const damaged = damage(JSON.parse(readFileSync(target, 'utf8')));
        writeFileSync(target, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
        assert.deepEqual(lint(repo, cacheDir, args), expected, name);
      }
    }),
  );
}

type Entries = Record<string, { deps: unknown; result: { found: unknown; kep: unknown } }>;
const eachEntry = (value: Record<string, unknown>, change: (entry: Entries[string]) => void) => {
  for (const entry of Object.values(value.entries as Entries)) change(entry);
  return value;
};

test('lint cache: a lint.json of the wrong shape is a miss, not an unexpected error or a lost finding', () => {
  const damages: Record<string, (value: Record<string, unknown>) => unknown> = {
    'entries null': (value) => ({ ...value, entries: null }),
    'entries a list': (value) => ({ ...value, entries: [] }),
    'deps null': (value) => eachEntry(value, (entry) => (entry.deps = null)),
    'found a string': (value) => eachEntry(value, (entry) => (entry.result.found = 'zzz')),
    'a finding without its line': (value) =>
      eachEntry(value, (entry) => (entry.result.found = { 'metadata/required': [{ message: 'x' }] })),
    'kep a string': (value) => eachEntry(value, (entry) => (entry.result.kep = '2033')),
    'entry under another key': (value) => {
      const entries = value.entries as Entries;
      const [first, second] = Object.keys(entries);
      [entries[first!], entries[second!]] = [entries[second!]!, entries[first!]!];
      return value;
    },
    'context another': (value) => ({ ...value, context: 'f'.repeat(40) }),
    'a number': () => '42',
    null: () => 'null',
    'not JSON': () => '{"context":',
  };
  assertDamagesAreMisses('lint', damages);
});

test('lint cache: a release-scan.json of the wrong shape is a miss', () => {
  assertDamagesAreMisses('lint/release-scan.json', {
    'digest a number': (value) => ({ ...value, digest: 5 }),
    'release a number': (value) => ({ ...value, release: 1.37 }),
    'another digest, another release': () => ({ digest: 'x', release: 'v9.99' }),
    'not JSON': () => '{',
  });
});

test('lint cache: a fingerprints.json of the wrong shape is a miss', () => {
  const damages: Record<string, (value: Record<string, unknown>) => unknown> = {
    'entries null': (value) => ({ ...value, entries: null }),
    'entries a string': (value) => ({ ...value, entries: 'zzz' }),
    'a fingerprint a string': (value) => ({
      ...value,
      entries: Object.fromEntries(Object.keys(value.entries as object).map((file) => [file, 'zzz'])),
    }),
    'a hash a number': (value) => ({
      ...value,
      entries: Object.fromEntries(
        Object.entries(value.entries as Record<string, unknown[]>).map(([file, [, size, mtime]]) => [
          file,
          [7, size, mtime],
        ]),
      ),
    }),
    'a list': () => '[]',
  };
  assertDamagesAreMisses('fingerprints.json', damages);
});

test('build hash: two builds of different code with equal mtimes share no cache entry', () =>
  withDisposed(untitledRepo(), (repo) =>
    withCacheDir((cacheDir) => {
      // A second install of kepkit: a copy of the build with its mtimes, package.json and dependencies.
      const install = mkdtempSync(path.join(tmpdir(), 'kepkit-build-'));
      try {
        cpSync(path.join(projectRoot, 'dist'), path.join(install, 'dist'), {
          recursive: true,
          preserveTimestamps: true,
        });
        cpSync(path.join(projectRoot, 'package.json'), path.join(install, 'package.json'));
        symlinkSync(path.join(projectRoot, 'node_modules'), path.join(install, 'node_modules'));
        const kep = (...args: string[]) =>
          spawnSync(process.execPath, [path.join(install, 'dist/cli/main.js'), ...args], {
            encoding: 'utf8',
            env: { ...process.env, KEPKIT_CACHE_DIR: cacheDir },
          });
        const lintArgs = ['lint', '--repo', repo.root, '--format', 'json'];
        const hashOf = () => readFileSync(path.join(install, 'dist/build-hash.json'), 'utf8');

        const before = hashOf();
        assert.match(kep(...lintArgs).stdout, /\\"title\\" is required/);

        // A new rule message, with the file's mtime kept (`touch -r`), then the build's hash step.
        const rule = path.join(install, 'dist/rules/metadata/required.js');
        const times = statSync(rule);
        const compiled = readFileSync(rule, 'utf8');
        assert.ok(compiled.includes('is required'));
        writeFileSync(rule, compiled.replace('is required', 'is wanted'));
        utimesSync(rule, times.atime, times.mtime);
        const hashed = spawnSync(process.execPath, [
          path.join(projectRoot, 'scripts/build-hash.mjs'),
          path.join(install, 'dist'),
        ]);
        assert.equal(hashed.status, 0, String(hashed.stderr));
        assert.notEqual(hashOf(), before);

        const after = kep(...lintArgs).stdout;
        assert.match(after, /\\"title\\" is wanted/);
        assert.doesNotMatch(after, /is required/);
      } finally {
        rmSync(install, { recursive: true, force: true });
      }
    }),
  ));

test('lint cache: the files a result depends on are found with one pass over the repository’s files', () => {
  // 4,000 proposals of three files each: going over every file for each proposal (as a cold cached run of
  // 20k KEPs once did, 58% of its time) would read 48 million names; one pass reads 12,000.
  const files: string[] = [];
  for (let kep = 0; kep < 4000; kep++)
    for (const name of ['kep.yaml', 'README.md', 'OWNERS']) files.push(`keps/sig-x/${kep}-k/${name}`);
  let read = 0;
  const counted: Iterable<string> = {
    *[Symbol.iterator]() {
      for (const file of files) {
        read++;
        yield file;
      }
    },
  };
  const byDir = filesByDirectory(counted);
  for (let kep = 0; kep < 4000; kep++) {
    const deps = dependencies(byDir, { dir: `keps/sig-x/${kep}-k`, kep, found: {} }, (file) => file);
    assert.equal(Object.keys(deps).length, 3);
  }
  assert.equal(read, files.length);
});

test('lint cache: alternating configurations stay warm, and the least recently used beyond the bound go', () =>
  withDisposed(untitledRepo(), (repo) =>
    withCacheDir((cacheDir) => {
      const configurations = [[], ['--release', 'v1.30'], ['--rule', 'readme=off'], ['--strict']];
      const timed = (args: string[]) =>
        runKep(['lint', '--repo', repo.root, '--timing', ...args], { env: { KEPKIT_CACHE_DIR: cacheDir } });
      for (const args of configurations.slice(0, 3))
        assert.doesNotMatch(timed(args).stderr, /came from the cache/, args.join(' '));
      const files = () =>
        readdirSync(path.join(repoCacheOf(cacheDir), 'lint')).filter((f) => f !== 'release-scan.json');
      assert.equal(files().length, 3);
      // Strictness applies after the cache: it shares the defaults' entries.
      for (const args of [...configurations, ...configurations])
        assert.match(timed(args).stderr, /every proposal came from the cache/, args.join(' '));
      assert.equal(files().length, 3);

      // More configurations than the bound: the oldest are dropped, the latest stay warm.
      const many = Array.from({ length: MAX_CONFIGURATIONS + 3 }, (_, i) => [
        '--rule',
        `${allRuleIds[i]}=off`,
      ]);
      for (const args of many) timed(args);
      assert.equal(files().length, MAX_CONFIGURATIONS);
      assert.match(timed(many.at(-1)!).stderr, /every proposal came from the cache/);
      assert.doesNotMatch(timed(many[0]!).stderr, /came from the cache/);
    }),
  ));
