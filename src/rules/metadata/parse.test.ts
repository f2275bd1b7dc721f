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
