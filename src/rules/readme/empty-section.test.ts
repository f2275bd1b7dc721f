import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { emptySectionRule } from './empty-section.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;

const withKep = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP], run);

test('readme/empty-section: valid — every required section of a corpus KEP has text ("N/A" counts)', () => {
  withKep((repo) => expectFindings(runRule(emptySectionRule, repo), []));
});

test('readme/empty-section: reports a section holding only the template’s comment, at its heading', () => {
  withKep((repo) => {
    repo.edit(
      README,
      '### Non-Goals\n\nN/A\n',
      '### Non-Goals\n\n<!--\nWhat is out of scope for this KEP?\n-->\n',
    );
    expectFindings(runRule(emptySectionRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '### Non-Goals'),
        column: 1,
        message: /"Non-Goals" is empty/,
      },
    ]);
  });
});

test('readme/empty-section: an empty section is reported once, not again for its empty subsections', () => {
  withKep((repo) => {
    const text = repo.read(README);
    const emptied = text.replace(
      /## Design Details\n[\s\S]*?(?=## Production Readiness Review Questionnaire)/,
      '## Design Details\n\n<!-- later -->\n\n### Test Plan\n\n##### Prerequisite testing updates\n\n##### Unit tests\n\n##### Integration tests\n\n##### e2e tests\n\n### Graduation Criteria\n\n### Upgrade / Downgrade Strategy\n\n### Version Skew Strategy\n\n',
    );
    repo.write(README, emptied);
    expectFindings(runRule(emptySectionRule, repo), [
      { file: README, line: lineOf(emptied, '## Design Details'), message: /"Design Details" is empty/ },
    ]);
  });
});

test('readme/empty-section: code counts as content; a section the template calls conditional may stay empty', () => {
  withKep((repo) => {
    repo.edit(README, '### Non-Goals\n\nN/A\n', '### Non-Goals\n\n```\nnone\n```\n');
    // The template opens Version Skew Strategy with "If applicable, …".
    repo.edit(
      README,
      /### Version Skew Strategy\n[\s\S]*?(?=## Production Readiness)/,
      '### Version Skew Strategy\n\n',
    );
    expectFindings(runRule(emptySectionRule, repo), []);
  });
});

test('readme/empty-section: a provisional draft may leave sections for later', () => {
  withKep((repo) => {
    repo.edit(README, /(## Drawbacks\n\n)Adds bounded[\s\S]*?(?=## Alternatives)/, '$1<!-- why not -->\n\n');
    const line = lineOf(repo.read(README), '## Drawbacks');
    expectFindings(runRule(emptySectionRule, repo, { release: 'v1.40' }), [{ file: README, line }]);
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: provisional');
    expectFindings(runRule(emptySectionRule, repo, { release: 'v1.40' }), []);
  });
});

test('readme/empty-section: text under the README’s own headings right after the section, at its level, counts', () => {
  withKep((repo) => {
    repo.edit(
      README,
      /### Risks and Mitigations\n[\s\S]*?(?=## Design Details)/,
      '### Risks and Mitigations\n\n### Risk: a slow webhook\n\nBounded by the pool size.\n\n',
    );
    expectFindings(runRule(emptySectionRule, repo), []);
    repo.edit(README, 'Bounded by the pool size.\n', '');
    expectFindings(runRule(emptySectionRule, repo), [
      { file: README, line: lineOf(repo.read(README), '### Risks and Mitigations') },
    ]);
  });
});
