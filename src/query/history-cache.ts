// The history cache: one JSON file per repository, keyed by HEAD commit, kepkit version, profile and
// pathspec. A cache whose HEAD is an ancestor of the new HEAD is extended with the new commits only.
import { readJsonCache, writeJsonCache } from '../load/cache.js';
import type { TrackedFields } from './history-fields.js';

/** Bump when the stored shape or the meaning of its contents changes. */
const FORMAT = 1;
const FILE = 'history.json';

export interface StoredEvent {
  /** Committer time (epoch seconds): events are ordered by it. */
  t: number;
  date: string;
  commit: string;
  field: string;
  from: string | null;
  to: string | null;
}

/** One timeline while it is being built, as the cache stores it. */
export interface StoredTrack {
  id: number;
  /** Its metadata file now (at HEAD, or where it was last seen). */
  file: string;
  /** Every directory it has lived in, oldest first. */
  dirs: string[];
  number: number | null;
  /** The fields of its last readable version in log order. */
  last: TrackedFields | null;
  /** The fields at HEAD (or `last` when removed). */
  current: TrackedFields | null;
  deleted: boolean;
  events: StoredEvent[];
}

export interface CacheKey {
  version: string;
  profile: string;
  pathspec: string;
}

export interface StoredHistory extends CacheKey {
  head: string;
  tracks: StoredTrack[];
  pathTrack: Record<string, number>;
}

export function readHistoryCache(dir: string, key: CacheKey): StoredHistory | undefined {
  const stored = readJsonCache<StoredHistory & { format?: number }>(dir, FILE);
  if (!stored || stored.format !== FORMAT) return undefined;
  if (stored.version !== key.version || stored.profile !== key.profile || stored.pathspec !== key.pathspec)
    return undefined;
  if (
    typeof stored.head !== 'string' ||
    !Array.isArray(stored.tracks) ||
    typeof stored.pathTrack !== 'object'
  )
    return undefined;
  return stored;
}

export function writeHistoryCache(dir: string, history: StoredHistory): void {
  writeJsonCache(dir, FILE, { format: FORMAT, ...history });
}
