// The metadata catalog: one entry per proposal, built from kep.yaml and the PRR file without reading the
// README, and kept on disk with each file's fingerprint (size and mtime, then content hash) so that a
// repeated query parses nothing. Imports stay light (no markdown or schema library): the warm path must
// start fast; the general loader is imported only for files the plain reader does not handle.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  arrayOf,
  buildHash,
  type Check,
  cacheDirFor,
  isBoolean,
  isNull,
  isNumber,
  isPlainObject,
  isString,
  nullable,
  readJsonCache,
  recordOf,
  shape,
  validEntries,
} from '../load/cache.js';
import { resolveInside } from '../load/files.js';
import { metadataPathOf, proposalId, readmePathOf } from '../load/layout.js';
import type { LoadOptions } from '../load/repository.js';
import type { ProcessProfile } from '../model/index.js';
import type { KepifyFeatureGate, KepMetadataRecord } from './record.js';

/** One proposal as queries see it: its kepify record plus what kepkit knows beyond it. */
export interface KepEntry {
  /** Repo-relative key: the directory, or the proposal's file in a one-file layout. */
  dir: string;
  /** Its id: the number where it has one, else its path below the proposals root. */
  id: string;
  /** The number, from where the profile's layout says; null when none. */
  number: number | null;
  record: KepMetadataRecord;
  /** Where the PRR approval file is (or would be), when the process has PRR and the KEP has a SIG and number. */
  prrPath?: string;
  /** Whether the PRR approval file exists (it may still fail to parse). */
  hasPrr: boolean;
  /** Stage → PRR approver as written in the PRR file (empty when there is none). */
  prrApprovers: Record<string, string>;
  /** Whether the metadata file was read and parsed as a mapping; false entries have empty records. */
  metadataOk: boolean;
}

export type Layout = ProcessProfile['layout'];

export interface Catalog {
  root: string;
  profileName: string;
  layout: Layout;
  /** Proposals (templates excluded), in walk order: sorted by directory, as upstream lists them. */
  entries: KepEntry[];
  /** Group names from the groups file (sigs.yaml), empty when there is none. */
  groups: string[];
  notices: string[];
  /** How many entries came from the cache, and how many were read by the plain reader or the full loader. */
  stats: { cached: number; plain: number; loaded: number };
}

/** What loading needs when something must be parsed; produced lazily, since it imports the schema library. */
export interface CatalogContext {
  profile: ProcessProfile;
  load: LoadOptions;
}

export interface CatalogOptions {
  /**
   * Everything outside the repository's files that can change the result (the config file's text, the
   * --groups flag…): a different value discards the cache.
   */
  inputs: string;
  /** Use and update the on-disk cache (default true). */
  cache?: boolean;
  context: () => CatalogContext | Promise<CatalogContext>;
}

/** A file as an entry depends on it: content hash (null: absent), and size and mtime when they can be trusted. */
export type Fingerprint = [hash: string | null, size: number, mtimeMs: number];

export interface CachedEntry {
  deps: Record<string, Fingerprint>;
  entry: KepEntry;
}

/** What the cache keeps of an entry: its dependencies, and the entry without what can be derived or is empty. */
export interface StoredEntry {
  /** The metadata file's fingerprint, and the PRR file's when the entry has a PRR path. */
  metadata: Fingerprint;
  prr?: Fingerprint;
  number: number | null;
  record: Partial<KepMetadataRecord>;
  /** Only when it is not the profile's `<prrDir>/<owningSig>/<kepNumber>.yaml` of the record (null: none). */
  prrPath?: string | null;
  hasPrr?: true;
  prrApprovers?: Record<string, string>;
  metadataOk?: false;
}

/**
 * The walk as the cache keeps it: the proposals (templates excluded, in walk order), valid while no
 * directory it read above or beside them has a new mtime. A proposal directory's own mtime is not kept: what
 * changes in it (a README added) does not change the walk, a removed metadata file is seen by its own check,
 * and a proposal created inside another proposal's directory is found by the next walk (`--no-cache`, or
 * any change above it).
 */
export interface StoredWalk {
  /** Directory → mtime (-1: too recent to trust). */
  dirs: Record<string, number>;
  proposalDirs: string[];
}

interface CatalogCache {
  key: string;
  profileName: string;
  layout: Layout;
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
const FORMAT = 7;
/** A file written this recently may change again within the same mtime tick: its size and mtime prove nothing. */
export const SETTLE_MS = 2000;

/** sha1 hex; the crypto module is loaded on first use (a query answered from the cache hashes nothing). */
function sha1(bytes: Uint8Array): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(bytes).digest('hex');
}

/** Reads repo files once each: content for building entries, fingerprints for the cache. */
export class Files {
  constructor(private readonly root: string) {}

  /** The file's bytes and fingerprint, or null when it does not exist (or is not a readable file). */
  read(file: string): { bytes: Buffer; fingerprint: Fingerprint } | null {
    try {
      // Confined as every repo read: a kep.yaml linked to a file outside the repository is not read here (the
      // full loader then reports it as io/outside-repo).
      const absolute = resolveInside(this.root, file);
      if (absolute === undefined) return null;
      const stat = statSync(absolute);
      if (!stat.isFile()) return null;
      const bytes = readFileSync(absolute);
      const settled = Date.now() - stat.mtimeMs > SETTLE_MS;
      return { bytes, fingerprint: [sha1(bytes), settled ? stat.size : -1, settled ? stat.mtimeMs : -1] };
    } catch {
      return null;
    }
  }

  fingerprint(file: string): Fingerprint {
    return this.read(file)?.fingerprint ?? [null, -1, -1];
  }

  /** Whether the file still matches; a match by content refreshes the remembered size and mtime. */
  fresh(file: string, known: Fingerprint): boolean {
    // Called for every file on every query: no path.join, no exception for an absent file.
    const stat = statSync(`${this.root}/${file}`, { throwIfNoEntry: false });
    if (!stat) return known[0] === null;
    if (known[0] === null) return false;
    if (known[1] === stat.size && known[2] === stat.mtimeMs && known[1] !== -1) return true;
    const now = this.read(file);
    if (!now || now.fingerprint[0] !== known[0]) return false;
    known[1] = now.fingerprint[1];
    known[2] = now.fingerprint[2];
    return true;
  }
}

/** Relative to the root (`..` allowed), with `/`. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/**
 * Load the catalog of every proposal's metadata. Entries whose kep.yaml and PRR file are unchanged come
 * from the cache; the rest are read with the README skipped.
 */
export async function loadCatalog(root: string, options: CatalogOptions): Promise<Catalog> {
  const useCache = options.cache !== false;
  const cacheDir = path.join(cacheDirFor(root), 'query');
  // Compared as text: hashing it would load the crypto module on every query.
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
  let building: typeof import('./catalog-build.js') | undefined;
  const build = async () => {
    building ??= await import('./catalog-build.js');
    return building;
  };
  // The walk needs only the layout, which the cache keeps, so the warm path never loads the profile.
  const layout = cache?.layout ?? (await needContext()).profile.layout;
  const profileName = cache?.profileName ?? (await needContext()).profile.name;

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
  let slow: import('./catalog-build.js').SlowLoader | undefined;
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
      groupsDeps,
      groups,
      notices,
      walk: walkProblems || !walk ? undefined : { dirs: walk.dirs },
      entries: kept,
    } satisfies CatalogCache);
  }
  return { root, profileName, layout, entries, groups, notices, stats };
}

const isFingerprint = (value: unknown): value is Fingerprint =>
  Array.isArray(value) &&
  value.length === 3 &&
  (isNull(value[0]) || isString(value[0])) &&
  isNumber(value[1]) &&
  isNumber(value[2]);

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
  },
  ['prrDir', 'metadataFile', 'readmeFile', 'files', 'lintIgnoreFile'],
);
const isCacheHead = shape<Omit<CatalogCache, 'entries'> & { entries: Record<string, unknown> }>(
  {
    entries: isPlainObject,
    key: isString,
    profileName: isString,
    layout: isLayout,
    groupsDeps: recordOf(isFingerprint),
    groups: isStringList,
    notices: isStringList,
    walk: shape<{ dirs: Record<string, number> }>({ dirs: recordOf(isNumber) }),
  },
  ['walk'],
);

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
 * Write the cache as ASCII JSON (other characters escaped), atomically: a few accented names would otherwise
 * make the whole text a two-byte string, and reading and parsing it on every query about twice as slow.
 */
function writeAsciiJson(dir: string, name: string, value: unknown): void {
  const text = JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  try {
    mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `${name}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, path.join(dir, name));
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the query.
  }
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
/** The PRR file the loader would look for, from the record: `<prrDir>/<owningSig>/<kepNumber>.yaml`. */
export function derivedPrrPath(record: Pick<KepMetadataRecord, 'owningSig' | 'kepNumber'>, layout: Layout) {
  return layout.prrDir && record.owningSig && record.kepNumber
    ? `${layout.prrDir}/${record.owningSig}/${record.kepNumber}.yaml`
    : undefined;
}

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

/** Where an entry's README is (repo-relative); whether it exists is learnt by reading it. */
export function readmeOf(catalog: Catalog, entry: KepEntry): string {
  return readmePathOf(catalog.layout, entry.dir);
}
