import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { TEMP_FILE_NAME } from '../../load/files.js';
import type { Diagnostic } from '../../model/index.js';
import {
  cliPath,
  corpusRepo,
  corpusRoot,
  exampleRepo,
  runKep,
  type TempRepo,
} from '../../testing/fixtures.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const README = `${KEP}/README.md`;

test('kep lint --fix: regenerates a broken table of contents to upstream’s bytes and reports what remains', () => {
  const repo = corpusRepo([KEP]);
  try {
    const upstream = readFileSync(path.join(corpusRoot, README));
    repo.edit(README, '- [Summary](#summary)', '- [Summary](#sumary)');
    const before = runKep(['lint', '--repo', repo.root, '--format', 'json']);
    const found = JSON.parse(before.stdout) as Diagnostic[];
    assert.ok(found.some((d) => d.rule === 'readme/toc' && d.fix !== undefined));

    const run = runKep(['lint', '--fix', '--repo', repo.root, '--format', 'json']);
    assert.match(run.stderr, /fixed 1 problem in 1 file/);
    assert.ok(
      readFileSync(repo.file(README)).equals(upstream),
      'the README is byte for byte what upstream has',
    );
    const remaining = JSON.parse(run.stdout) as Diagnostic[];
    assert.equal(
      remaining.filter((d) => d.rule === 'readme/toc').length,
      0,
      'the fixed finding is gone from the report',
    );
    // Nothing else was touched, and a second run has nothing to fix.
    assert.deepEqual(
      remaining.map((d) => `${d.rule} ${d.file}`),
      found.filter((d) => d.rule !== 'readme/toc').map((d) => `${d.rule} ${d.file}`),
    );
    const again = runKep(['lint', '--fix', '--repo', repo.root, '--format', 'json']);
    assert.doesNotMatch(again.stderr, /fixed/);
  } finally {
    repo.dispose();
  }
});

/** An example repo with `copies` more KEPs whose tables of contents are out of date (copies of 5355). */
function repoWithOutdatedTocs(copies: number): TempRepo {
  const repo = exampleRepo();
  const source = repo.file('keps/sig-node/5355-container-restart-reasons');
  for (let index = 0; index < copies; index++)
    cpSync(source, repo.file(`keps/sig-node/${7000 + index}-restart-reasons-copy`), { recursive: true });
  return repo;
}

function leftoverTempFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) =>
    TEMP_FILE_NAME.test(path.basename(name)),
  );
}

test('kep lint --fix: writes a missing v into milestones and the directory’s number into kep-number, and nothing else', () => {
  const repo = corpusRepo([KEP]);
  try {
    const metadata = `${KEP}/kep.yaml`;
    const original = repo.read(metadata);
    repo.edit(metadata, /^latest-milestone: "v1.37"$/m, 'latest-milestone: "1.37"');
    repo.edit(metadata, /^kep-number: 2033$/m, 'kep-number: 2303');
    repo.edit(metadata, '  alpha: "v1.22"', '  alpha: TBD');
    const run = runKep(['lint', '--fix', '--repo', repo.root, '--format', 'json']);
    assert.match(run.stderr, /fixed 2 problems in 1 file/);
    assert.equal(repo.read(metadata), original.replace('  alpha: "v1.22"', '  alpha: TBD'));
    const remaining = (JSON.parse(run.stdout) as Diagnostic[]).filter((d) => d.file === metadata);
    assert.deepEqual(
      remaining.map((d) => `${d.rule} ${d.message}`),
      ['metadata/milestone-format "milestone.alpha" is "TBD"; expected vMAJOR.MINOR, e.g. v1.31'],
    );
  } finally {
    repo.dispose();
  }
});

test('kep lint --fix interrupted by SIGTERM or SIGINT leaves no temporary file behind', async () => {
  const repo = repoWithOutdatedTocs(150);
  try {
    const pristine = new Map(
      readdirSync(repo.root, { recursive: true, encoding: 'utf8' }).map((name) => [name, true]),
    );
    let interrupted = 0;
    for (const [index, signal] of (
      ['SIGTERM', 'SIGINT', 'SIGTERM', 'SIGINT', 'SIGTERM', 'SIGINT'] as const
    ).entries()) {
      // Reset the READMEs so that every run has writing to do.
      for (let copy = 0; copy < 150; copy++)
        cpSync(
          repo.file('keps/sig-node/5355-container-restart-reasons/README.md'),
          repo.file(`keps/sig-node/${7000 + copy}-restart-reasons-copy/README.md`),
        );
      const child = spawn(process.execPath, [cliPath, 'lint', '--fix', '--no-cache', '--repo', repo.root], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const closed = new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      // Kill at different moments of the run: loading, checking, writing.
      await new Promise((resolve) => setTimeout(resolve, 700 + index * 300));
      child.kill(signal);
      const code = await closed;
      // Killed outright while checking, or (while writing) once the writes are done: either way, not finished.
      if (code === null || code === 128 + (signal === 'SIGTERM' ? 15 : 2)) interrupted++;
      assert.ok(!/unexpected error|at .*\.js:\d+/.test(stderr), stderr);
      assert.deepEqual(leftoverTempFiles(repo.root), [], `after ${signal} at run ${index}`);
    }
    assert.ok(interrupted > 0, 'at least one run was interrupted');
    assert.ok(pristine.size > 0);
  } finally {
    repo.dispose();
  }
});

test('kep lint --fix removes the temporary files a killed run left (SIGKILL cannot be caught)', () => {
  const repo = exampleRepo();
  try {
    const dir = 'keps/sig-node/5355-container-restart-reasons';
    const leftover = `${dir}/.README.md.999999999.deadbeef.tmp`;
    repo.write(leftover, 'half a file');
    const lint = runKep(['lint', '--no-cache', '--repo', repo.root, '--format', 'json']);
    assert.ok(!lint.stdout.includes('.tmp'), 'a leftover is not part of the repository');
    assert.ok(existsSync(repo.file(leftover)), 'a lint without --fix changes nothing');
    const fix = runKep(['lint', '--fix', '--no-cache', '--repo', repo.root]);
    assert.match(
      fix.stderr,
      /removed keps\/sig-node\/5355-container-restart-reasons\/\.README\.md\.999999999\.deadbeef\.tmp, left by an interrupted run/,
    );
    assert.ok(!existsSync(repo.file(leftover)));
  } finally {
    repo.dispose();
  }
});
