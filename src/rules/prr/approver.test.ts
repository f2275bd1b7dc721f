import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { prrApproverRule } from './approver.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;
const PRR = 'keps/prod-readiness/sig-node/2033.yaml';

const withKep = async (body: (repo: TempRepo) => void | Promise<void>): Promise<void> =>
  withCorpusRepo([KEP], body);

test('prr/approver: valid — the beta approver of the corpus PRR file is a PRR approver', () =>
  withKep((repo) => expectFindings(runRule(prrApproverRule, repo), [])));

test('prr/approver: invalid — an approver who is not a PRR approver, at the approver value, the only error', () =>
  withKep(async (repo) => {
    repo.edit(PRR, 'approver: "@soltysh"', 'approver: "@AkihiroSuda"');
    const line = lineOf(repo.read(PRR), '@AkihiroSuda');
    expectFindings(runRule(prrApproverRule, repo), [
      {
        file: PRR,
        line,
        column: 13,
        message:
          /"@AkihiroSuda" is not a PRR approver \(not in the prod-readiness-approvers or prod-readiness-approvers-emeritus aliases of OWNERS_ALIASES\)/,
      },
    ]);
    assert.deepEqual(await lintErrors(repo), [`prr/approver ${PRR}:${line}:13`]);
  }));

test('prr/approver: invalid — no approver for the KEP’s current stage', () =>
  withKep((repo) => {
    repo.edit(FILE, /^stage: beta$/m, 'stage: stable');
    expectFindings(runRule(prrApproverRule, repo), [
      { file: PRR, line: 1, column: 1, message: /names no PRR approver for stage "stable"/ },
    ]);
  }));

test('prr/approver: invalid — the PRR file is decoded strictly: an unknown field is reported at its key', () =>
  withKep((repo) => {
    repo.edit(PRR, 'beta:\n  approver: "@soltysh"', 'beta:\n  approver: "@soltysh"\n  reviewer: "@someone"');
    expectFindings(runRule(prrApproverRule, repo), [
      {
        file: PRR,
        line: lineOf(repo.read(PRR), 'reviewer:'),
        column: 3,
        message: /unknown field "reviewer"/,
      },
    ]);
  }));

test('prr/approver: invalid — a PRR file without kep-number', () =>
  withKep((repo) => {
    repo.edit(PRR, /^kep-number: 2033\n/m, '');
    expectFindings(runRule(prrApproverRule, repo), [
      { file: PRR, line: 1, column: 1, message: /"kep-number" is required/ },
    ]);
  }));
