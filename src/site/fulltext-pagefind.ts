// A built site's full-text search: Pagefind indexes (what peps.python.org uses) of every proposal's title and
// README text, written under `pagefind/` by `kep build-site`. The browser loads only the fragments a query
// needs. Pagefind has no incremental mode, so the proposals are split into shards by a hash of their id, each
// its own index (`pagefind/03-of-16/`), merged in the browser (`mergeIndex`); a build re-indexes only the
// shards whose records changed (a fingerprint in each says). `pagefind/shards.json` lists the shards, the one
// holding Pagefind's script first. The records are built from the loaded site (no HTML is parsed again), and
// the indexing runs in a worker thread, beside the page rendering of the main thread.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeFileAtomic } from '../load/atomic-write.js';
// The page's own rule for which list a word is in: the lists are written as the page reads them.
import { wordListOf } from './client/pagefind-shards.js';
import {
  FINGERPRINT_FILE,
  type FullTextRecord,
  SHARD_FILTER,
  type Shard,
  WORDS_FILE,
} from './fulltext-pagefind-worker.js';
import { readmeText } from './search-data.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

export type { FullTextRecord };

/** Where the indexes live below the site's base; the page script reads `pagefind/shards.json` from there. */
export const PAGEFIND_DIR = 'pagefind';
export const SHARD_LIST = 'shards.json';
const SHARD_LIST_FORMAT = 'kepkit-pagefind-shards/1';
export const WORDS_DIR = 'words';
const WORD_LIST_FORMAT = 'kepkit-pagefind-words/1';
/** What a shard holds besides Pagefind's files (the shard filter, the word list): a change re-indexes all. */
const SHARD_FORMAT = 2;
/** Proposals per shard, about: re-indexing one shard of the corpus (~40 READMEs) takes ~0.4 s. */
const SHARD_SIZE = 40;
/** Shards at most: the browser fetches each shard's metadata on the first query. */
const MAX_SHARDS = 16;

export interface PagefindResult {
  /** Shards indexed again (their records changed or they were missing). */
  rebuilt: number;
  shards: number;
  records: number;
  /** Files written for the rebuilt shards. */
  files: number;
  seconds: number;
}

/** Every proposal's record: its page's URL, and its title and README text as words. */
export function fullTextRecords(site: Site): FullTextRecord[] {
  const seen = new Set<string>();
  const records: FullTextRecord[] = [];
  for (const proposal of site.proposals) {
    if (seen.has(proposal.id)) continue;
    seen.add(proposal.id);
    const title = proposal.metadata.title || proposal.dir;
    const number = proposal.number === null ? '' : `KEP-${proposal.number} `;
    records.push({
      url: site.options.baseUrl + proposalPath(proposal),
      // The title leads the content so that a title word is found, and excerpted, like any other.
      content: `${number}${title}. ${readmeText(proposal)}`,
      language: 'en',
      meta: { title, id: proposal.id },
    });
  }
  return records;
}

/** The installed Pagefind's version: an index written by another version is written again. */
function pagefindVersion(): string {
  // The package exports no package.json: it is two directories above its entry point (lib/index.js).
  const entry = fileURLToPath(import.meta.resolve('pagefind'));
  const manifest = JSON.parse(readFileSync(path.join(entry, '../../package.json'), 'utf8')) as {
    version?: string;
  };
  return String(manifest.version);
}

/** A power of two, so that the count (and with it every shard) changes only when the proposals double. */
function shardCount(records: number): number {
  let count = 1;
  while (count < MAX_SHARDS && records / count > SHARD_SIZE) count *= 2;
  return count;
}

/** The records split into shards by a hash of the proposal's id: a proposal stays in its shard across builds. */
export function shardsOf(records: FullTextRecord[], version = pagefindVersion()): Shard[] {
  const count = shardCount(records.length);
  const buckets: FullTextRecord[][] = Array.from({ length: count }, () => []);
  for (const record of records) {
    const hash = createHash('sha256')
      .update(record.meta.id ?? record.url)
      .digest();
    buckets[hash.readUInt32BE(0) % count]!.push(record);
  }
  const width = (value: number) => String(value).padStart(2, '0');
  const shards: Shard[] = [];
  for (const [at, bucket] of buckets.entries()) {
    if (bucket.length === 0) continue;
    const withRuntime = shards.length === 0;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ format: SHARD_FORMAT, version, withRuntime, records: bucket }))
      .digest('hex');
    shards.push({ name: `${width(at)}-of-${width(count)}`, records: bucket, withRuntime, fingerprint });
  }
  return shards;
}

function isCurrent(dir: string, shard: Shard): boolean {
  const fingerprint = path.join(dir, shard.name, FINGERPRINT_FILE);
  return (
    existsSync(fingerprint) &&
    readFileSync(fingerprint, 'utf8') === shard.fingerprint &&
    existsSync(path.join(dir, shard.name, WORDS_FILE))
  );
}

/**
 * Index the records into `<out>/pagefind/`: the shards whose records changed are indexed again (in a worker
 * thread, so that the caller can render pages meanwhile), then the shard list is written and whatever else is
 * in `pagefind/` (shards of an earlier split, an interrupted build's temp directories) is removed.
 */
export async function writePagefindIndex(records: FullTextRecord[], out: string): Promise<PagefindResult> {
  const started = performance.now();
  const dir = path.join(out, PAGEFIND_DIR);
  // Everything below is read, written and removed inside `dir`: it may not lead elsewhere.
  mkdirSync(dir, { recursive: true });
  if (lstatSync(dir).isSymbolicLink()) throw new Error(`${dir} is a symbolic link`);
  const shards = shardsOf(records);
  const stale = shards.filter((shard) => !isCurrent(dir, shard));
  const files = stale.length === 0 ? 0 : await inWorker(stale, dir);
  writeFileAtomic(
    path.join(dir, SHARD_LIST),
    `${JSON.stringify(
      { format: SHARD_LIST_FORMAT, filter: SHARD_FILTER, shards: shards.map((shard) => shard.name) },
      null,
      2,
    )}\n`,
    { within: realpathSync(dir) },
  );
  writeWordLists(dir, shards);
  const kept = new Set([SHARD_LIST, WORDS_DIR, ...shards.map((shard) => shard.name)]);
  for (const entry of readdirSync(dir))
    if (!kept.has(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
  return {
    rebuilt: stale.length,
    shards: shards.length,
    records: records.length,
    files,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * `pagefind/words/<first character>.json`: each shard's indexed words that start with it. The page reads the
 * list of a query's words to search only the shards that one index of every proposal would take results from:
 * Pagefind, finding no word that starts with a query term in an index, matches the longest word that the term
 * starts with instead, and it does so per index, so every shard without the word would add unrelated hits.
 * Written only where the bytes change.
 */
function writeWordLists(dir: string, shards: Shard[]): void {
  const lists = new Map<string, Record<string, string[]>>();
  for (const shard of shards) {
    const indexed = JSON.parse(readFileSync(path.join(dir, shard.name, WORDS_FILE), 'utf8')) as string[];
    for (const word of indexed) {
      const list = wordListOf(word);
      const byShard = lists.get(list) ?? {};
      lists.set(list, byShard);
      const words = byShard[shard.name] ?? [];
      byShard[shard.name] = words;
      words.push(word);
    }
  }
  const wordsDir = path.join(dir, WORDS_DIR);
  mkdirSync(wordsDir, { recursive: true });
  const written = new Set<string>();
  for (const [list, byShard] of [...lists].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = `${list}.json`;
    written.add(file);
    const text = `${JSON.stringify({ format: WORD_LIST_FORMAT, shards: byShard })}\n`;
    const target = path.join(wordsDir, file);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text)
      writeFileAtomic(target, text, { within: realpathSync(dir) });
  }
  for (const entry of readdirSync(wordsDir))
    if (!written.has(entry)) rmSync(path.join(wordsDir, entry), { recursive: true, force: true });
}

/** Run the worker's `indexShards` in a thread of its own: Pagefind's pipe is fed while the main thread renders pages. */
function inWorker(shards: Shard[], dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fulltext-pagefind-worker.js', import.meta.url), {
      workerData: { shards, dir },
    });
    worker.once('message', (message: { files?: number; error?: string }) =>
      message.error === undefined ? resolve(message.files ?? 0) : reject(new Error(message.error)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the indexing thread stopped (exit code ${code})`)));
  });
}
