import { test } from 'node:test';
import { type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { titleRule } from './title.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;
const H1 = '# KEP-6178: Concurrent Watch Object Decode';

const withKep = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP], run);

test('readme/title: valid — "KEP-<number>: <title>" agreeing with kep.yaml', () => {
  withKep((repo) => expectFindings(runRule(titleRule, repo), []));
});

test('readme/title: a wrong or placeholder number is reported on every KEP, implemented ones too', () => {
  withKep((repo) => {
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: implemented');
    repo.edit(README, H1, '# KEP-6187: Concurrent Watch Object Decode');
    expectFindings(runRule(titleRule, repo, { release: 'v1.40' }), [
      { file: README, line: 1, column: 1, message: /names KEP-6187, but this is KEP 6178/ },
    ]);
    repo.edit(README, '# KEP-6187:', '# KEP-NNNN:');
    expectFindings(runRule(titleRule, repo, { release: 'v1.40' }), [
      { file: README, line: 1, message: /names KEP-NNNN/ },
    ]);
  });
});

test('readme/title: another form, or no H1, is reported on KEPs still moving only', () => {
  withKep((repo) => {
    repo.edit(README, H1, '# Concurrent Watch Object Decode');
    expectFindings(runRule(titleRule, repo, { release: 'v1.40' }), [
      { file: README, line: 1, message: /not in the form "KEP-6178: Concurrent Watch Object Decode"/ },
    ]);
    repo.edit(README, '# Concurrent Watch Object Decode', 'Concurrent Watch Object Decode');
    expectFindings(runRule(titleRule, repo, { release: 'v1.40' }), [
      { file: README, line: 1, message: /no title heading/ },
    ]);
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: implemented');
    expectFindings(runRule(titleRule, repo, { release: 'v1.40' }), []);
  });
});

test('readme/title: a title that names something else than kep.yaml is reported; short forms and linked numbers agree', () => {
  withKep((repo) => {
    repo.edit(`${KEP}/kep.yaml`, 'title: Concurrent Watch Object Decode', 'title: KEP Template');
    expectFindings(runRule(titleRule, repo), [
      { file: README, line: 1, message: /disagrees with title "KEP Template" in kep.yaml/ },
    ]);
    repo.edit(`${KEP}/kep.yaml`, 'title: KEP Template', 'title: Concurrent watch decode');
    repo.edit(
      README,
      H1,
      '# [KEP-6178](https://github.com/kubernetes/enhancements/issues/6178): Concurrent Watch Object Decode',
    );
    expectFindings(runRule(titleRule, repo), []);
  });
});
