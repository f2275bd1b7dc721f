import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { missingSectionRule } from './missing-section.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;
const TEMPLATE = 'keps/NNNN-kep-template/README.md';

const withKep = (run: (repo: TempRepo) => void, dirs = [KEP]): void => withCorpusRepo(dirs, run);

test('readme/missing-section: valid — a recent implementable KEP has every required heading (optional ones may be absent)', () => {
  withKep((repo) => expectFindings(runRule(missingSectionRule, repo), []));
});

test('readme/missing-section: reports a missing top-level section at the title, naming where it belongs', () => {
  withKep((repo) => {
    repo.edit(README, '## Drawbacks\n', '## Downsides\n');
    expectFindings(runRule(missingSectionRule, repo), [
      {
        file: README,
        line: 1,
        column: 1,
        message: /"Drawbacks" \(## in the template, after "Implementation History"\)/,
      },
    ]);
  });
});

test('readme/missing-section: reports a missing subsection at its enclosing heading, once with its own subsections', () => {
  withKep((repo) => {
    const text = repo.read(README);
    // Drop "### Test Plan" and its four "#####" subsections.
    repo.write(README, text.replace(/### Test Plan\n[\s\S]*?(?=### Graduation Criteria)/, ''));
    expectFindings(runRule(missingSectionRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '## Design Details'),
        message: /"Test Plan" and its 4 subsections/,
      },
    ]);
  });
});

test('readme/missing-section: a heading inside a quote or an HTML comment does not count', () => {
  withKep((repo) => {
    repo.edit(README, '## Drawbacks\n', '> ## Drawbacks\n');
    repo.edit(README, '### Non-Goals\n', '<!--\n### Non-Goals\n-->\n');
    expectFindings(runRule(missingSectionRule, repo), [
      { file: README, line: 1, message: /"Drawbacks"/ },
      { file: README, line: lineOf(repo.read(README), '## Motivation'), message: /"Non-Goals"/ },
    ]);
  });
});

test('readme/missing-section: headings match by text, whatever their case, punctuation or level', () => {
  withKep((repo) => {
    repo.edit(README, '### Non-Goals\n', '#### Non goals\n');
    repo.edit(README, '## Drawbacks\n', '## `Drawbacks`\n');
    expectFindings(runRule(missingSectionRule, repo), []);
  });
});

test('readme/missing-section: the headings come from the repo’s template; "(Optional)" ones are not required', () => {
  withKep((repo) => {
    repo.edit(TEMPLATE, '## Drawbacks\n', '## Security Considerations\n\n## Drawbacks\n');
    repo.edit(
      TEMPLATE,
      '## Alternatives\n',
      '## Rollout Notes (Optional)\n\n### Details\n\n## Alternatives\n',
    );
    expectFindings(runRule(missingSectionRule, repo), [
      {
        file: README,
        line: 1,
        message: /"Security Considerations" \(## in the template, after "Implementation History"\)/,
      },
    ]);
  });
});

test('readme/missing-section: history is not checked — an implemented KEP, or one last moved before the current template', () => {
  withKep((repo) => {
    repo.edit(README, '## Drawbacks\n', '## Downsides\n');
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: implemented');
    expectFindings(runRule(missingSectionRule, repo, { release: 'v1.40' }), []);
    repo.edit(`${KEP}/kep.yaml`, 'status: implemented', 'status: implementable');
    repo.edit(`${KEP}/kep.yaml`, 'latest-milestone: "v1.37"', 'latest-milestone: "v1.19"');
    expectFindings(runRule(missingSectionRule, repo, { release: 'v1.40' }), []);
  });
});

test('readme/missing-section: a KEP whose latest-milestone is the current release is checked whatever its status', () => {
  withKep((repo) => {
    repo.edit(README, '## Drawbacks\n', '## Downsides\n');
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: implemented');
    expectFindings(runRule(missingSectionRule, repo, { release: 'v1.37' }), [
      { file: README, line: 1, message: /"Drawbacks"/ },
    ]);
  });
});
