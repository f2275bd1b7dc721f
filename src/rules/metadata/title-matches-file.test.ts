import { test } from 'node:test';
import { profileNamed } from '../../profile/index.js';
import { corpusRepo, lineOf, openshiftRepo, withDisposed } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { titleMatchesFileRule } from './title-matches-file.js';

const openshift = profileNamed('openshift')!;
const TOP = 'enhancements/arbiter-clusters.md';
/** In a folder; its corpus title is machine-config-os-images-streams. */
const NESTED = 'enhancements/machine-config/os-images-streams.md';

interface Case {
  name: string;
  file: string;
  /** The title line becomes this (undefined: the file as the corpus has it). */
  to?: string;
  expected: (text: string) => { file: string; line: number; column: number; message: RegExp }[];
}

const titleLine = (text: string) => lineOf(text, /^title:/);

const cases: Case[] = [
  { name: 'valid — a title that is the file name', file: TOP, expected: () => [] },
  {
    name: 'valid — a title that is the base name of a file in a folder',
    file: NESTED,
    to: 'title: os-images-streams',
    expected: () => [],
  },
  {
    name: 'invalid — reports a title that is not the file name at the title value',
    file: TOP,
    to: 'title: arbiter-cluster',
    expected: (text) => [
      {
        file: TOP,
        line: titleLine(text),
        column: 8,
        message: /title "arbiter-cluster" is not the file name "arbiter-clusters"/,
      },
    ],
  },
  {
    name: 'invalid — reports a corpus title that carries its folder name (machine-config-os-images-streams)',
    file: NESTED,
    expected: (text) => [
      {
        file: NESTED,
        line: titleLine(text),
        column: 8,
        message: /title "machine-config-os-images-streams" is not the file name "os-images-streams"/,
      },
    ],
  },
  {
    name: 'invalid — reports a missing title at the start of the file',
    file: TOP,
    to: '# (no title)',
    expected: () => [{ file: TOP, line: 1, column: 1, message: /no title; expected "arbiter-clusters"/ }],
  },
];

for (const c of cases) {
  test(`metadata/title-matches-file: ${c.name}`, () =>
    withDisposed(openshiftRepo([TOP, NESTED]), (repo) => {
      if (c.to !== undefined) repo.edit(c.file, /^title: .*$/m, c.to);
      expectFindings(
        runRule(titleMatchesFileRule, repo, { profile: openshift }).filter((f) => f.file === c.file),
        c.expected(repo.read(c.file)),
      );
    }));
}

test('metadata/title-matches-file: the Kubernetes profile (a directory layout) does not run it', () =>
  withDisposed(corpusRepo(['keps/sig-node/2033-kubelet-in-userns-aka-rootless']), (repo) => {
    repo.edit(
      'keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml',
      /^title: .*$/m,
      'title: not-the-dir',
    );
    expectFindings(runRule(titleMatchesFileRule, repo), []);
  }));
