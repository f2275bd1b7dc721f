// Loading the metadata catalog, kept on disk with each file's fingerprint (size and mtime, then content hash)
// so that a repeated query parses nothing. Imports stay light (no markdown or schema library): the warm path
// must start fast; the builder and the general loader are imported only for what the cache does not answer.
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  arrayOf,
  buildHash,
  type Check,
  cacheDirFor,
  isBoolean,
  isNumber,
  isPlainObject,
  isString,
  nullable,
  readJsonCache,
  recordOf,
  shape,
  validEntries,
  writeCacheFile,
} from '../../load/cache.js';
import { type Fingerprint, isFingerprint } from '../../load/fingerprint.js';
import { metadataPathOf, proposalId } from '../../load/layout.js';
import {
  type Catalog,
  type CatalogContext,
  type CatalogOptions,
  derivedPrrPath,
  Files,
  type KepEntry,
  type Layout,
  type StoredEntry,
  type StoredWalk,
} from './catalog.js';
import type { KepifyFeatureGate, KepMetadataRecord } from './record.js';

interface CatalogCache {
  key: string;
  profileName: string;
  layout: Layout;
  /** The profile's `links.base`, or null. */
  linkBase: string | null;
  /** The profile's statuses and stages (filter values are checked against them). */
  vocabulary: Catalog['vocabulary'];
  /** Groups file candidates up to the one found. */
  groupsDeps: Record<string, Fingerprint>;
  groups: string[];
  notices: string[];
  /** Absent when the walk met a problem (an unreadable directory): then it is redone. */
  walk?: { dirs: Record<string, number> };
  /** By proposal directory, in walk order: the keys are the walk's proposals. */
  entries: Record<string, StoredEntry>;
}

const CACHE_FILE = 'query-catalog.json';
const FORMAT = 9;
/**
 * Load the catalog of every proposal's metadata. Entries whose kep.yaml and PRR file are unchanged come
 * from the cache; the rest are read with the README skipped.
 */
export async function loadCatalog(root: string, options: CatalogOptions): Promise<Catalog> {
  const useCache = options.cache !== false;
  const cacheDir = path.join(cacheDirFor(root), 'query');
  // Compared as text: nothing to gain from hashing it.
  const key = JSON.stringify([FORMAT, buildHash(), options.inputs]);
  const cache = useCache
    ? readJsonCache(cacheDir, CACHE_FILE, (value) => catalogCache(value, key))
    : undefined;
  const files = new Files(root);
  let changed = !cache;

  let context: CatalogContext | undefined;
  const needContext = async (): Promise<CatalogContext> => {
    context ??= await options.context();
    return context;
  };
  let building: typeof import('./build.js') | undefined;
  const build = async () => {
    building ??= await import('./build.js');
    return building;
  };
  // The walk needs only the layout, which the cache keeps, so the warm path never loads the profile.
  const layout = cache?.layout ?? (await needContext()).profile.layout;
  const profileName = cache?.profileName ?? (await needContext()).profile.name;
  const linkBase = cache ? cache.linkBase : ((await needContext()).profile.links?.base ?? null);
  const vocabulary = cache?.vocabulary ?? vocabularyOf((await needContext()).profile);

  let groups: string[];
  let groupsDeps: Record<string, Fingerprint>;
  let notices: string[];
  if (cache && Object.entries(cache.groupsDeps).every(([file, known]) => files.fresh(file, known))) {
    ({ groups, groupsDeps, notices } = cache);
  } else {
    ({ groups, groupsDeps, notices } = await (await build()).loadGroupNames(
      root,
      await needContext(),
      files,
    ));
    changed = true;
  }

  let walk: StoredWalk | undefined =
    cache?.walk && walkStillValid(root, cache.walk)
      ? { dirs: cache.walk.dirs, proposalDirs: Object.keys(cache.entries) }
      : undefined;
  let entries: KepEntry[] = [];
  let kept: Record<string, StoredEntry> = {};
  let stats = { cached: 0, plain: 0, loaded: 0 };
  let slow: import('./build.js').SlowLoader | undefined;
  let walkProblems = false;
  for (;;) {
    if (!walk) {
      const fresh = (await build()).walkAndRemember(root, layout);
      walk = { dirs: fresh.dirs, proposalDirs: fresh.proposalDirs };
      walkProblems = fresh.problems;
      changed = true;
    }
    const current = walk;
    entries = [];
    kept = {};
    stats = { cached: 0, plain: 0, loaded: 0 };
    let stale = false;
    for (const dir of current.proposalDirs) {
      const metadataPath = metadataPathOf(layout, dir);
      const hit = cache?.entries[dir];
      if (hit && files.fresh(metadataPath, hit.metadata)) {
        const entry = unpack(dir, hit, layout);
        if (!entry.prrPath || (hit.prr !== undefined && files.fresh(entry.prrPath, hit.prr))) {
          entries.push(entry);
          kept[dir] = hit;
          stats.cached++;
          continue;
        }
      } else if (hit && !statSync(`${root}/${metadataPath}`, { throwIfNoEntry: false })) {
        // Its metadata file is gone: the directory is no longer a proposal, so the cached walk is wrong.
        stale = true;
        break;
      }
      changed = true;
      const { profile } = await needContext();
      const { plainEntry, SlowLoader, pack } = await build();
      let built = plainEntry(dir, profile, files);
      if (built) stats.plain++;
      else {
        slow ??= await SlowLoader.open(root, profile, current.proposalDirs);
        built = slow.entry(dir, files);
        stats.loaded++;
      }
      entries.push(built.entry);
      kept[dir] = pack(built, layout);
    }
    if (!stale) break;
    walk = undefined;
  }
  if (cache && Object.keys(cache.entries).length !== Object.keys(kept).length) changed = true;

  if (useCache && changed) {
    writeAsciiJson(cacheDir, CACHE_FILE, {
      key,
      profileName,
      layout,
      linkBase,
      vocabulary,
      groupsDeps,
      groups,
      notices,
      walk: walkProblems || !walk ? undefined : { dirs: walk.dirs },
      entries: kept,
    } satisfies CatalogCache);
  }
  return {
    root,
    profileName,
    layout,
    ...(linkBase !== null ? { linkBase } : {}),
    vocabulary,
    entries,
    groups,
    notices,
    stats,
  };
}

const isStringList = arrayOf(isString);
const isFeatureGate = shape<KepifyFeatureGate>({ components: nullable(isStringList), name: isString });
/** A stored record keeps only its set keys: each is checked when present, as `unpack` reads it. */
const recordChecks: Partial<Record<keyof KepMetadataRecord, Check<unknown>>> = {
  authors: isStringList,
  participatingSigs: isStringList,
  reviewers: isStringList,
  approvers: isStringList,
  seeAlso: isStringList,
  replaces: isStringList,
  supersededBy: isStringList,
  metrics: isStringList,
  milestone: recordOf(isString),
  featureGates: arrayOf(isFeatureGate),
  disableSupported: isBoolean,
};
function isStoredRecord(value: unknown): value is Partial<KepMetadataRecord> {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const check = recordChecks[key as keyof KepMetadataRecord] ?? isString;
    if (!check(value[key])) return false;
  }
  return true;
}
const isStoredEntry = shape<StoredEntry>(
  {
    metadata: isFingerprint,
    prr: isFingerprint,
    number: nullable(isNumber),
    record: isStoredRecord,
    prrPath: nullable(isString),
    hasPrr: (value): value is true => value === true,
    prrApprovers: recordOf(isString),
    metadataOk: (value): value is false => value === false,
  },
  ['prr', 'prrPath', 'hasPrr', 'prrApprovers', 'metadataOk'],
);
const isLayout = shape<Layout>(
  {
    kind: (value): value is Layout['kind'] => value === 'directory' || value === 'file',
    proposalsRoot: isString,
    metadataFile: isString,
    readmeFile: isString,
    files: isString,
    exclude: isStringList,
    number: shape<Layout['number']>(
      {
        from: (value): value is Layout['number']['from'] =>
          value === 'field' || value === 'directory' || value === 'file' || value === 'none',
        pattern: isString,
      },
      ['pattern'],
    ),
    lintIgnoreFile: isString,
    skipDirs: isStringList,
    templateDirs: isStringList,
    readmesWithoutMetadata: isStringList,
    prrDir: isString,
    groupDirectories: isBoolean,
  },
  ['prrDir', 'metadataFile', 'readmeFile', 'files', 'lintIgnoreFile', 'groupDirectories'],
);
const isCacheHead = shape<Omit<CatalogCache, 'entries'> & { entries: Record<string, unknown> }>(
  {
    entries: isPlainObject,
    key: isString,
    profileName: isString,
    layout: isLayout,
    linkBase: nullable(isString),
    vocabulary: shape<Catalog['vocabulary']>({ statuses: isStringList, stages: isStringList }),
    groupsDeps: recordOf(isFingerprint),
    groups: isStringList,
    notices: isStringList,
    walk: shape<{ dirs: Record<string, number> }>({ dirs: recordOf(isNumber) }),
  },
  ['walk'],
);

function vocabularyOf(profile: CatalogContext['profile']): Catalog['vocabulary'] {
  return { statuses: profile.metadata.statuses, stages: profile.metadata.stages };
}

/**
 * The saved catalog when it is of this key and shape, its entries that do not fit dropped (each is read
 * again); undefined otherwise. A dropped entry also drops the cached walk, whose proposals are the entries'
 * keys.
 */
function catalogCache(value: unknown, key: string): CatalogCache | undefined {
  if (!isCacheHead(value) || value.key !== key) return undefined;
  const entries = validEntries(value.entries, (_dir, entry): entry is StoredEntry => isStoredEntry(entry));
  if (!entries) return undefined;
  const complete = Object.keys(entries).length === Object.keys(value.entries).length;
  return { ...value, walk: complete ? value.walk : undefined, entries };
}

/**
 * Write the cache as ASCII JSON (other characters escaped): a few accented names would otherwise make the
 * whole text a two-byte string, and reading and parsing it on every query about twice as slow.
 */
function writeAsciiJson(dir: string, name: string, value: unknown): void {
  const text = JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  writeCacheFile(dir, name, text);
}

function walkStillValid(root: string, walk: Pick<StoredWalk, 'dirs'>): boolean {
  for (const [dir, mtimeMs] of Object.entries(walk.dirs)) {
    if (mtimeMs === -1 || statSync(`${root}/${dir}`, { throwIfNoEntry: false })?.mtimeMs !== mtimeMs)
      return false;
  }
  return true;
}

const MILESTONE_KEYS = ['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled'] as const;

/** The entry back, with its record's keys in kepify's order. */
function unpack(dir: string, stored: StoredEntry, layout: Layout): KepEntry {
  const proposalsRoot = layout.proposalsRoot;
  const packed = stored.record;
  const text = (key: keyof KepMetadataRecord) => (packed[key] as string | undefined) ?? '';
  const list = (key: keyof KepMetadataRecord) => (packed[key] as string[] | undefined) ?? null;
  const milestone = {} as KepMetadataRecord['milestone'];
  for (const stage of MILESTONE_KEYS) milestone[stage] = packed.milestone?.[stage] ?? '';
  const prefix = `${proposalsRoot}/`;
  const record: KepMetadataRecord = {
    id: text('id'),
    name: dir.slice(dir.lastIndexOf('/') + 1),
    path: dir.startsWith(prefix) ? dir.slice(prefix.length) : dir,
    title: text('title'),
    kepNumber: text('kepNumber'),
    authors: list('authors'),
    owningSig: text('owningSig'),
    participatingSigs: list('participatingSigs'),
    reviewers: list('reviewers'),
    approvers: list('approvers'),
    editor: text('editor'),
    creationDate: text('creationDate'),
    lastUpdated: text('lastUpdated'),
    status: text('status'),
    seeAlso: list('seeAlso'),
    replaces: list('replaces'),
    supersededBy: list('supersededBy'),
    stage: text('stage'),
    latestMilestone: text('latestMilestone'),
    milestone,
    featureGates: packed.featureGates ?? null,
    disableSupported: packed.disableSupported === true,
    metrics: list('metrics'),
  };
  return {
    dir,
    id: proposalId(layout, dir, stored.number),
    number: stored.number,
    record,
    prrPath: stored.prrPath === undefined ? derivedPrrPath(record, layout) : (stored.prrPath ?? undefined),
    hasPrr: stored.hasPrr === true,
    prrApprovers: stored.prrApprovers ?? {},
    metadataOk: stored.metadataOk !== false,
  };
}
