import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { parseRule } from './parse.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

const withKep = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP], body);

test('metadata/parse: valid — a corpus kep.yaml parses', () =>
  withKep((repo) => expectFindings(runRule(parseRule, repo), [])));

test('metadata/parse: invalid — a nested mapping on the status line is reported there, and only there', () =>
  withKep(async (repo) => {
    repo.edit(FILE, /^status: implementable$/m, 'status: implementable: yes');
    const line = lineOf(repo.read(FILE), 'status:');
    expectFindings(runRule(parseRule, repo), [
      { file: FILE, line, column: 9, message: /Nested mappings are not allowed/ },
    ]);
    assert.deepEqual(await lintErrors(repo), [`metadata/parse ${FILE}:${line}:9`]);
  }));

test('metadata/parse: invalid — a duplicate key is reported at the second occurrence', () =>
  withKep((repo) => {
    repo.edit(FILE, /^stage: beta$/m, 'stage: beta\nstatus: implemented');
    expectFindings(runRule(parseRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), 'status: implemented'),
        column: 1,
        message: /duplicate key/,
      },
    ]);
  }));

test('metadata/parse: invalid — an unclosed quote is reported where the quote opens', () =>
  withKep((repo) => {
    repo.edit(FILE, '  - "@AkihiroSuda"', '  - "@AkihiroSuda');
    expectFindings(runRule(parseRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), '@AkihiroSuda'),
        column: 5,
        message: /Missing closing "quote/,
      },
    ]);
  }));

test('metadata/parse: invalid — an empty kep.yaml is an error, as yaml.v3 fails on EOF', () =>
  withKep((repo) => {
    repo.write(FILE, '# nothing but a comment\n');
    expectFindings(runRule(parseRule, repo), [
      { file: FILE, line: 1, column: 1, message: /the document is empty/ },
    ]);
  }));

test('metadata/parse: invalid — a kep.yaml nested deeper than 64 levels is reported at the line where the limit is crossed', () =>
  withKep(async (repo) => {
    repo.edit(FILE, /^stage: beta$/m, `stage: beta\nnested: ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const line = lineOf(repo.read(FILE), 'nested:');
    expectFindings(runRule(parseRule, repo), [
      { file: FILE, line, column: 72, message: /^nesting deeper than 64 levels \(line \d+\); not parsed$/ },
    ]);
    assert.deepEqual(await lintErrors(repo), [`metadata/parse ${FILE}:${line}:72`]);
  }));

test('metadata/parse: invalid — a kep.yaml over 256 KB is reported and not parsed', () =>
  withKep((repo) => {
    repo.edit(FILE, /^stage: beta$/m, `stage: beta\n${'# padding\n'.repeat(30_000)}`);
    expectFindings(runRule(parseRule, repo), [
      {
        file: FILE,
        line: 1,
        column: 1,
        message: /^the file is \d+ KB, over the 256 KB limit for this file; not parsed$/,
      },
    ]);
  }));

test('prr/approver: a PRR file nested deeper than 64 levels is reported at the line where the limit is crossed', () =>
  withKep(async (repo) => {
    const prr = 'keps/prod-readiness/sig-node/2033.yaml';
    repo.write(
      prr,
      `kep-number: 2033\nbeta:\n  approver: "@soltysh"\n  notes: ${'{a: '.repeat(50_000)}b${'}'.repeat(50_000)}\n`,
    );
    assert.deepEqual(await lintErrors(repo), [`prr/approver ${prr}:4:${10 + 4 * 62}`]);
  }));
