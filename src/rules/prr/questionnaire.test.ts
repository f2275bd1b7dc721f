import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { prrQuestionnaireRule } from './questionnaire.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;
const METADATA = `${KEP}/kep.yaml`;
const TEMPLATE = 'keps/NNNN-kep-template/README.md';
const API_CALLS = '###### Will enabling / using this feature result in any new API calls?\n\nNo.\n';
const REENABLE =
  '###### What happens if we reenable the feature if it was previously rolled back?\n\nSame as first enablement, no state to reconcile.\n';

const withKep = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP], run);

/** Leave a question with only a comment under it. */
function unanswer(repo: TempRepo, question: string): number {
  const heading = question.split('\n')[0]!;
  repo.edit(README, question, `${heading}\n\n<!--\nAnswer here.\n-->\n`);
  return lineOf(repo.read(README), heading);
}

test('prr/questionnaire: valid — a beta KEP answering every question', () => {
  withKep((repo) => expectFindings(runRule(prrQuestionnaireRule, repo), []));
});

test('prr/questionnaire: reports a question required for the stage that has only a comment, at the question', () => {
  withKep((repo) => {
    const line = unanswer(repo, API_CALLS);
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      {
        file: README,
        line,
        column: 1,
        message:
          /unanswered \(required for beta\): "Will enabling \/ using this feature result in any new API calls\?"/,
      },
    ]);
  });
});

test('prr/questionnaire: alpha needs Feature Enablement and Rollback only (stages read from the template’s comments)', () => {
  withKep((repo) => {
    repo.edit(METADATA, 'stage: beta', 'stage: alpha');
    unanswer(repo, API_CALLS);
    expectFindings(runRule(prrQuestionnaireRule, repo), []);
    const line = unanswer(repo, REENABLE);
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      { file: README, line, message: /required for alpha/ },
    ]);
    // A template that asks for Scalability from alpha on changes what alpha needs.
    repo.edit(TEMPLATE, 'For alpha, this section is encouraged', 'For alpha, this section is required');
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      { file: README, line },
      {
        file: README,
        line: lineOf(
          repo.read(README),
          '###### Will enabling / using this feature result in any new API calls?',
        ),
      },
    ]);
  });
});

test('prr/questionnaire: the template’s own example form is no answer', () => {
  withKep((repo) => {
    repo.edit(
      README,
      /(###### How can this feature be enabled \/ disabled in a live cluster\?\n\n)[\s\S]*?(?=###### Does enabling)/,
      '$1- [ ] Feature gate (also fill in values in `kep.yaml`)\n  - Feature gate name:\n  - Components depending on the feature gate:\n\n',
    );
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '###### How can this feature be enabled'),
        message: /unanswered/,
      },
    ]);
  });
});

test('prr/questionnaire: a missing question is reported at its section', () => {
  withKep((repo) => {
    repo.edit(README, /###### What are other known failure modes\?\n[\s\S]*?(?=###### What steps)/, '');
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '### Troubleshooting'),
        message: /missing \(required for beta\): "What are other known failure modes\?"/,
      },
    ]);
  });
});

test('prr/questionnaire: questions asked as bold lines (the pre-2021 form), wrapped or reworded, are answered too', () => {
  withKep((repo) => {
    let text = repo.read(README).replace(/^###### (.*)$/gm, '* **$1**');
    text = text.replace(
      '* **How can a rollout or rollback fail? Can it impact already running workloads?**',
      '* **How can a rollout fail? Can it impact already\n  running workloads?**',
    );
    repo.write(README, text);
    expectFindings(runRule(prrQuestionnaireRule, repo), []);
    repo.edit(
      README,
      /(\* \*\*What are other known failure modes\?\*\*\n\n)[\s\S]*?(?=\* \*\*What steps)/,
      '$1',
    );
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '* **What are other known failure modes?**'),
        column: 3,
        message: /unanswered/,
      },
    ]);
  });
});

test('prr/questionnaire: no questionnaire at all is one finding at the title', () => {
  withKep((repo) => {
    repo.edit(
      README,
      /## Production Readiness Review Questionnaire\n[\s\S]*?(?=## Implementation History)/,
      '',
    );
    expectFindings(runRule(prrQuestionnaireRule, repo), [
      {
        file: README,
        line: 1,
        message: /no "Production Readiness Review Questionnaire": its 25 questions required for beta/,
      },
    ]);
  });
});

test('prr/questionnaire: applies to implementable KEPs from the PRR release on and to KEPs targeting the current release', () => {
  withKep((repo) => {
    unanswer(repo, API_CALLS);
    repo.edit(METADATA, 'status: implementable', 'status: provisional');
    expectFindings(runRule(prrQuestionnaireRule, repo, { release: 'v1.40' }), []);
    repo.edit(METADATA, 'status: provisional', 'status: implemented');
    expectFindings(runRule(prrQuestionnaireRule, repo, { release: 'v1.40' }), []);
    expectFindings(runRule(prrQuestionnaireRule, repo, { release: 'v1.37' }), [
      {
        file: README,
        line: lineOf(
          repo.read(README),
          '###### Will enabling / using this feature result in any new API calls?',
        ),
      },
    ]);
    repo.edit(METADATA, 'status: implemented', 'status: implementable');
    repo.edit(METADATA, 'latest-milestone: "v1.37"', 'latest-milestone: "v1.20"');
    expectFindings(runRule(prrQuestionnaireRule, repo, { release: 'v1.40' }), []);
  });
});
