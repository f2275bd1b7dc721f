import { symlinkSync } from 'node:fs';
import { test } from 'node:test';
import { corpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { unreadableRule } from './unreadable.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';

test('io/unreadable: valid — corpus files are readable', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(unreadableRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('io/unreadable: invalid — a kep.yaml that is a symlink loop and a README that is a broken link', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.remove(`${KEP}/kep.yaml`);
    symlinkSync('kep.yaml', repo.file(`${KEP}/kep.yaml`));
    repo.remove(`${KEP}/README.md`);
    symlinkSync('gone.md', repo.file(`${KEP}/README.md`));
    expectFindings(runRule(unreadableRule, repo), [
      { file: `${KEP}/kep.yaml`, line: 1, column: 1, message: /symbolic link loop/ },
      {
        file: `${KEP}/README.md`,
        line: 1,
        column: 1,
        message: /file not found \(a broken symbolic link\?\)/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});

test('io/unreadable: invalid — a directory symlink loop is neither followed nor reported', () => {
  const repo = corpusRepo([KEP]);
  try {
    symlinkSync('.', repo.file(`${KEP}/loop`));
    symlinkSync('../sig-node', repo.file('keps/sig-node/up'));
    expectFindings(runRule(unreadableRule, repo), []);
  } finally {
    repo.dispose();
  }
});
