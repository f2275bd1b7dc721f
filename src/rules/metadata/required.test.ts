import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { requiredRule } from './required.js';

const KEP = 'keps/sig-network/0752-endpointslices';
const FILE = `${KEP}/kep.yaml`;

const withKep = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP], body);

test('metadata/required: valid — a corpus kep.yaml, and an empty approvers list (present, not null)', () =>
  withKep((repo) => {
    expectFindings(runRule(requiredRule, repo), []);
    repo.edit(FILE, /^approvers:\n(?: {2}- .*\n)+/m, 'approvers: []\n');
    expectFindings(runRule(requiredRule, repo), []);
  }));

test('metadata/required: invalid — a missing title is reported at the file start, and only it', () =>
  withKep(async (repo) => {
    repo.edit(FILE, /^title: .*\n/m, '');
    expectFindings(runRule(requiredRule, repo), [
      { file: FILE, line: 1, column: 1, message: /"title" is required/ },
    ]);
    assert.deepEqual(await lintErrors(repo), [`metadata/required ${FILE}:1:1`]);
  }));

test('metadata/required: invalid — `approvers:` without a value and an empty owning-sig are reported at their keys', () =>
  withKep((repo) => {
    repo.edit(FILE, /^approvers:\n(?: {2}- .*\n)+/m, 'approvers:\n');
    repo.edit(FILE, /^owning-sig: sig-network$/m, 'owning-sig: ""');
    const text = repo.read(FILE);
    expectFindings(runRule(requiredRule, repo), [
      { file: FILE, line: lineOf(text, 'approvers:'), column: 1, message: /"approvers" must not be empty/ },
      { file: FILE, line: lineOf(text, 'owning-sig:'), column: 1, message: /"owning-sig" must not be empty/ },
    ]);
  }));
