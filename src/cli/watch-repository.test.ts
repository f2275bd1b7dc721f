import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isIgnoredChange, watchRepository } from './watch-repository.js';

const KEP = 'keps/sig-node/5230-image-prefetch-hints';

/** A repository with one KEP, watched; `settle` waits until no change has come for a while and hands them over. */
async function watched(
  body: (root: string, settle: () => Promise<string[]>) => Promise<void>,
): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-watch-'));
  mkdirSync(path.join(root, KEP), { recursive: true });
  writeFileSync(path.join(root, KEP, 'kep.yaml'), 'title: x\n');
  writeFileSync(path.join(root, KEP, 'README.md'), '# x\n');
  mkdirSync(path.join(root, '.git'));
  let seen: string[] = [];
  let last = Date.now();
  const watcher = await watchRepository(
    root,
    (file) => {
      seen.push(file);
      last = Date.now();
    },
    (error) => assert.fail(error),
  );
  const settle = async () => {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (seen.length === 0 || Date.now() - last < 300))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const taken = [...new Set(seen)].sort();
    seen = [];
    return taken;
  };
  try {
    await body(root, settle);
  } finally {
    await watcher.close();
    rmSync(root, { recursive: true, force: true });
  }
}

test('a directory renamed to a name that extends its old one, then deleted: both are reported', () =>
  watched(async (root, settle) => {
    const renamed = `${KEP}-renamed`;
    renameSync(path.join(root, KEP), path.join(root, renamed));
    const afterRename = await settle();
    assert.ok(afterRename.includes(KEP), `the old directory is reported: ${afterRename}`);
    assert.ok(afterRename.includes(renamed), `the new directory is reported: ${afterRename}`);
    rmSync(path.join(root, renamed), { recursive: true });
    const afterDelete = await settle();
    assert.ok(afterDelete.includes(renamed), `the deletion is reported: ${afterDelete}`);
    // A file written in a directory made after watching began is seen as well.
    mkdirSync(path.join(root, 'keps/sig-new/6000-fresh'), { recursive: true });
    await settle();
    writeFileSync(path.join(root, 'keps/sig-new/6000-fresh/kep.yaml'), 'title: y\n');
    assert.deepEqual(await settle(), ['keps/sig-new/6000-fresh/kep.yaml']);
  }));

test("git's own files and kepkit's temporary files are not reported; a README save is", () =>
  watched(async (root, settle) => {
    writeFileSync(path.join(root, '.git', 'index'), 'x');
    writeFileSync(path.join(root, KEP, '.README.md.1234.0123abcd.tmp'), 'x');
    writeFileSync(path.join(root, KEP, 'README.md'), '# y\n');
    assert.deepEqual(await settle(), [`${KEP}/README.md`]);
  }));

test('a symbolic link is reported as itself and never followed out of the repository', () =>
  watched(async (root, settle) => {
    const outside = mkdtempSync(path.join(tmpdir(), 'kepkit-outside-'));
    try {
      symlinkSync(outside, path.join(root, 'keps/outside'));
      assert.deepEqual(await settle(), ['keps/outside']);
      writeFileSync(path.join(outside, 'secret.md'), 'x');
      writeFileSync(path.join(root, KEP, 'kep.yaml'), 'title: z\n');
      assert.deepEqual(await settle(), [`${KEP}/kep.yaml`], 'nothing under the link target');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  }));

/**
 * Run `script` in a fresh Node process that has a watched repository at `root` (a `watcher` and the `root`
 * variables), with every fs.watch call recorded in `watched`; the script's last line prints what it reports.
 * The process must end by itself: a watch left open keeps it running, and it is then stopped after 10 s.
 */
function inOwnProcess(script: string): { output: string; exitedByItself: boolean } {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-watch-'));
  // Two groups: with one, chokidar did not reach the parent of a removed root.
  for (const kep of [KEP, 'keps/sig-apps/1-other']) {
    mkdirSync(path.join(root, kep), { recursive: true });
    writeFileSync(path.join(root, kep, 'kep.yaml'), 'title: x\n');
  }
  const program = `
    import fs from 'node:fs';
    import { syncBuiltinESMExports } from 'node:module';
    const watched = [];
    const watch = fs.watch;
    fs.watch = function (file, ...rest) { watched.push(file); return watch.call(this, file, ...rest); };
    syncBuiltinESMExports();
    const { watchRepository } = await import(${JSON.stringify(new URL('./watch-repository.js', import.meta.url).href)});
    const root = ${JSON.stringify(root)};
    const watcher = await watchRepository(root, () => {}, (error) => { throw error; });
    ${script}`;
  try {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.equal(run.stderr, '');
    return { output: run.stdout.trim(), exitedByItself: run.status === 0 && run.signal === null };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the root removed and the watcher closed at once: nothing outside the root is watched, the process ends', () => {
  // chokidar 4.0.3 watched the root's parent here, after close, and the process never ended (kep serve after
  // Ctrl-C while its repository was being removed).
  const { output, exitedByItself } = inOwnProcess(`
    fs.rmSync(root, { recursive: true });
    // The removal's events arrive, and the watcher is closed while chokidar still handles them.
    await new Promise((resolve) => setTimeout(resolve, 1));
    await watcher.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(JSON.stringify(watched.filter((file) => file !== root && !file.startsWith(root + '/'))));`);
  assert.equal(output, '[]', 'watched outside the root');
  assert.ok(exitedByItself, 'the process ended by itself');
});

test('a watcher never keeps the process running: the server that uses it does', () => {
  const { output, exitedByItself } = inOwnProcess(`console.log(watched.length > 0);`);
  assert.equal(output, 'true', 'the repository is watched');
  assert.ok(exitedByItself, 'the process ended with the watcher still open');
});

test('which paths are not the repository content', () => {
  const cases: [string, boolean][] = [
    ['.git', true],
    ['.git/index', true],
    ['.github/workflows/ci.yaml', false],
    ['keps/sig-node/1-x/.README.md.42.0123abcd.tmp', true],
    ['keps/sig-node/1-x/.kep.yaml.42.restore.tmp', true],
    ['keps/sig-node/1-x/notes.tmp', false],
    ['keps/sig-node/1-x/README.md', false],
  ];
  for (const [file, ignored] of cases) assert.equal(isIgnoredChange(file), ignored, file);
});
