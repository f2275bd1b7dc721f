import { test } from 'node:test';
import { corpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { tooLargeRule } from './too-large.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('io/too-large: valid — a corpus README is far below the limit', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(tooLargeRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('io/too-large: invalid — a 6 MB README is not parsed and is reported', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.write(`${KEP}/README.md`, `# Big\n\n${'lorem ipsum dolor sit amet\n'.repeat(233_017)}`);
    expectFindings(runRule(tooLargeRule, repo), [
      {
        file: `${KEP}/README.md`,
        line: 1,
        column: 1,
        message: /file is 6\.0 MB, over the 5 MB limit; not parsed/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
