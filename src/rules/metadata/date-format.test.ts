import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { dateFormatRule } from './date-format.js';

const KEP = 'keps/sig-network/0752-endpointslices';
const FILE = `${KEP}/kep.yaml`;

test('metadata/date-format: valid — creation-date and last-updated are real YYYY-MM-DD dates', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(dateFormatRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/date-format: invalid — month 13 and a written-out date, each at its value', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(FILE, /^creation-date: 2019-06-01$/m, 'creation-date: 2019-13-01');
    repo.edit(FILE, /^last-updated: 2021-08-19$/m, 'last-updated: "Aug 19, 2021"');
    const text = repo.read(FILE);
    expectFindings(runRule(dateFormatRule, repo), [
      { file: FILE, line: lineOf(text, 'creation-date:'), column: 16, message: /"2019-13-01" is not a date/ },
      { file: FILE, line: lineOf(text, 'last-updated:'), column: 15, message: /"Aug 19, 2021"/ },
    ]);
  } finally {
    repo.dispose();
  }
});
