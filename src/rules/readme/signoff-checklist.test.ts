import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { signoffChecklistRule } from './signoff-checklist.js';

const IMPLEMENTED = 'keps/sig-node/2129-remove-cadvisor-json-metrics';
const README = `${IMPLEMENTED}/README.md`;
const MOVING = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';

const withKeps = (run: (repo: TempRepo) => void): void => withCorpusRepo([IMPLEMENTED, MOVING], run);

test('readme/signoff-checklist: valid — an implemented KEP with its (R) items ticked; an implementable one may have open items', () => {
  withKeps((repo) => expectFindings(runRule(signoffChecklistRule, repo), []));
});

test('readme/signoff-checklist: reports unticked (R) items of an implemented KEP once, at the first', () => {
  withKeps((repo) => {
    repo.edit(README, '- [X] (R) Design details', '- [ ] (R) Design details');
    repo.edit(README, '- [X] (R) Graduation criteria', '- [ ] (R) Graduation criteria');
    expectFindings(runRule(signoffChecklistRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '(R) Design details'),
        column: 1,
        message: /2 of 6 required \(R\) items .* first: "\(R\) Design details are appropriately documented"/,
      },
    ]);
  });
});

test('readme/signoff-checklist: reports a missing or empty checklist of a KEP that went through a release', () => {
  withKeps((repo) => {
    repo.edit(README, /- \[X\] \(R\) Enhancement[\s\S]*?release notes\n/, 'Done.\n');
    expectFindings(runRule(signoffChecklistRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), '## Release Signoff Checklist'),
        message: /has no checklist items/,
      },
    ]);
    repo.edit(README, '## Release Signoff Checklist', '## Checklist');
    expectFindings(runRule(signoffChecklistRule, repo), [
      { file: README, line: 1, message: /no "Release Signoff Checklist" section/ },
    ]);
  });
});

test('readme/signoff-checklist: KEPs from before the current process are history', () => {
  withKeps((repo) => {
    repo.edit(README, '## Release Signoff Checklist', '## Checklist');
    repo.edit(`${IMPLEMENTED}/kep.yaml`, 'latest-milestone: "v1.21"', 'latest-milestone: "v1.20"');
    expectFindings(runRule(signoffChecklistRule, repo), []);
  });
});
