import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { numberMatchesDirRule } from './number-matches-dir.js';

const PADDED = 'keps/sig-network/0752-endpointslices';
const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/number-matches-dir: valid — 0752-endpointslices with kep-number 752, and 02033 for 2033', () => {
  const repo = corpusRepo([PADDED, KEP]);
  try {
    expectFindings(runRule(numberMatchesDirRule, repo), []);
    repo.edit(FILE, /^kep-number: 2033$/m, 'kep-number: 02033');
    expectFindings(runRule(numberMatchesDirRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/number-matches-dir: invalid — a different number, and one that is no number', () => {
  const repo = corpusRepo([PADDED, KEP]);
  try {
    repo.edit(FILE, /^kep-number: 2033$/m, 'kep-number: 2034');
    repo.edit(`${PADDED}/kep.yaml`, /^kep-number: 752$/m, 'kep-number: "752a"');
    expectFindings(runRule(numberMatchesDirRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), 'kep-number:'),
        column: 13,
        message: /kep-number 2034 does not match the directory number 2033/,
      },
      { file: `${PADDED}/kep.yaml`, line: 2, column: 13, message: /"752a" is not a number/ },
    ]);
  } finally {
    repo.dispose();
  }
});
