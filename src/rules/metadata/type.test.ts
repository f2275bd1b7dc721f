import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { typeRule } from './type.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/type: valid — a corpus kep.yaml has the right shapes', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(typeRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/type: invalid — authors written as one value instead of a list', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, 'authors:\n  - "@AkihiroSuda"', 'authors: "@AkihiroSuda"');
    expectFindings(runRule(typeRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), 'authors:'),
        column: 10,
        message: /"authors" must be a list/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
