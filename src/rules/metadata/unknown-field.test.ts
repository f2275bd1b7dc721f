import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { unknownFieldRule } from './unknown-field.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

const withKep = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP], body);

test('metadata/unknown-field: valid — a corpus kep.yaml, and the lower-case Go field names upstream accepts', () =>
  withKep((repo) => {
    expectFindings(runRule(unknownFieldRule, repo), []);
    repo.edit(FILE, /^stage: beta$/m, 'stage: beta\nname: rootless\nid: "2033"');
    expectFindings(runRule(unknownFieldRule, repo), []);
  }));

test('metadata/unknown-field: invalid — a misspelt top-level field is reported at its key, and only it', () =>
  withKep(async (repo) => {
    repo.edit(FILE, /^latest-milestone: "v1.37"$/m, 'latest-milestones: "v1.37"');
    const line = lineOf(repo.read(FILE), 'latest-milestones:');
    expectFindings(runRule(unknownFieldRule, repo), [
      { file: FILE, line, column: 1, message: /unknown field "latest-milestones"/ },
    ]);
    assert.deepEqual(await lintErrors(repo), [`metadata/unknown-field ${FILE}:${line}:1`]);
  }));

test('metadata/unknown-field: invalid — an unknown stage under milestone is reported at the nested key', () =>
  withKep((repo) => {
    repo.edit(FILE, '  beta: "v1.37"', '  beta: "v1.37"\n  gamma: "v1.40"');
    expectFindings(runRule(unknownFieldRule, repo), [
      { file: FILE, line: lineOf(repo.read(FILE), 'gamma:'), column: 3, message: /unknown field "gamma"/ },
    ]);
  }));
