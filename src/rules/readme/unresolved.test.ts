import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { unresolvedRule } from './unresolved.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const README = `${KEP}/README.md`;
const BLOCK = '<<[UNRESOLVED default concurrency ]>>\nShould it be 10?\n<<[/UNRESOLVED]>>\n';

const withKep = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP], run);

test('readme/unresolved: valid — a corpus KEP with no open blocks', () => {
  withKep((repo) => expectFindings(runRule(unresolvedRule, repo), []));
});

test('readme/unresolved: reports a block in an implementable KEP at its opening line', () => {
  withKep((repo) => {
    repo.edit(README, '### Risks and Mitigations\n\n', `### Risks and Mitigations\n\n${BLOCK}\n`);
    const line = lineOf(repo.read(README), '<<[UNRESOLVED default');
    expectFindings(runRule(unresolvedRule, repo, { release: 'v1.40' }), [
      {
        file: README,
        line,
        column: 1,
        message: new RegExp(`until line ${line + 2}\\) in a KEP that is implementable`),
      },
    ]);
  });
});

test('readme/unresolved: a provisional KEP may have open blocks, but not unterminated ones', () => {
  withKep((repo) => {
    repo.edit(`${KEP}/kep.yaml`, 'status: implementable', 'status: provisional');
    repo.edit(README, '### Risks and Mitigations\n\n', `### Risks and Mitigations\n\n${BLOCK}\n`);
    expectFindings(runRule(unresolvedRule, repo, { release: 'v1.40' }), []);
    repo.edit(README, '## Drawbacks\n\n', '## Drawbacks\n\nSome text <<[UNRESOLVED who owns this ]>>\n\n');
    const line = lineOf(repo.read(README), 'who owns this');
    expectFindings(runRule(unresolvedRule, repo, { release: 'v1.40' }), [
      { file: README, line, column: 11, message: /never closed/ },
    ]);
  });
});

test('readme/unresolved: blocks in HTML comments or code are not blocks; a stray closing marker is reported', () => {
  withKep((repo) => {
    repo.edit(
      README,
      '### Risks and Mitigations\n\n',
      `### Risks and Mitigations\n\n<!--\n${BLOCK}-->\n\n\`\`\`\n${BLOCK}\`\`\`\n\n`,
    );
    expectFindings(runRule(unresolvedRule, repo), []);
    repo.edit(README, '## Drawbacks\n\n', '## Drawbacks\n\nSettled. <<[/UNRESOLVED]>>\n\n');
    expectFindings(runRule(unresolvedRule, repo), [
      {
        file: README,
        line: lineOf(repo.read(README), 'Settled. <<'),
        column: 10,
        message: /without an opening/,
      },
    ]);
  });
});

test('readme/unresolved: a "<!--" inside code opens no comment, so a block after it is still found', () => {
  withKep((repo) => {
    repo.edit(
      README,
      '### Risks and Mitigations\n\n',
      `### Risks and Mitigations\n\n<!--\n${BLOCK}-->\n\n\`\`\`html\n<!-- an example\n\`\`\`\n\n${BLOCK}\n`,
    );
    const text = repo.read(README);
    const line = text.split('\n').lastIndexOf('<<[UNRESOLVED default concurrency ]>>') + 1;
    expectFindings(runRule(unresolvedRule, repo, { release: 'v1.40' }), [
      { file: README, line, column: 1, message: /in a KEP that is implementable/ },
    ]);
  });
});
