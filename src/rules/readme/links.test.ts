import { test } from 'node:test';
import { lineOf, type TempRepo, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { linksRule } from './links.js';

const KEP = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode';
const OTHER = 'keps/sig-node/2129-remove-cadvisor-json-metrics';
const README = `${KEP}/README.md`;

const withKeps = (run: (repo: TempRepo) => void): void => withCorpusRepo([KEP, OTHER], run);

test('readme/links: valid — links to existing files and KEPs, URLs and anchors', () => {
  withKeps((repo) => {
    repo.edit(
      README,
      '### Goals\n',
      '### Goals\n\nSee [KEP-2129](../../sig-node/2129-remove-cadvisor-json-metrics), [its README](/keps/sig-node/2129-remove-cadvisor-json-metrics/README.md#summary), [the metadata](kep.yaml), [above](#summary) and [docs](https://kubernetes.io).\n',
    );
    expectFindings(runRule(linksRule, repo), []);
  });
});

test('readme/links: reports relative links to missing files at the target, saying where a moved KEP is', () => {
  withKeps((repo) => {
    repo.edit(
      README,
      '### Goals\n',
      '### Goals\n\nSee [the design](design.md).\n\nAnd [KEP-2129](../../sig-instrumentation/2129-remove-cadvisor-json-metrics/README.md).\n\nAnd [KEP-2129 again](../../sig-node/2129-another-name).\n\n![diagram](images/flow.png)\n\n[ref]: ./notes.md\n',
    );
    const text = repo.read(README);
    expectFindings(runRule(linksRule, repo), [
      {
        file: README,
        line: lineOf(text, 'See [the design]'),
        column: 18,
        message: /points to keps\/sig-api-machinery\/6178-[^ ]*\/design\.md, which does not exist$/,
      },
      {
        file: README,
        line: lineOf(text, 'And [KEP-2129]'),
        column: 16,
        message: /KEP 2129 is at keps\/sig-node\/2129-remove-cadvisor-json-metrics/,
      },
      {
        file: README,
        line: lineOf(text, 'And [KEP-2129 again]'),
        message: /2129-another-name, which does not exist$/,
      },
      { file: README, line: lineOf(text, '![diagram]'), column: 12 },
      { file: README, line: lineOf(text, '[ref]:'), column: 8 },
    ]);
  });
});

test('readme/links: links in code, inline code and HTML comments are not links; a scheme-less URL is', () => {
  withKeps((repo) => {
    repo.edit(
      README,
      '### Goals\n',
      '### Goals\n\n`[x](missing.md)`\n\n<!-- [x](missing.md) -->\n\n```\n[x](missing.md)\n```\n\n[issue](github.com/kubernetes/kubernetes/issues/1)\n',
    );
    expectFindings(runRule(linksRule, repo), [
      { file: README, line: lineOf(repo.read(README), '[issue]'), column: 9, message: /has no scheme/ },
    ]);
  });
});
