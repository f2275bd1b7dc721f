// Incremental `kep build-site`, checked against its oracle: after any change, the output tree of a build over
// an earlier output is byte for byte the tree of a clean build into an empty directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exampleRepo, runKep, type TempRepo } from '../../testing/fixtures.js';

/** Every file below `dir` (relative, `/`-separated) with its bytes, and every directory. */
function tree(dir: string): Map<string, Buffer | 'dir'> {
  const found = new Map<string, Buffer | 'dir'>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, entry);
    found.set(entry.split(path.sep).join('/'), statSync(full).isDirectory() ? 'dir' : readFileSync(full));
  }
  return found;
}

function assertSameTree(actual: string, expected: string): void {
  const a = tree(actual);
  const b = tree(expected);
  assert.deepEqual([...a.keys()], [...b.keys()], 'the same files and directories');
  // The pages first, the manifest last: a stale page is named before the manifest that records it.
  const pagesFirst = [...b].sort(
    ([x], [y]) => Number(x === '.kepkit-site.json') - Number(y === '.kepkit-site.json'),
  );
  for (const [file, bytes] of pagesFirst)
    assert.ok(
      a.get(file) === bytes || Buffer.compare(a.get(file) as Buffer, bytes as Buffer) === 0,
      `${file}: same bytes`,
    );
}

const git = (root: string, ...args: string[]) => {
  const run = spawnSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    },
  });
  assert.equal(run.status, 0, run.stderr);
};

/**
 * A copy of the example repository (a git repository with one commit when `useGit`), and `build(name)`: a
 * build into the output directory `name` of a temp dir (`outOf(name)`), with one cache for every build.
 */
function withBuilds(
  body: (repo: TempRepo, build: (name: string) => string, outOf: (name: string) => string) => void,
  useGit = false,
): void {
  const repo = exampleRepo();
  const work = mkdtempSync(path.join(tmpdir(), 'kepkit-incremental-'));
  const cache = path.join(work, 'cache');
  try {
    if (useGit) {
      rmSync(repo.file('.git'), { recursive: true, force: true });
      git(repo.root, 'init', '-q');
      git(repo.root, 'add', '-A');
      git(repo.root, 'commit', '-q', '-m', 'start');
    }
    const build = (out: string) => {
      const run = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', '/enhancements/'], {
        env: { KEPKIT_CACHE_DIR: cache },
      });
      assert.equal(run.status, 0, run.stderr);
      return run.stderr;
    };
    const outOf = (name: string) => path.join(work, name);
    body(repo, (name) => build(outOf(name)), outOf);
  } finally {
    repo.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

const KEP = 'keps/sig-node/5230-image-prefetch-hints';
const GONE = 'keps/sig-network/5407-endpointslice-zone-weights';
const COPIED = 'keps/sig-storage/5177-snapshot-retention-windows';

test('build-site over an earlier build equals a clean build after one KEP is edited, one deleted, one added', () =>
  withBuilds((repo, build, outOf) => {
    const first = build('site');
    const writtenFirst = Number(/wrote (\d+) files/.exec(first)?.[1]);
    assert.doesNotMatch(first, /unchanged/);
    // Nothing changed: nothing written.
    assert.match(build('site'), /wrote 0 files to .*, \d+ unchanged/);

    repo.edit(`${KEP}/kep.yaml`, /^title: .*$/m, 'title: Image prefetch hints, edited');
    repo.edit(`${KEP}/README.md`, /$/, '\nA paragraph added while the site was built.\n');
    const edited = build('site');
    const writtenAfterEdit = Number(/wrote (\d+) files/.exec(edited)?.[1]);
    // The KEP's page and JSON, and the pages drawn from every KEP (the list, the JSON list, its release, the
    // index, the statistics, keps.json): not the other proposals' pages, which are most of the site.
    assert.ok(writtenAfterEdit >= 3 && writtenAfterEdit < writtenFirst / 2, edited);
    build('clean-1');
    assertSameTree(outOf('site'), outOf('clean-1'));
    assert.match(readFileSync(path.join(outOf('site'), 'keps/5230/index.html'), 'utf8'), /edited/);

    rmSync(repo.file(GONE), { recursive: true });
    const gone = build('site');
    assert.match(gone, /removed \d+ of pages that are gone/);
    assert.ok(!existsSync(path.join(outOf('site'), 'keps/5407')), 'the gone KEP’s directory is removed');
    build('clean-2');
    assertSameTree(outOf('site'), outOf('clean-2'));

    const added = 'keps/sig-storage/5999-snapshot-retention-copies';
    cpSync(repo.file(COPIED), repo.file(added), { recursive: true });
    repo.edit(`${added}/kep.yaml`, /^kep-number: .*$/m, 'kep-number: 5999');
    build('site');
    assert.ok(existsSync(path.join(outOf('site'), 'keps/5999/index.html')));
    build('clean-3');
    assertSameTree(outOf('site'), outOf('clean-3'));

    // A site-wide input (the groups list) renders every page again: still the clean build's tree.
    repo.edit('sigs.yaml', 'sig-storage', 'sig-storage-renamed');
    build('site');
    build('clean-4');
    assertSameTree(outOf('site'), outOf('clean-4'));
  }));

test('build-site with git history: a commit that moves one KEP gives the clean build’s tree', () =>
  withBuilds((repo, build, outOf) => {
    build('site');
    repo.edit(`${KEP}/kep.yaml`, /^status: .*$/m, 'status: implemented');
    git(repo.root, 'commit', '-q', '-am', 'implemented');
    build('site');
    build('clean');
    assertSameTree(outOf('site'), outOf('clean'));
  }, true));

test('build-site removes only the files it wrote: a user’s file and an edited page of a gone KEP stay', () =>
  withBuilds((repo, build, outOf) => {
    build('site');
    const out = outOf('site');
    writeFileSync(path.join(out, 'CNAME'), 'keps.example.com\n');
    mkdirSync(path.join(out, 'keps/5407/notes'), { recursive: true });
    writeFileSync(path.join(out, 'keps/5407/notes/mine.txt'), 'mine\n');
    const gonePage = path.join(out, 'api/keps/5407.json');
    writeFileSync(gonePage, '{"edited": true}\n');
    rmSync(repo.file(GONE), { recursive: true });
    const run = build('site');
    assert.match(
      run,
      /api\/keps\/5407\.json: no longer a page, but edited since kepkit wrote it; left in place/,
    );
    assert.equal(readFileSync(path.join(out, 'CNAME'), 'utf8'), 'keps.example.com\n');
    assert.equal(readFileSync(path.join(out, 'keps/5407/notes/mine.txt'), 'utf8'), 'mine\n');
    assert.equal(readFileSync(gonePage, 'utf8'), '{"edited": true}\n');
    assert.ok(!existsSync(path.join(out, 'keps/5407/index.html')), 'the page kepkit wrote is removed');
    // A page of the site deleted by hand is written again, though its inputs did not change.
    rmSync(path.join(out, 'keps/5230/index.html'));
    assert.match(build('site'), /wrote 1 files/);
    assert.ok(existsSync(path.join(out, 'keps/5230/index.html')));
  }));

test('build-site ignores a manifest it did not write, and never deletes outside the output', () =>
  withBuilds((_repo, build, outOf) => {
    const out = outOf('site');
    const outside = path.join(path.dirname(out), 'outside.txt');
    writeFileSync(outside, 'keep me\n');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, '.kepkit-site.json'),
      '{"format":"kepkit-site-manifest/1","files":{"../outside.txt":{"input":"x","output":"x","size":8}}}',
    );
    build('site');
    assert.equal(readFileSync(outside, 'utf8'), 'keep me\n');
    writeFileSync(path.join(out, '.kepkit-site.json'), '{not json');
    assert.match(build('site'), /wrote \d+ files/);
    assert.equal(readFileSync(outside, 'utf8'), 'keep me\n');
  }));
