import { test } from 'node:test';
import { profileNamed } from '../../profile/index.js';
import { corpusRepo, lineOf, openshiftRepo, withDisposed } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { urlRule } from './url.js';

const openshift = profileNamed('openshift')!;
const FILE = 'enhancements/arbiter-clusters.md';
const LINK = 'tracking-link:\n  - https://issues.redhat.com/browse/OCPEDGE-1191\n';

interface Case {
  name: string;
  /** The tracking-link lines of the corpus file become these. */
  to: string;
  /** The findings, given the edited file's text (for its line numbers). */
  expected: (text: string) => { file: string; line: number; column: number; message: RegExp }[];
}

const key = (text: string) => lineOf(text, /^tracking-link:/);
const item = (text: string) => key(text) + 1;

const valid: Omit<Case, 'expected'>[] = [
  { name: 'a list holding an https URL (the corpus file as it is)', to: LINK },
  {
    name: 'a single URL instead of a list',
    to: 'tracking-link: https://issues.redhat.com/browse/OCPEDGE-1191\n',
  },
  {
    name: 'an opaque URL (a scheme and no slashes, as Go’s net/url takes it)',
    to: 'tracking-link:\n  - "JIRA: OCPEDGE-1191"\n',
  },
];

const invalid: Case[] = [
  {
    name: 'reports the placeholder [TBD] at the item, and a field with no URL at its key',
    to: 'tracking-link: [TBD]\n',
    expected: (text) => [
      { file: FILE, line: key(text), column: 17, message: /"tracking-link" holds the placeholder "TBD"/ },
      { file: FILE, line: key(text), column: 1, message: /"tracking-link" holds no URL/ },
    ],
  },
  {
    name: 'reports an item without a scheme',
    to: 'tracking-link:\n  - issues.redhat.com/browse/OCPEDGE-1191\n',
    expected: (text) => [
      {
        file: FILE,
        line: item(text),
        column: 5,
        message: /"issues\.redhat\.com\/browse\/OCPEDGE-1191" .* \(no scheme\)/,
      },
      { file: FILE, line: key(text), column: 1, message: /holds no URL/ },
    ],
  },
  {
    name: 'reports only the bad item when another item is a URL',
    to: `${LINK}  - OCPEDGE-1192\n`,
    expected: (text) => [
      {
        file: FILE,
        line: item(text) + 1,
        column: 5,
        message: /"OCPEDGE-1192" in "tracking-link" is not a URL/,
      },
    ],
  },
  {
    name: 'reports an empty item',
    to: `${LINK}  - ""\n`,
    expected: (text) => [
      { file: FILE, line: item(text) + 1, column: 5, message: /"tracking-link" has an empty item/ },
    ],
  },
  {
    name: 'reports an empty list at its key',
    to: 'tracking-link: []\n',
    expected: (text) => [{ file: FILE, line: key(text), column: 1, message: /"tracking-link" holds no URL/ }],
  },
  {
    name: 'reports a missing field at the start of the file',
    to: '',
    expected: () => [
      { file: FILE, line: 1, column: 1, message: /"tracking-link" is missing; it must hold a URL/ },
    ],
  },
];

for (const c of valid) {
  test(`metadata/url: valid — ${c.name}`, () =>
    withDisposed(openshiftRepo([FILE]), (repo) => {
      if (c.to !== LINK) repo.edit(FILE, LINK, c.to);
      expectFindings(runRule(urlRule, repo, { profile: openshift }), []);
    }));
}

for (const c of invalid) {
  test(`metadata/url: invalid — ${c.name}`, () =>
    withDisposed(openshiftRepo([FILE]), (repo) => {
      repo.edit(FILE, LINK, c.to);
      expectFindings(runRule(urlRule, repo, { profile: openshift }), c.expected(repo.read(FILE)));
    }));
}

test('metadata/url: the Kubernetes profile marks no field a URL, so tracking-link: [TBD] in a KEP is not checked', () =>
  withDisposed(corpusRepo(['keps/sig-node/2033-kubelet-in-userns-aka-rootless']), (repo) => {
    const file = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml';
    repo.write(file, `${repo.read(file)}tracking-link: [TBD]\n`);
    expectFindings(runRule(urlRule, repo), []);
  }));
