import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { prrRequiredRule } from './required.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;
const PRR = 'keps/prod-readiness/sig-node/2033.yaml';

const withKep = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP], body);

test('prr/required: valid — an implementable v1.37 KEP with its PRR file', () =>
  withKep((repo) => expectFindings(runRule(prrRequiredRule, repo), [])));

test('prr/required: valid — no PRR file is needed before v1.21 or while provisional', () =>
  withKep((repo) => {
    repo.remove(PRR);
    repo.edit(FILE, /^latest-milestone: "v1.37"$/m, 'latest-milestone: "v1.20"');
    expectFindings(runRule(prrRequiredRule, repo), []);
    repo.edit(FILE, /^latest-milestone: "v1.20"$/m, 'latest-milestone: "v1.37"');
    repo.edit(FILE, /^status: implementable$/m, 'status: provisional');
    expectFindings(runRule(prrRequiredRule, repo), []);
  }));

test('prr/required: invalid — a missing PRR file is reported at latest-milestone, the only error', () =>
  withKep(async (repo) => {
    repo.remove(PRR);
    const line = lineOf(repo.read(FILE), 'latest-milestone:');
    expectFindings(runRule(prrRequiredRule, repo), [
      {
        file: FILE,
        line,
        column: 1,
        message: /PRR approval file keps\/prod-readiness\/sig-node\/2033\.yaml is missing/,
      },
    ]);
    assert.deepEqual(await lintErrors(repo), [`prr/required ${FILE}:${line}:1`]);
  }));

test('prr/required: invalid — an implementable KEP without latest-milestone, then without stage', () =>
  withKep((repo) => {
    repo.edit(FILE, /^latest-milestone: "v1.37"\n/m, '');
    const line = lineOf(repo.read(FILE), 'status:');
    expectFindings(runRule(prrRequiredRule, repo), [
      { file: FILE, line, column: 1, message: /"latest-milestone" is required when status is implementable/ },
    ]);
    repo.edit(FILE, /^status: implementable$/m, 'status: implemented\nlatest-milestone: "v1.37"');
    repo.edit(FILE, /^stage: beta\n/m, '');
    expectFindings(runRule(prrRequiredRule, repo), [
      { file: FILE, line, column: 1, message: /"stage" is required when status is implemented/ },
    ]);
  }));
