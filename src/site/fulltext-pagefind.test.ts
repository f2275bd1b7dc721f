// The built site's sharded full-text index, checked by searching it the way the page does (Pagefind's own
// script, the first shard merged with the others, over HTTP), and an incremental write against a clean one.
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { stem } from 'porter2';
import { serveStatic } from '../testing/browser.js';
import { corpusRoot } from '../testing/fixtures.js';
import { pagefindTerms, shardsForStems, wordListOf } from './client/pagefind-shards.js';
import {
  type FullTextRecord,
  PAGEFIND_DIR,
  SHARD_LIST,
  shardsOf,
  writePagefindIndex,
} from './fulltext-pagefind.js';

const work = mkdtempSync(path.join(tmpdir(), 'kepkit-pagefind-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A word no README has: `zqx` and letters for `at`, so that a search for it can only find its record. */
const markerWord = (at: number) =>
  `zqx${String.fromCharCode(97 + Math.floor(at / 26))}${String.fromCharCode(97 + (at % 26))}`;

/** The first `count` corpus READMEs (by path) as records, each with its marker word at the end. */
function corpusRecords(count: number): FullTextRecord[] {
  const readmes: string[] = [];
  for (const group of readdirSync(path.join(corpusRoot, 'keps')).sort())
    for (const dir of existsSync(path.join(corpusRoot, 'keps', group)) &&
    statSync(path.join(corpusRoot, 'keps', group)).isDirectory()
      ? readdirSync(path.join(corpusRoot, 'keps', group)).sort()
      : [])
      if (existsSync(path.join(corpusRoot, 'keps', group, dir, 'README.md'))) readmes.push(`${group}/${dir}`);
  return readmes.slice(0, count).map((dir, at) => ({
    url: `/keps/${dir}/`,
    content: `${readFileSync(path.join(corpusRoot, 'keps', dir, 'README.md'), 'utf8')} ${markerWord(at)}`,
    language: 'en',
    meta: { title: dir, id: dir },
  }));
}

/** Every file below `dir` with its bytes. */
function tree(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isFile()) found.set(entry, readFileSync(full).toString('base64'));
  }
  return found;
}

let imports = 0;
interface Searcher {
  /** The ids of the hits for `query`, best first. */
  search(query: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Pagefind's script of `dir/<shard>/` (a fresh module each time: Pagefind keeps its state in the module). */
async function pagefindModule(dir: string, shard: string, url: string) {
  const script = pathToFileURL(path.join(dir, shard, 'pagefind.js'));
  const pagefind = await import(`${script.href}?import=${imports++}`);
  await pagefind.options({ basePath: `${url}${shard}/` });
  await pagefind.init();
  return pagefind;
}

async function idsOf(found: { results: { data(): Promise<{ meta: { id: string } }> }[] }): Promise<string[]> {
  return (await Promise.all(found.results.map((result) => result.data()))).map((page) => page.meta.id);
}

/**
 * Search the index in `out` as the page does: the shard list, the first shard's script with the others merged,
 * and the shards a query may take hits from, chosen by the page's own module with the word lists.
 */
async function siteSearcher(out: string): Promise<Searcher> {
  const dir = path.join(out, PAGEFIND_DIR);
  const server = await serveStatic(dir, '/');
  const { shards, filter } = JSON.parse(readFileSync(path.join(dir, SHARD_LIST), 'utf8')) as {
    shards: string[];
    filter: string;
  };
  const [first, ...others] = shards;
  const pagefind = await pagefindModule(dir, first!, server.url);
  for (const shard of others) await pagefind.mergeIndex(`${server.url}${shard}/`);
  const lists = new Map<string, Record<string, string[]>>();
  const listOf = (name: string) => {
    const file = path.join(dir, 'words', `${name}.json`);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).shards : {};
  };
  return {
    async search(query) {
      const stems = pagefindTerms(query).map((term) => stem(term));
      for (const word of stems) lists.set(wordListOf(word), listOf(wordListOf(word)));
      const allowed = shardsForStems(stems, lists, shards);
      if (allowed.size === 0) return [];
      return idsOf(await pagefind.search(query, { filters: { [filter]: { any: [...allowed] } } }));
    },
    async close() {
      await pagefind.destroy?.();
      await server.close();
    },
  };
}

/** The oracle: one Pagefind index of every record, written by Pagefind's own API into `dir`. */
async function singleIndexSearcher(records: FullTextRecord[], dir: string): Promise<Searcher> {
  const pagefind = await import('pagefind');
  try {
    const { index } = await pagefind.createIndex({});
    for (const record of records) await index!.addCustomRecord(record);
    const { files } = await index!.getFiles();
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, 'one', file.path)), { recursive: true });
      writeFileSync(path.join(dir, 'one', file.path), Buffer.from(file.content));
    }
  } finally {
    await pagefind.close();
  }
  const server = await serveStatic(dir, '/');
  const module = await pagefindModule(dir, 'one', server.url);
  return {
    search: async (query) => idsOf(await module.search(query)),
    async close() {
      await module.destroy?.();
      await server.close();
    },
  };
}

test('shards: a power of two of them, at most 16, and a proposal keeps its shard when others come and go', () => {
  const cases: [records: number, shards: number][] = [
    [1, 1],
    [40, 1],
    [41, 2],
    [100, 4],
    [651, 16],
    [5000, 16],
  ];
  for (const [records, expected] of cases) {
    const all = Array.from({ length: records }, (_, at) => ({
      url: `/keps/${at}/`,
      content: `text ${at}`,
      language: 'en',
      meta: { title: String(at), id: String(at) },
    }));
    const shards = shardsOf(all);
    const names = new Set(shards.map((shard) => shard.name.split('-of-')[1]));
    assert.deepEqual([...names], [String(expected).padStart(2, '0')], `${records} records`);
    assert.deepEqual(shards.flatMap((shard) => shard.records).length, records, 'each record in one shard');
    assert.deepEqual(
      shards.map((shard) => shard.withRuntime),
      shards.map((_, at) => at === 0),
      'the first shard alone carries the script',
    );
    // One record fewer (the same shard count): every other record stays where it was.
    const before = new Map(
      shards.flatMap((shard) => shard.records.map((record) => [record.url, shard.name])),
    );
    const fewer = shardsOf(all.slice(1));
    const sameSplit = fewer.every((shard) => shard.name.endsWith(`-of-${String(expected).padStart(2, '0')}`));
    if (sameSplit)
      for (const shard of fewer)
        for (const record of shard.records) assert.equal(before.get(record.url), shard.name, record.url);
  }
  assert.deepEqual(shardsOf([]), []);
});

test('a merged search finds each proposal by its own word; an edit re-indexes its shard only, as a clean write would', async () => {
  const records = corpusRecords(100);
  const out = path.join(work, 'site');
  const first = await writePagefindIndex(records, out);
  assert.equal(first.shards, 4);
  assert.equal(first.rebuilt, 4);
  const shardDirs = () =>
    new Map(
      readdirSync(path.join(out, PAGEFIND_DIR))
        .filter((name) => name.includes('-of-'))
        .map((name) => [name, statSync(path.join(out, PAGEFIND_DIR, name)).ino]),
    );
  const inodes = shardDirs();
  assert.equal(inodes.size, 4);

  let searching = await siteSearcher(out);
  try {
    // One record of each shard: its word brings it, and only it.
    for (const shard of shardsOf(records)) {
      const at = records.indexOf(shard.records[0]!);
      assert.deepEqual(await searching.search(markerWord(at)), [records[at]!.meta.id], shard.name);
    }
  } finally {
    await searching.close();
  }

  // Nothing changed: nothing indexed.
  assert.equal((await writePagefindIndex(records, out)).rebuilt, 0);

  const edited = records.map((record, at) =>
    at === 7 ? { ...record, content: record.content.replace(markerWord(7), 'zqxedited') } : record,
  );
  const again = await writePagefindIndex(edited, out);
  assert.equal(again.rebuilt, 1);
  const editedShard = shardsOf(edited).find((shard) => shard.records.some((record) => record === edited[7]));
  for (const [name, inode] of shardDirs())
    assert.equal(inode === inodes.get(name), name !== editedShard?.name, `${name}: swapped only if edited`);
  searching = await siteSearcher(out);
  try {
    assert.deepEqual(await searching.search('zqxedited'), [records[7]!.meta.id]);
    // Its old word is in no README now: what the search still matches (a shorter word, as one index would) is
    // not the edited proposal.
    assert.ok(!(await searching.search(markerWord(7))).includes(records[7]!.meta.id!));
    assert.deepEqual(await searching.search(markerWord(8)), [records[8]!.meta.id]);
  } finally {
    await searching.close();
  }

  const clean = path.join(work, 'clean');
  await writePagefindIndex(edited, clean);
  assert.deepEqual(tree(out), tree(clean), 'the incremental index is the clean one, byte for byte');
  assert.deepEqual(
    readdirSync(path.join(out, PAGEFIND_DIR)).filter((name) => name.startsWith('.')),
    [],
    'no temp dirs left',
  );
});

test('the merged shards answer as one index of every proposal would: rare words, prefixes, phrases, absent words', async () => {
  const records = corpusRecords(120);
  const out = path.join(work, 'oracle-site');
  assert.equal((await writePagefindIndex(records, out)).shards, 4);
  // Query words picked from the text by a plain scan: rare ones (where a shard without them would answer with a
  // shorter word), common ones, their beginnings (as typed), two-word queries, and words of no README.
  const documentsOf = new Map<string, number>();
  for (const record of records)
    for (const word of new Set(record.content.toLowerCase().match(/\b[a-z]{5,}\b/g) ?? []))
      documentsOf.set(word, (documentsOf.get(word) ?? 0) + 1);
  const words = [...documentsOf.keys()].sort();
  const rare = words.filter((word) => documentsOf.get(word)! <= 2).filter((_, at) => at % 97 === 0);
  const common = words.filter((word) => documentsOf.get(word)! >= 30).filter((_, at) => at % 23 === 0);
  const queries = [
    ...rare,
    ...common,
    ...rare.map((word) => word.slice(0, -2)),
    `${common[0]} ${rare[0]}`,
    `${common[1]} ${common[2]}`,
    `"${common[3]}"`,
    'qqqqzzzz',
    'zqxqq',
  ];
  assert.ok(rare.length >= 10 && common.length >= 5, `${rare.length} rare, ${common.length} common words`);
  const site = await siteSearcher(out);
  const one = await singleIndexSearcher(records, path.join(work, 'oracle-one'));
  try {
    let rareWithHits = 0;
    for (const query of queries) {
      const expected = await one.search(query);
      const actual = await site.search(query);
      assert.deepEqual([...actual].sort(), [...expected].sort(), `the hits of ${JSON.stringify(query)}`);
      if (rare.includes(query) && expected.length > 0) rareWithHits++;
    }
    assert.ok(rareWithHits >= rare.length / 2, 'the rare words are found');
  } finally {
    await site.close();
    await one.close();
  }
});

test('what else is in pagefind/ goes: the one-index layout of earlier versions, other splits, interrupted writes', async () => {
  const out = path.join(work, 'stale');
  const dir = path.join(out, PAGEFIND_DIR);
  mkdirSync(path.join(dir, 'fragment'), { recursive: true });
  mkdirSync(path.join(dir, '03-of-08'));
  mkdirSync(path.join(dir, '.00-of-01-0a1b2c3d4e5f.tmp'));
  writeFileSync(path.join(dir, 'pagefind.js'), '// an earlier build');
  writeFileSync(path.join(dir, 'kepkit-records.sha256'), 'x');
  await writePagefindIndex(corpusRecords(10), out);
  assert.deepEqual(readdirSync(dir).sort(), ['00-of-01', SHARD_LIST, 'words']);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, SHARD_LIST), 'utf8')).shards, ['00-of-01']);
});

test('a pagefind/ that is a symbolic link is refused, and nothing is written where it leads', async () => {
  const out = path.join(work, 'linked');
  const elsewhere = path.join(work, 'elsewhere');
  mkdirSync(out, { recursive: true });
  mkdirSync(elsewhere);
  symlinkSync(elsewhere, path.join(out, PAGEFIND_DIR));
  await assert.rejects(writePagefindIndex(corpusRecords(3), out), /symbolic link/);
  assert.deepEqual(readdirSync(elsewhere), []);
});
