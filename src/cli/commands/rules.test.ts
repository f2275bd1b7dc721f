import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../rules/index.js';
import { corpusRoot, openshiftRoot, projectRoot, runKep } from '../../testing/fixtures.js';

const tektonRoot = path.resolve(projectRoot, '../shared/corpus/tekton-community');

test('kep rules ID prints the rule’s page: what, why, applies to, profile keys, fix, bad and good examples', () => {
  const run = runKep(['rules', 'metadata/milestone-format']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^metadata\/milestone-format \(warning; fixable\)\n/);
  for (const heading of [
    'What it reports: ',
    'Why: ',
    'Applies to: ',
    'Profile keys: ',
    'Fix: kep lint --fix',
  ])
    assert.ok(run.stdout.includes(`\n  ${heading}`), `no "${heading}" in:\n${run.stdout}`);
  assert.match(run.stdout, /\n {2}Bad \(metadata\):\n {4}latest-milestone: "1\.30"\n/);
  assert.match(run.stdout, /\n {2}Good \(metadata\):\n {4}latest-milestone: "v1\.30"\n/);
});

test('kep rules GROUP prints the page of each rule of the group; an unknown id exits 2 naming it', () => {
  const run = runKep(['rules', 'layout']);
  assert.equal(run.status, 0, run.stderr);
  const pages = run.stdout.match(/^layout\/[a-z-]+ \(/gm) ?? [];
  assert.equal(pages.length, allRules.filter((rule) => rule.id.startsWith('layout/')).length);
  const unknown = runKep(['rules', 'metadata/nope']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown rule "metadata\/nope"/);
});

test('kep rules --json and --format json give every rule with the old keys first and the docs after', () => {
  const json = runKep(['rules', '--json']);
  const format = runKep(['rules', '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  assert.equal(json.stdout, format.stdout);
  const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
  assert.deepEqual(
    rows.map((row) => row.id),
    allRules.map((rule) => rule.id),
  );
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), [
      'id',
      'severity',
      'description',
      'rationale',
      'upstream',
      'fixable',
      'appliesTo',
      'profileKeys',
      'examples',
    ]);
  }
  const toc = rows.find((row) => row.id === 'readme/toc')!;
  assert.equal(toc.upstream, true);
  assert.equal(toc.fixable, true);
  const placeholder = rows.find((row) => row.id === 'metadata/placeholder')!;
  assert.ok((placeholder.profileKeys as string[]).includes('templateMetadata'));
  assert.equal((placeholder.examples as { bad: { kind: string } }).bad.kind, 'metadata');
});

test('kep rules --help shows examples, and each example rule id exists', () => {
  const run = runKep(['rules', '--help']);
  assert.equal(run.status, 0, run.stderr);
  const examples = run.stdout.slice(run.stdout.indexOf('\nExamples:\n'));
  assert.match(examples, /\n {2}kep rules readme\/unresolved/);
  for (const [, id] of examples.matchAll(/kep (?:rules|lint --rule) ([a-z-]+\/[a-z-]+)/g))
    assert.ok(
      allRules.some((rule) => rule.id === id),
      `--help names ${id}, which is no rule`,
    );
});

/** Whether a proposal number has a directory in the Kubernetes corpus (any SIG) or a TEP in Tekton's. */
function numberExists(number: string): boolean {
  const sigs = readdirSync(path.join(corpusRoot, 'keps'), { withFileTypes: true }).filter((e) =>
    e.isDirectory(),
  );
  const inKeps = sigs.some((sig) =>
    readdirSync(path.join(corpusRoot, 'keps', sig.name)).some((dir) => dir.startsWith(`${number}-`)),
  );
  return inKeps || readdirSync(path.join(tektonRoot, 'teps')).some((file) => file.startsWith(`${number}-`));
}

test('every command’s --help examples name KEP paths and numbers that exist in the corpora', () => {
  const commands = ['lint', 'rules', 'query', 'index', 'schema', 'release', 'history', 'toc'];
  const checked: string[] = [];
  for (const command of commands) {
    const help = runKep([command, '--help']).stdout;
    const examples = help.slice(help.indexOf('\nExamples:\n')).split('\n\n')[0]!;
    for (const line of examples.split('\n').filter((line) => line.startsWith('  kep '))) {
      const commandPart = line.replace(/\s#.*$/, '');
      for (const [token] of commandPart.matchAll(/\b(?:keps|teps)\/\S+|\b[a-z]+\/[a-z_]+\.md\b/g)) {
        const where = token.startsWith('keps/')
          ? path.join(corpusRoot, token)
          : token.startsWith('teps/')
            ? path.join(tektonRoot, token)
            : path.join(openshiftRoot, 'enhancements', token);
        assert.ok(existsSync(where), `kep ${command} --help names ${token}, which is not in the corpus`);
        checked.push(token);
      }
      const numbers = /^ {2}kep history\b/.test(commandPart)
        ? commandPart.split(/\s+/).filter((word) => /^\d{3,5}$/.test(word))
        : [...commandPart.matchAll(/--id (\d+)/g)].map((match) => match[1]!);
      for (const number of numbers) {
        assert.ok(
          numberExists(number),
          `kep ${command} --help names proposal ${number}, which is not in the corpus`,
        );
        checked.push(number);
      }
    }
  }
  // The lint, toc, query and history examples name these; a parser that found none would check nothing.
  assert.ok(checked.includes('keps/sig-node/2033-kubelet-in-userns-aka-rootless'), checked.join(' '));
  assert.ok(checked.includes('1287') && checked.includes('0037'), checked.join(' '));
});
