import { test } from 'node:test';
import { kubernetesProfile } from '../../profile/index.js';
import { lineOf, skeletonText, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, ruleTester, runRule } from '../../testing/rule-tester.js';
import { placeholderRule } from './placeholder.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;
const TEMPLATE = 'keps/NNNN-kep-template/README.md';
const EXAMPLE = '- `<package>`: `<date>` - `<test coverage>`';

const withKep = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP], run);

test('readme/placeholder: valid — a corpus KEP without template text', () => {
  withKep((repo) => expectFindings(runRule(placeholderRule, repo), []));
});

test('readme/placeholder: reports the template’s example line and number placeholder, at the text', () => {
  withKep((repo) => {
    repo.edit(README, '##### Unit tests\n\n', `##### Unit tests\n\n${EXAMPLE}\n\n`);
    repo.edit(README, 'None required.', 'See KEP-NNNN.');
    const text = repo.read(README);
    expectFindings(runRule(placeholderRule, repo), [
      { file: README, line: lineOf(text, EXAMPLE), column: 3, message: /`<package>`/ },
      { file: README, line: lineOf(text, 'See KEP-NNNN.'), column: 5, message: /"KEP-NNNN"/ },
    ]);
  });
});

test('readme/placeholder: text in HTML comments, code blocks and the H1 (readme/title’s) is not reported', () => {
  withKep((repo) => {
    repo.edit(
      README,
      '##### Unit tests\n\n',
      `##### Unit tests\n\n<!--\n${EXAMPLE}\n-->\n\n\`\`\`\nKEP-NNNN\n\`\`\`\n\n`,
    );
    repo.edit(README, '# KEP-6178:', '# KEP-NNNN:');
    expectFindings(runRule(placeholderRule, repo), []);
  });
});

test('readme/placeholder: example strings are looked for only when the repo’s template has them', () => {
  withKep((repo) => {
    repo.edit(README, '##### Unit tests\n\n', `##### Unit tests\n\n${EXAMPLE}\n\n`);
    repo.edit(TEMPLATE, EXAMPLE, '- a package and its coverage');
    expectFindings(runRule(placeholderRule, repo), []);
  });
});

// The skeleton README is 5 lines (H1, Summary); a case's text starts on line 7.
const readme = (body: string) => ({ 'README.md': `${skeletonText('README.md')}\n${body}` });
const LEGACY = '- <test>: <link to test coverage>';

ruleTester(placeholderRule, {
  valid: [
    { name: 'the skeleton KEP' },
    {
      name: 'the older template’s example line inside an HTML comment (as that template had it)',
      files: readme(`### Test Plan\n\n<!--\n${LEGACY}\n-->\n`),
    },
    {
      name: 'a profile without legacy placeholders does not know the older example line',
      profile: {
        ...kubernetesProfile,
        readme: { ...kubernetesProfile.readme!, legacyPlaceholders: undefined },
      },
      files: readme(`### Test Plan\n\n${LEGACY}\n`),
    },
  ],
  invalid: [
    {
      name: 'the older template’s example line (readme.legacyPlaceholders), though today’s template lacks it',
      files: readme(`### Test Plan\n\n${LEGACY}\n- <test>: <link to test coverage>\n`),
      errors: [
        { line: 9, column: 3, endLine: 9, message: '"<test>: <link to test coverage>"' },
        { line: 10, column: 3, endLine: 10 },
      ],
    },
  ],
});
