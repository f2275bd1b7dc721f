// Hostile kep.yaml files through the CLI: every command that reads metadata ends quickly, in bounded
// memory, with a finding that names the file and line instead of a stack trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleRepo, runKep, type TempRepo, withDisposed } from '../testing/fixtures.js';

const DIR = 'keps/sig-node/5101-pod-log-budgets';
const FILE = `${DIR}/kep.yaml`;
/** A heap this small holds the CLI's work on the example repo; parsing the inputs below took 0.4 to 3 GB. */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=128' };

interface Diagnostic {
  rule: string;
  file: string;
  line: number;
  message: string;
}

function runBounded(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = SMALL_HEAP) {
  const started = Date.now();
  const run = runKep([...args, '--no-cache', '--repo', repo.root], { env, timeout: 60_000 });
  const elapsed = Date.now() - started;
  assert.doesNotMatch(run.stderr, /\n\s+at |FATAL ERROR|heap out of memory/, `kep ${args[0]}: ${run.stderr}`);
  assert.ok(run.status === 0 || run.status === 1, `kep ${args[0]} exited ${run.status}: ${run.stderr}`);
  // Generous: the commands take well under a second; parsing took 4 to 70 s.
  assert.ok(elapsed < 10_000, `kep ${args[0]} took ${elapsed} ms`);
  return run;
}

/** lint names the file and line; query and index leave the KEP out or keep it, but finish. */
function assertEveryCommandCopes(repo: TempRepo, line: number, message: RegExp): void {
  const lint = runBounded(repo, ['lint', '--format', 'json']);
  const parse = (JSON.parse(lint.stdout) as Diagnostic[]).filter((d) => d.rule === 'metadata/parse');
  assert.deepEqual(
    parse.map((d) => ({ file: d.file, line: d.line })),
    [{ file: FILE, line }],
  );
  assert.match(parse[0]!.message, message);
  const query = runBounded(repo, ['query', '--format', 'json']);
  assert.ok(Array.isArray(JSON.parse(query.stdout)));
  const index = runBounded(repo, ['index']);
  assert.ok(Array.isArray(JSON.parse(index.stdout)));
  assert.match(index.stderr, new RegExp(`metadata does not parse.*${DIR}`));
}

test('kep lint, query and index report a 5 MB kep.yaml of brackets 2.6 million deep as too large, in bounded memory', () =>
  withDisposed(exampleRepo(), (repo) => {
    const levels = 2_600_000;
    repo.write(FILE, `title: Deep\nkep-number: 5101\nx: ${'['.repeat(levels)}${']'.repeat(levels)}\n`);
    assertEveryCommandCopes(
      repo,
      1,
      /^the file is 5\.0 MB, over the 256 KB limit for this file; not parsed$/,
    );
  }));

test('kep lint, query and index report a 244 KB kep.yaml nested 50,000 deep at its line, in bounded memory', () =>
  withDisposed(exampleRepo(), (repo) => {
    const levels = 50_000;
    repo.write(
      FILE,
      `title: Deep\nkep-number: 5101\nx:\n  y: ${'{b: '.repeat(levels)}c${'}'.repeat(levels)}\n`,
    );
    assertEveryCommandCopes(repo, 4, /^nesting deeper than 64 levels \(line 4\); not parsed$/);
  }));

test('a kep.yaml with a !!timestamp kep-number prints the same in every time zone (lint, query, index)', () =>
  withDisposed(exampleRepo(), (repo) => {
    repo.edit(FILE, /^kep-number: 5101$/m, 'kep-number: !!timestamp 2001-12-14');
    const outputs = (TZ: string) =>
      [['lint', '--format', 'json'], ['query', '--format', 'json'], ['index']].map(
        (args) => runBounded(repo, args, { TZ }).stdout,
      );
    const utc = outputs('UTC');
    assert.deepEqual(outputs('America/New_York'), utc);
    assert.match(utc[0]!, /kep-number \\"2001-12-14\\" is not a number/);
    assert.match(utc[1]!, /"kepNumber": "2001-12-14"/);
  }));
