import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoContext } from '../cli/common.js';
import { siteOptions } from '../cli/site-options.js';
import { exampleRepo, withDisposed } from '../testing/fixtures.js';
import {
  excerptOf,
  FullTextIndex,
  MAX_QUERY_LENGTH,
  SearchQueryError,
  searchJson,
  searchQueryOf,
  tokenize,
} from './fulltext.js';
import { listJson, readmeText } from './search-data.js';
import { loadSite, refreshSite, type Site } from './site.js';

async function exampleSite(root: string): Promise<Site> {
  const context = repoContext({ repo: root });
  const options = await siteOptions(context, { cache: false }, '/enhancements/');
  return loadSite(root, { ...options, history: undefined });
}

/** Words that occur in exactly one proposal's README: what a full-text search must find first. */
function wordsOnlyIn(site: Site): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const proposal of site.proposals)
    for (const word of new Set(tokenize(readmeText(proposal))))
      if (word.length >= 7 && !/\d/.test(word)) {
        const set = owners.get(word) ?? new Set<string>();
        set.add(proposal.id);
        owners.set(word, set);
      }
  const only = new Map<string, string>();
  for (const [word, ids] of owners) if (ids.size === 1) only.set(word, [...ids][0]!);
  return only;
}

test('the full-text index finds each example proposal first by a word only its README has', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const site = await exampleSite(repo.root);
    const index = new FullTextIndex();
    const counts = await index.update(site);
    assert.equal(counts.added, new Set(site.proposals.map((proposal) => proposal.id)).size);
    const only = wordsOnlyIn(site);
    const checked = new Set<string>();
    for (const [word, id] of only) {
      if (checked.has(id)) continue;
      checked.add(id);
      const hits = await index.search(word);
      assert.equal(hits[0]?.id, id, `${word}: ${hits.map((hit) => hit.id).join(', ')}`);
      const hit = hits[0]!;
      assert.match(hit.url, /^\/enhancements\/keps\/.+\/$/);
      assert.ok(hit.highlights.length > 0, word);
      // Fuzzy matching may mark near words too (`domain` for `domains`); the word itself is marked.
      assert.ok(
        hit.highlights.some(([start, end]) => hit.excerpt.slice(start, end).toLowerCase() === word),
        `${word}: not marked in ${hit.excerpt}`,
      );
    }
    assert.ok(checked.size >= 3, `only ${checked.size} proposals have a word of their own`);
  }));

test('the full-text index follows a refreshed site: an edited README is found by its new word, only it is re-indexed', () =>
  withDisposed(exampleRepo(), async (repo) => {
    let site = await exampleSite(repo.root);
    const index = new FullTextIndex();
    await index.update(site);
    const proposal = site.proposals.find((candidate) => candidate.readme)!;
    const readme = path.join(repo.root, proposal.readmePath);
    assert.deepEqual(await index.search('zyxwvutsrq'), []);
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}\nThe zyxwvutsrq mechanism.\n`);
    site = await refreshSite(site, [proposal.readmePath]);
    assert.deepEqual(await index.update(site), { added: 0, replaced: 1, removed: 0 });
    const hits = await index.search('zyxwvutsrq');
    assert.deepEqual(
      hits.map((hit) => hit.id),
      [proposal.id],
    );
    assert.match(hits[0]!.excerpt, /zyxwvutsrq mechanism/);
    // A prefix of the last word matches as it is typed.
    assert.deepEqual(
      (await index.search('zyxwv')).map((hit) => hit.id),
      [proposal.id],
    );
    const json = JSON.parse(await searchJson(index, 'zyxwvutsrq')) as { query: string; results: unknown[] };
    assert.equal(json.query, 'zyxwvutsrq');
    assert.equal(json.results.length, 1);
    // A proposal gone from the site is gone from the index.
    assert.deepEqual(
      await index.update({ ...site, proposals: site.proposals.filter((p) => p.id !== proposal.id) }),
      {
        added: 0,
        replaced: 0,
        removed: 1,
      },
    );
    assert.deepEqual(await index.search('zyxwvutsrq'), []);
  }));

test('api/list.json lists every proposal with the facts the filters read, in the order of the rows', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const site = await exampleSite(repo.root);
    const { proposals } = JSON.parse(listJson(site)) as {
      proposals: { id: string; authors: string[]; errors: number; warnings: number; url: string }[];
    };
    assert.deepEqual(
      proposals.map((document) => document.id),
      site.proposals.map((proposal) => proposal.id),
    );
    for (const [at, document] of proposals.entries()) {
      const proposal = site.proposals[at]!;
      assert.deepEqual(document.authors, proposal.metadata.authors);
      const findings = site.findings.get(proposal.dir) ?? [];
      assert.equal(document.errors + document.warnings, findings.length);
      assert.ok(document.url.startsWith('/enhancements/keps/'));
    }
  }));

test('an excerpt is a window around the first match with every matched word as offsets', () => {
  const text = `${'lorem ipsum '.repeat(40)}the Rootless mode runs rootless kubelets ${'dolor sit '.repeat(40)}`;
  const { excerpt, highlights } = excerptOf(text, ['rootless']);
  assert.ok(excerpt.startsWith('… ') && excerpt.endsWith(' …'), excerpt);
  assert.ok(excerpt.length < 200);
  assert.deepEqual(
    highlights.map(([start, end]) => excerpt.slice(start, end)),
    ['Rootless', 'rootless'],
  );
  assert.deepEqual(excerptOf('short text', ['absent']), { excerpt: 'short text', highlights: [] });
});

test('readmeText drops markup and stays linear on hostile input', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const site = await exampleSite(repo.root);
    const proposal = site.proposals.find((candidate) => candidate.readme)!;
    const text = readmeText(proposal);
    assert.ok(text.length > 100);
    assert.doesNotMatch(text, /<!--|```|\]\(/);
    // Unclosed brackets, tags and comments by the hundred thousand: each pattern is bounded, so this returns.
    const hostile = {
      ...proposal,
      readme: {
        ...proposal.readme!,
        lines: ['['.repeat(200_000) + '<a'.repeat(50_000) + '<!--'.repeat(20_000)],
      },
    };
    assert.ok(readmeText(hostile).length > 0);
  }));

test('searchQueryOf: q decoded from the raw URL; too long, not decodable, repeated or control characters refused', () => {
  assert.equal(searchQueryOf('/api/search?q=user%20namespaces'), 'user namespaces');
  assert.equal(searchQueryOf('/api/search?q=caf%C3%A9+au+lait'), 'café au lait');
  assert.equal(searchQueryOf('/api/search'), '');
  assert.equal(searchQueryOf('/api/search?other=1&q=x'), 'x');
  const refused = (url: string, message: RegExp) =>
    assert.throws(
      () => searchQueryOf(url),
      (error: unknown) => error instanceof SearchQueryError && message.test(error.message),
    );
  refused(`/api/search?q=${'a'.repeat(MAX_QUERY_LENGTH + 1)}`, /longer than 200/);
  refused(`/api/search?q=${'%41'.repeat(10_000)}`, /longer than 200/);
  refused('/api/search?q=%E0%A4%A', /percent-encoded/);
  refused('/api/search?q=%ZZ', /percent-encoded/);
  refused('/api/search?q=a&q=b', /once/);
  refused('/api/search?q=a%00b', /control/);
});
