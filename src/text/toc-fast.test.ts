import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRepository, parseMarkdown } from '../load/index.js';
import { kubernetesProfile } from '../profile/index.js';
import { corpusRoot } from '../testing/fixtures.js';
import { inspectToc, tocMatchesHeadings } from './toc.js';

const settings = kubernetesProfile.toc!;
/** The fast check on a text, with the section tree the lint would have parsed for it. */
const fastCheck = (text: string): boolean =>
  tocMatchesHeadings(text, settings, parseMarkdown({ path: 'README.md', text, hash: '' }).sections);

test('the fast TOC check never calls a table of contents current that mdtoc would rewrite (every corpus README)', () => {
  const repo = loadRepository(corpusRoot, { profile: kubernetesProfile });
  let confirmed = 0;
  for (const proposal of repo.proposals) {
    if (!proposal.readme) continue;
    if (!tocMatchesHeadings(proposal.readme.file.text, settings, proposal.readme.sections)) continue;
    confirmed++;
    assert.equal(inspectToc(proposal.readme.file.text, settings).status, 'current', proposal.dir);
  }
  // Nearly all of them: the fast path is what keeps readme/toc cheap.
  assert.ok(confirmed > 600, `${confirmed} confirmed`);
});

test('the fast TOC check defers to the full pass for a heading inside a list, which gomarkdown does not see', () => {
  const text = [
    '# KEP-1: T',
    '',
    '<!-- toc -->',
    '- [Goals](#goals)',
    '<!-- /toc -->',
    '',
    '- ## Goals',
    '',
  ].join('\n');
  assert.equal(fastCheck(text), false);
  assert.equal(inspectToc(text, settings).status, 'outdated');
});

test('the fast TOC check rejects a stale table of contents', () => {
  const text = [
    '# KEP-1: T',
    '',
    '<!-- toc -->',
    '- [Goals](#goals)',
    '<!-- /toc -->',
    '',
    '## Aims',
    '',
  ].join('\n');
  assert.equal(fastCheck(text), false);
  const fresh = text.replace('- [Goals](#goals)', '- [Aims](#aims)');
  assert.equal(fastCheck(fresh), true);
  assert.equal(inspectToc(fresh, settings).status, 'current');
});
