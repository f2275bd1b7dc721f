import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { latestMilestoneStageRule } from './latest-milestone-stage.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/latest-milestone-stage: valid — milestone.beta equals latest-milestone for a beta KEP', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(latestMilestoneStageRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/latest-milestone-stage: invalid — reports the stage milestone that disagrees', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, '  beta: "v1.37"', '  beta: "v1.36"');
    expectFindings(runRule(latestMilestoneStageRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), '  beta: "v1.36"'),
        column: 9,
        message: /milestone\.beta is v1\.36 but latest-milestone is v1\.37 \(stage is beta\)/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
