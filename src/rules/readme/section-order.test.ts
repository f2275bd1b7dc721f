import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { sectionOrderRule } from './section-order.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;

test('readme/section-order: valid — a corpus KEP in template order (extra headings anywhere are fine)', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(sectionOrderRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('readme/section-order: reports the fewest moved sections, at their headings', () => {
  const repo = corpusRepo([KEP]);
  try {
    const text = repo.read(README);
    // Move "## Alternatives" (the last section) to just before "## Proposal".
    const start = text.indexOf('## Alternatives\n');
    const alternatives = text.slice(start);
    const moved = text.slice(0, start).replace('## Proposal\n', `${alternatives.trimEnd()}\n\n## Proposal\n`);
    repo.write(README, moved);
    expectFindings(runRule(sectionOrderRule, repo), [
      {
        file: README,
        line: lineOf(moved, /^## Alternatives$/),
        column: 1,
        message:
          /"Alternatives" is out of order: the template puts it after "Drawbacks"; here it follows "Motivation"/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});

test('readme/section-order: not checked on KEPs that are history', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(README, /## Summary\n[\s\S]*?(?=## Motivation)/, '');
    repo.write(README, `${repo.read(README)}\n## Summary\n\nMoved to the end.\n`);
    const line = lineOf(repo.read(README), /^## Summary$/);
    expectFindings(runRule(sectionOrderRule, repo, { release: 'v1.40' }), [{ file: README, line }]);
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: implemented');
    expectFindings(runRule(sectionOrderRule, repo, { release: 'v1.40' }), []);
  } finally {
    repo.dispose();
  }
});
