import { test } from 'node:test';
import { lineOf, skeletonText, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, ruleTester, runRule } from '../../testing/rule-tester.js';
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

// The skeleton README is 5 lines (H1, Summary); a case's text starts on line 7.
const readme = (body: string) => ({ 'README.md': `${skeletonText('README.md')}\n${body}` });
const FENCED = `\`\`\`\n${BLOCK}\`\`\`\n`;

ruleTester(unresolvedRule, {
  valid: [
    { name: 'a block inside an HTML comment is no block', files: readme(`<!--\n${BLOCK}-->\n`) },
    {
      name: 'the template’s own example: a fenced block inside an HTML comment',
      files: readme(
        `<!--\nYou can denote sections that are under active debate as follows:\n\n${FENCED}-->\n`,
      ),
    },
    {
      name: 'a fenced block in a provisional KEP not targeting the current release',
      release: 'v1.40',
      files: {
        ...readme(FENCED),
        'kep.yaml': (text) => text.replace('status: implementable', 'status: provisional'),
      },
    },
  ],
  invalid: [
    {
      name: 'a block in fenced code counts (authors copy the template’s fenced form)',
      files: readme(FENCED),
      errors: [
        { line: 8, column: 1, message: 'unresolved block (until line 10) in a KEP that is implementable' },
      ],
    },
    {
      name: 'a block in a tilde fence, indented, counts too',
      files: readme(`~~~text\n  ${BLOCK}~~~\n`),
      errors: [{ line: 8, column: 3, message: 'until line 10' }],
    },
    {
      name: 'a stray closing marker is reported',
      files: readme('Settled. <<[/UNRESOLVED]>>\n'),
      errors: [{ line: 7, column: 10, message: 'without an opening' }],
    },
    {
      name: 'a block opened in code and never closed is reported there, and the blocks after the code still are',
      files: readme(`\`\`\`\n <<[UNRESOLVED answer these]>>\n\`\`\`\n\n${BLOCK}`),
      errors: [
        { line: 8, column: 2, message: 'never closed' },
        { line: 11, column: 1, message: 'until line 13' },
      ],
    },
    {
      name: 'a block may span several code blocks when it is closed',
      files: readme('```\n<<[UNRESOLVED]>>\n```\n\nOptions:\n\n```\n<<[/UNRESOLVED]>>\n```\n'),
      errors: [{ line: 8, column: 1, message: 'until line 14' }],
    },
  ],
});
