import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { participatingSigRule } from './participating-sig.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const FILE = `${KEP}/kep.yaml`;

test('metadata/participating-sig: valid — known groups, including a working group', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(
      FILE,
      /^owning-sig: sig-node$/m,
      'owning-sig: sig-node\nparticipating-sigs:\n  - sig-auth\n  - wg-batch',
    );
    expectFindings(runRule(participatingSigRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/participating-sig: invalid — reports the unknown list item itself', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(
      FILE,
      /^owning-sig: sig-node$/m,
      'owning-sig: sig-node\nparticipating-sigs:\n  - sig-auth\n  - sig-nodes\n  - "sig-storage"',
    );
    expectFindings(runRule(participatingSigRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), '  - sig-nodes'),
        column: 5,
        message: /unknown participating group "sig-nodes"/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
