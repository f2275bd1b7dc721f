import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { implementedStableRule } from './implemented-stable.js';

const KEP = 'keps/sig-network/0752-endpointslices';
const FILE = `${KEP}/kep.yaml`;

test('metadata/implemented-stable: valid — an implemented corpus KEP at stable', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(implementedStableRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/implemented-stable: invalid — an implemented KEP left at beta is reported at the stage', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^stage: stable$/m, 'stage: beta');
    expectFindings(runRule(implementedStableRule, repo), [
      { file: FILE, line: lineOf(repo.read(FILE), /^stage:/), column: 8, message: /stage is "beta"/ },
    ]);
  } finally {
    repo.dispose();
  }
});

test('metadata/implemented-stable: invalid — without a stage, the status is pointed at', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^stage: stable\n/m, '');
    expectFindings(runRule(implementedStableRule, repo), [
      { file: FILE, line: lineOf(repo.read(FILE), /^status:/), column: 9, message: /stage is not set/ },
    ]);
  } finally {
    repo.dispose();
  }
});
