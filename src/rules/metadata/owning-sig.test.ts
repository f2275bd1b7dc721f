import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { owningSigRule } from './owning-sig.js';

const KEP = 'keps/sig-network/0752-endpointslices';
const FILE = `${KEP}/kep.yaml`;

test('metadata/owning-sig: valid — a corpus KEP owned by a group of sigs.yaml', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(owningSigRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/owning-sig: invalid — reports an unknown group at the owning-sig value', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^owning-sig: sig-network$/m, 'owning-sig: sig-netwrok');
    expectFindings(runRule(owningSigRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), 'owning-sig:'),
        column: 13,
        message: /unknown owning-sig "sig-netwrok" \(not in sigs\.yaml\)/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});

test('metadata/owning-sig: without a groups file the check is skipped (a notice says so)', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^owning-sig: sig-network$/m, 'owning-sig: sig-netwrok');
    repo.remove('sigs.yaml');
    expectFindings(runRule(owningSigRule, repo), []);
  } finally {
    repo.dispose();
  }
});
