// The history cache: one JSON file per repository, keyed by HEAD commit, kepkit version and build, profile
// and pathspec. A cache whose HEAD is an ancestor of the new HEAD is extended with the new commits only.
import {
  arrayOf,
  buildHash,
  isBoolean,
  isNumber,
  isPlainObject,
  isString,
  nullable,
  readJsonCache,
  recordOf,
  shape,
  writeJsonCache,
} from '../../load/cache.js';
import type { TrackedFields } from './history-fields.js';

/** Bump when the stored shape or the meaning of its contents changes. */
const FORMAT = 2;
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

const isText = nullable(isString);
const isFields = nullable(
  shape<TrackedFields>({
    number: isText,
    title: isText,
    status: isText,
    stage: isText,
    latestMilestone: isText,
    milestones: recordOf(isString),
  }),
);
const isEvent = shape<StoredEvent>({
  t: isNumber,
  date: isString,
  commit: isString,
  field: isString,
  from: isText,
  to: isText,
});
const isTrack = shape<StoredTrack>({
  id: isNumber,
  file: isString,
  dirs: arrayOf(isString),
  number: nullable(isNumber),
  last: isFields,
  current: isFields,
  deleted: isBoolean,
  events: arrayOf(isEvent),
});
const isHistory = shape<StoredHistory>({
  version: isString,
  profile: isString,
  pathspec: isString,
  head: isString,
  tracks: arrayOf(isTrack),
  pathTrack: recordOf(isNumber),
});

/**
 * The stored history when it is of this key (and this build) and of the right shape: tracks are found by
 * index, so each must sit at its id and every path must name one. Anything else is a miss, never a crash.
 */
export function readHistoryCache(dir: string, key: CacheKey): StoredHistory | undefined {
  return readJsonCache(dir, FILE, (stored) => {
    if (!isPlainObject(stored) || stored.format !== FORMAT || stored.build !== buildHash()) return undefined;
    if (!isHistory(stored)) return undefined;
    if (stored.version !== key.version || stored.profile !== key.profile || stored.pathspec !== key.pathspec)
      return undefined;
    const { tracks } = stored;
    if (!tracks.every((track, index) => track.id === index)) return undefined;
    if (!Object.values(stored.pathTrack).every((id) => tracks[id] !== undefined)) return undefined;
    return stored;
  });
}

export function writeHistoryCache(dir: string, history: StoredHistory): void {
  writeJsonCache(dir, FILE, { format: FORMAT, build: buildHash(), ...history });
}
