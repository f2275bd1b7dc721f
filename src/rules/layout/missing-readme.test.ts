import { test } from 'node:test';
import { corpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { missingReadmeRule } from './missing-readme.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('layout/missing-readme: valid — a corpus KEP with its README', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(missingReadmeRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('layout/missing-readme: invalid — kep.yaml without README.md is reported on kep.yaml', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.remove(`${KEP}/README.md`);
    expectFindings(runRule(missingReadmeRule, repo), [
      { file: `${KEP}/kep.yaml`, line: 1, column: 1, message: /no README\.md beside kep\.yaml/ },
    ]);
  } finally {
    repo.dispose();
  }
});
