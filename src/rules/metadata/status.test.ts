import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { statusRule } from './status.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('metadata/status: valid — a corpus KEP with a known status', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(statusRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/status: invalid — reports a misspelt status at the status value', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(`${KEP}/kep.yaml`, /^status: .*$/m, 'status: implementd');
    const file = `${KEP}/kep.yaml`;
    expectFindings(runRule(statusRule, repo), [
      { file, line: lineOf(repo.read(file), 'status:'), column: 9, message: /"implementd"/ },
    ]);
  } finally {
    repo.dispose();
  }
});
