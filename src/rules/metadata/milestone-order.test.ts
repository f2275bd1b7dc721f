import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { milestoneOrderRule } from './milestone-order.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/milestone-order: valid — alpha v1.22 before beta v1.37', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(milestoneOrderRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/milestone-order: invalid — beta before alpha is reported at the beta milestone', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, '  alpha: "v1.22"', '  alpha: "v1.38"');
    expectFindings(runRule(milestoneOrderRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), '  beta: "v1.37"'),
        column: 9,
        message: /beta milestone v1\.37 is before alpha milestone v1\.38/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
