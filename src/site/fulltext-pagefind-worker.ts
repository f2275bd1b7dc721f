// The indexing thread of the built site's full text (see fulltext-pagefind.ts): each shard's records are handed
// to Pagefind, and its files swapped into place with the list of the words Pagefind indexed (read back from its
// word index). It imports only Node, Pagefind and a CBOR decoder, so that it starts at once.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cbor2';
import { isInside } from '../load/files.js';

export interface FullTextRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
}

export interface Shard {
  name: string;
  records: FullTextRecord[];
  /** The shard the page script is imported from carries Pagefind's script, worker and WebAssembly. */
  withRuntime: boolean;
  fingerprint: string;
}

export const FINGERPRINT_FILE = 'kepkit-records.sha256';
/** The shard's indexed words (Pagefind's stems), sorted: what the page needs to merge shards as one index. */
export const WORDS_FILE = 'kepkit-words.json';
/** The filter every record carries: its shard's name, so that a search can be limited to some shards. */
export const SHARD_FILTER = 'kepkit-shard';
/** What Pagefind's files start with once decompressed. */
const PAGEFIND_SIGNATURE = 'pagefind_dcd';
/** Shards indexed at once by the one Pagefind process (it uses more than one thread). */
const INDEXING_CONCURRENCY = 4;
/** Pagefind's bundled UI kits: the site has its own search box, so they are not written. */
const UNUSED_FILE = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$|^pagefind-highlight\.js$/;

/** Index each shard with Pagefind and swap it into `dir/<name>/` (a directory the caller made); files written. */
export async function indexShards(shards: Shard[], dir: string): Promise<number> {
  const pagefind = await import('pagefind');
  try {
    let written = 0;
    const queue = [...shards];
    const indexer = async () => {
      for (let shard = queue.shift(); shard; shard = queue.shift())
        written += await indexShard(pagefind, shard, dir);
    };
    await Promise.all(Array.from({ length: Math.min(INDEXING_CONCURRENCY, shards.length) }, indexer));
    return written;
  } finally {
    await pagefind.close();
  }
}

async function indexShard(pagefind: typeof import('pagefind'), shard: Shard, dir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const record of shard.records) {
    const added = await index.addCustomRecord({ ...record, filters: { [SHARD_FILTER]: [shard.name] } });
    if (added.errors.length > 0) throw new Error(`pagefind: ${record.url}: ${added.errors.join('; ')}`);
  }
  const { files, errors: fileErrors } = await index.getFiles();
  if (fileErrors.length > 0) throw new Error(`pagefind: ${fileErrors.join('; ')}`);
  const kept = files.filter(
    (file) => !UNUSED_FILE.test(file.path) && (shard.withRuntime || !isRuntimeFile(file.path)),
  );
  // A shard is written whole into a fresh directory beside it and swapped in by renames: a reader never sees
  // old and new chunks mixed, the last build's chunks (named by content hash) go with it, and its files need
  // no fsync each (one rename publishes them all).
  const target = path.join(dir, shard.name);
  const fresh = path.join(dir, `.${shard.name}-${randomBytes(6).toString('hex')}.tmp`);
  const old = `${fresh}.old`;
  try {
    for (const file of kept) {
      const written = path.join(fresh, file.path);
      if (!isInside(fresh, written)) throw new Error(`pagefind: ${file.path} is outside ${target}`);
      mkdirSync(path.dirname(written), { recursive: true });
      writeFileSync(written, Buffer.from(file.content));
    }
    writeFileSync(path.join(fresh, WORDS_FILE), `${JSON.stringify(indexedWords(files))}\n`);
    writeFileSync(path.join(fresh, FINGERPRINT_FILE), shard.fingerprint);
    if (existsSync(target)) renameSync(target, old);
    renameSync(fresh, target);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return kept.length;
}

/**
 * Every word of the shard's word index (`index/*.pf_index`: gzip of the signature and a CBOR array whose first
 * element lists `[word, pages…]`), sorted. These are Pagefind's own stems, so no tokenizer is imitated here.
 */
function indexedWords(files: { path: string; content: Uint8Array }[]): string[] {
  const words = new Set<string>();
  for (const file of files) {
    if (!/^index\/[\w-]+\.pf_index$/.test(file.path)) continue;
    const bytes = gunzipSync(file.content);
    if (bytes.subarray(0, PAGEFIND_SIGNATURE.length).toString() !== PAGEFIND_SIGNATURE)
      throw new Error(`pagefind: ${file.path}: not a Pagefind word index`);
    const chunk = decode(bytes.subarray(PAGEFIND_SIGNATURE.length));
    const entries = Array.isArray(chunk) ? chunk[0] : undefined;
    if (!Array.isArray(entries)) throw new Error(`pagefind: ${file.path}: no word list where expected`);
    for (const entry of entries)
      if (Array.isArray(entry) && typeof entry[0] === 'string') words.add(entry[0]);
  }
  return [...words].sort();
}

/** Pagefind's script, its worker and WebAssembly: needed only in the shard the page imports them from. */
function isRuntimeFile(file: string): boolean {
  return file === 'pagefind.js' || file === 'pagefind-worker.js' || /^wasm\.[\w-]+\.pagefind$/.test(file);
}

if (!isMainThread && parentPort) {
  const { shards, dir } = workerData as { shards: Shard[]; dir: string };
  indexShards(shards, dir).then(
    (files) => parentPort?.postMessage({ files }),
    (error: Error) => parentPort?.postMessage({ error: error.message }),
  );
}
