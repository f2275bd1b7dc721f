import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusRepo } from '../../testing/fixtures.js';
import { expectFindings, lintErrors, runRule } from '../../testing/rule-tester.js';
import { missingMetadataRule } from './missing-metadata.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('layout/missing-metadata: valid — a corpus KEP, keps/README.md and READMEs under prod-readiness', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.write('keps/README.md', '# KEPs\n');
    repo.write('keps/prod-readiness/README.md', '# PRR\n');
    expectFindings(runRule(missingMetadataRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('layout/missing-metadata: invalid — a KEP whose kep.yaml is deleted leaves an orphan README, the only error', async () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.remove(`${KEP}/kep.yaml`);
    const file = `${KEP}/README.md`;
    expectFindings(runRule(missingMetadataRule, repo), [
      { file, line: 1, column: 1, message: /README\.md without kep\.yaml in keps\/sig-node\/2033/ },
    ]);
    assert.deepEqual(await lintErrors(repo), [`layout/missing-metadata ${file}:1:1`]);
  } finally {
    repo.dispose();
  }
});

test('layout/missing-metadata: invalid — a README in a group directory is an orphan too', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.write('keps/sig-node/README.md', '# SIG Node KEPs\n');
    expectFindings(runRule(missingMetadataRule, repo), [{ file: 'keps/sig-node/README.md', line: 1 }]);
  } finally {
    repo.dispose();
  }
});
