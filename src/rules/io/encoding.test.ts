import { test } from 'node:test';
import { corpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { encodingRule } from './encoding.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('io/encoding: valid — corpus files are UTF-8 text', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(encodingRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('io/encoding: invalid — a binary kep.yaml and a Latin-1 README, each named with the reason', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.write(`${KEP}/kep.yaml`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    repo.write(`${KEP}/README.md`, Buffer.from('# Rootless\n\nline two\nna\xefve caf\xe9\n', 'latin1'));
    expectFindings(runRule(encodingRule, repo), [
      { file: `${KEP}/kep.yaml`, line: 1, column: 1, message: /binary file \(NUL byte at offset 8\)/ },
      {
        file: `${KEP}/README.md`,
        line: 1,
        column: 1,
        message: /not valid UTF-8 \(first bad byte on line 4\)/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
