import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { releaseTestPlanRule } from './test-plan.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless'; // implementable, beta, latest-milestone v1.37
const README = `${KEP}/README.md`;
// Implemented stable at v1.36; its README dropped the "Test Plan" heading but kept the subsections.
const POD_RESOURCES = 'keps/sig-node/3695-pod-resources-for-dra';

/** Each case: edits to the README, the release, and the findings expected (the line's text and message). */
const CASES: {
  name: string;
  edit?: (repo: TempRepo) => void;
  release?: string;
  expected: { line: string | RegExp; message: RegExp }[];
}[] = [
  { name: 'a filled-in test plan', expected: [] },
  {
    name: 'an empty test plan in a KEP of another release: not judged',
    edit: (repo) =>
      repo.edit(README, /N\/A\.\nUnit tests do not make sense here/, 'Unit tests do not make sense here'),
    release: 'v1.36',
    expected: [],
  },
  {
    name: 'a placeholder left in the unit tests',
    edit: (repo) =>
      repo.edit(README, 'N/A.\nUnit tests', '- `<package>`: `<date>` - `<test coverage>`\nUnit tests'),
    expected: [
      {
        line: '- `<package>`: `<date>`',
        message: /^test plan: template placeholder left in place: "`<package>`/,
      },
    ],
  },
  {
    name: 'an empty required subsection',
    edit: (repo) => {
      const text = repo.read(README);
      const start = text.indexOf('N/A, as integration tests');
      const end = text.indexOf('##### e2e tests');
      repo.write(README, text.slice(0, start) + text.slice(end));
    },
    expected: [
      { line: '##### Integration tests', message: /^test plan: section "Integration tests" is empty/ },
    ],
  },
  {
    name: 'an empty section outside the test plan is left to readme/empty-section',
    edit: (repo) => repo.edit(README, /(### Non-Goals\n)[\s\S]*?(\n##)/, '$1\n<!-- none -->\n$2'),
    expected: [],
  },
  {
    name: 'no test plan at all',
    edit: (repo) => {
      const text = repo.read(README);
      repo.write(
        README,
        text.slice(0, text.indexOf('### Test Plan')) + text.slice(text.indexOf('### Graduation Criteria')),
      );
    },
    expected: [{ line: /^/, message: /^the README has no "Test Plan" section$/ }],
  },
];

for (const c of CASES)
  test(`release/test-plan: ${c.expected.length > 0 ? 'invalid' : 'valid'} — ${c.name}`, () =>
    withCorpusRepo([KEP], (repo) => {
      c.edit?.(repo);
      const findings = runRule(releaseTestPlanRule, repo, { release: c.release ?? 'v1.37' });
      const text = repo.read(README);
      expectFindings(
        findings,
        c.expected.map((e) => ({ file: README, line: lineOf(text, e.line), message: e.message })),
      );
    }));

test('release/test-plan: valid — a README without the "Test Plan" heading keeps its subsections', () =>
  withCorpusRepo([POD_RESOURCES], (repo) =>
    expectFindings(runRule(releaseTestPlanRule, repo, { release: 'v1.36' }), []),
  ));
