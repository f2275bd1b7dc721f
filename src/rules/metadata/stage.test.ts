import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { stageRule } from './stage.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/stage: valid — a corpus KEP at a known stage', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(stageRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/stage: invalid — reports an unknown stage at the stage value', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^stage: beta$/m, 'stage: "beta2"');
    expectFindings(runRule(stageRule, repo), [
      { file: FILE, line: lineOf(repo.read(FILE), /^stage:/), column: 8, message: /invalid stage "beta2"/ },
    ]);
  } finally {
    repo.dispose();
  }
});
