import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { milestoneFormatRule } from './milestone-format.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/milestone-format: valid — vMAJOR.MINOR everywhere', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(milestoneFormatRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/milestone-format: invalid — a missing v and a patch version, each at its value', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^latest-milestone: "v1.37"$/m, 'latest-milestone: "1.37"');
    repo.edit(FILE, '  alpha: "v1.22"', '  alpha: v1.22.0');
    const text = repo.read(FILE);
    expectFindings(runRule(milestoneFormatRule, repo), [
      {
        file: FILE,
        line: lineOf(text, 'latest-milestone:'),
        column: 19,
        message: /"latest-milestone" is "1.37"/,
      },
      {
        file: FILE,
        line: lineOf(text, '  alpha: v1.22.0'),
        column: 10,
        message: /"milestone.alpha" is "v1.22.0"/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
