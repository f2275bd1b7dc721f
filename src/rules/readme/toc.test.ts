import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { kubernetesProfile } from '../../profile/index.js';
import { corpusRepo, corpusRoot, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { applyEdits } from '../../text/apply.js';
import { inspectToc } from '../../text/toc.js';
import { tocRule } from './toc.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const README = `${KEP}/README.md`;
const settings = kubernetesProfile.toc!;

test('readme/toc: valid — a corpus README and the template agree with mdtoc', () => {
  const repo = corpusRepo([KEP]);
  try {
    expectFindings(runRule(tocRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: invalid — a broken table of contents is reported at its marker, and the fix restores upstream’s bytes', () => {
  const repo = corpusRepo([KEP]);
  try {
    const upstream = readFileSync(path.join(corpusRoot, README), 'utf8');
    repo.edit(README, /^ {2}- \[Goals\]\(#goals\)\n/m, '');
    repo.edit(README, '- [Summary](#summary)', '- [Summary](#sumary)');
    const findings = runRule(tocRule, repo);
    expectFindings(findings, [
      {
        file: README,
        line: lineOf(repo.read(README), '<!-- toc -->'),
        column: 1,
        message: /differs from the headings/,
      },
    ]);
    const fix = findings[0]!.fix!;
    assert.equal(fix.file, README);
    assert.equal(applyEdits(repo.read(README), fix.edits), upstream);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: invalid — missing markers are reported on line 1; the fix inserts a table of contents mdtoc accepts', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(README, /<!-- toc -->[\s\S]*<!-- \/toc -->\n/, '');
    const findings = runRule(tocRule, repo);
    expectFindings(findings, [{ file: README, line: 1, column: 1, message: /missing opening TOC tag/ }]);
    const fixed = applyEdits(repo.read(README), findings[0]!.fix!.edits);
    assert.equal(inspectToc(fixed, settings).status, 'current');
    assert.match(fixed, /<!-- \/toc -->\n\n## Release Signoff Checklist/);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: invalid — a lone marker is reported without a fix', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(README, '<!-- /toc -->', '');
    const findings = runRule(tocRule, repo);
    expectFindings(findings, [{ file: README, line: 1, message: /missing closing TOC tag/ }]);
    assert.equal(findings[0]!.fix, undefined);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: valid — a README named in the skip list is not checked', () => {
  const repo = corpusRepo([KEP]);
  try {
    repo.edit(README, '- [Summary](#summary)', '- [Summary](#sumary)');
    repo.write(settings.skipListFile, `keps/README.md\n${README}\n`);
    expectFindings(runRule(tocRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: invalid — markup that would keep mdtoc rescanning for minutes is reported on line 1 as not checked, without a fix', () => {
  const repo = corpusRepo([KEP]);
  try {
    // From every `[`, gomarkdown looks for the matching `]` to the end of the line.
    repo.write(README, `${repo.read(README)}\n## ${'['.repeat(100_000)}\n`);
    expectFindings(runRule(tocRule, repo), [
      {
        file: README,
        line: 1,
        column: 1,
        message: /^table of contents not checked: its headings could not be computed within the work budget/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});

test('readme/toc: invalid — a heading that holds the end marker gets a finding but no fix that would never hold', () => {
  const repo = corpusRepo([KEP]);
  try {
    // Found by the fuzz tests: the regenerated table would hold the marker, end there, and differ again.
    repo.edit(`${KEP}/README.md`, '## Summary', '# <!-- /toc -->\n## Summary');
    const findings = runRule(tocRule, repo);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.fix, undefined);
    assert.match(findings[0]!.message, /not fixed automatically: a heading holds a table-of-contents marker/);
  } finally {
    repo.dispose();
  }
});
