import { test } from 'node:test';
import { profileNamed } from '../../profile/index.js';
import { corpusRepo, lineOf, openshiftRepo, withDisposed } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { nonEmptyRule } from './non-empty.js';

const openshift = profileNamed('openshift')!;
const FILE = 'enhancements/arbiter-clusters.md';
/** The first reviewers of the corpus file; the cases replace them with their own. */
const REVIEWERS = /^reviewers:\n(?: {2}- .*\n)+/m;

interface Case {
  name: string;
  /** The reviewers lines of the corpus file become these. */
  to: string;
  expected: (text: string) => { file: string; line: number; column: number; message: RegExp }[];
}

const key = (text: string) => lineOf(text, /^reviewers:/);

const valid: Omit<Case, 'expected'>[] = [
  { name: 'a real handle', to: 'reviewers:\n  - "@tjungblu"\n' },
  { name: 'real handles in a flow list', to: 'reviewers: ["@tjungblu", "@racedo"]\n' },
];

const invalid: Case[] = [
  {
    name: 'reports an empty list at its key',
    to: 'reviewers: []\n',
    expected: (text) => [{ file: FILE, line: key(text), column: 1, message: /"reviewers" names nobody/ }],
  },
  {
    name: 'reports a key with no value at all',
    to: 'reviewers:\n',
    expected: (text) => [{ file: FILE, line: key(text), column: 1, message: /"reviewers" names nobody/ }],
  },
  {
    name: 'reports [TBD] at the placeholder, and the list naming nobody at its key',
    to: 'reviewers: [TBD]\n',
    expected: (text) => [
      { file: FILE, line: key(text), column: 13, message: /"reviewers" holds the placeholder "TBD"/ },
      { file: FILE, line: key(text), column: 1, message: /"reviewers" names nobody/ },
    ],
  },
  {
    name: 'reports only the placeholder when a real handle is listed too',
    to: 'reviewers:\n  - TBD\n  - "@tjungblu"\n',
    expected: (text) => [
      { file: FILE, line: key(text) + 1, column: 5, message: /"reviewers" holds the placeholder "TBD"/ },
    ],
  },
  {
    name: 'reports an empty item',
    to: 'reviewers:\n  - ""\n  - "@tjungblu"\n',
    expected: (text) => [
      { file: FILE, line: key(text) + 1, column: 5, message: /"reviewers" has an empty item/ },
    ],
  },
  {
    name: 'reports a missing field at the start of the file',
    to: '',
    expected: () => [
      { file: FILE, line: 1, column: 1, message: /"reviewers" is missing; it must name at least one person/ },
    ],
  },
];

for (const c of valid) {
  test(`metadata/non-empty: valid — ${c.name}`, () =>
    withDisposed(openshiftRepo([FILE]), (repo) => {
      repo.edit(FILE, REVIEWERS, c.to);
      expectFindings(runRule(nonEmptyRule, repo, { profile: openshift }), []);
    }));
}

for (const c of invalid) {
  test(`metadata/non-empty: invalid — ${c.name}`, () =>
    withDisposed(openshiftRepo([FILE]), (repo) => {
      repo.edit(FILE, REVIEWERS, c.to);
      expectFindings(runRule(nonEmptyRule, repo, { profile: openshift }), c.expected(repo.read(FILE)));
    }));
}

test('metadata/non-empty: the Kubernetes profile names no fields, so reviewers: [TBD] in a KEP is not checked', () =>
  withDisposed(corpusRepo(['keps/sig-node/2033-kubelet-in-userns-aka-rootless']), (repo) => {
    const file = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml';
    repo.edit(file, REVIEWERS, 'reviewers: [TBD]\n');
    repo.edit(file, /^approvers:\n(?: {2}- .*\n)+/m, 'approvers: []\n');
    expectFindings(runRule(nonEmptyRule, repo), []);
  }));
