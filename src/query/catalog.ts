// The metadata catalog: one entry per proposal, built from kep.yaml and the PRR file without reading the
// README, and kept on disk with each file's fingerprint (size and mtime, then content hash) so that a
// repeated query parses nothing. Imports stay light (no markdown or schema library): the warm path must
// start fast; the general loader is imported only for files the plain reader does not handle.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirFor, readJsonCache } from '../load/cache.js';
import type { LoadOptions } from '../load/repository.js';
import { type RepositoryLayout, walkRepository } from '../load/walk.js';
import type { ProcessProfile, RepositoryFacts } from '../model/index.js';
import { parsePlainYaml } from './fast-yaml.js';
import { type KepMetadataRecord, kepMetadataRecord, metadataRecord } from './record.js';

/** One proposal as queries see it: its kepify record plus what kepkit knows beyond it. */
export interface KepEntry {
  /** Repo-relative directory. */
  dir: string;
  /** KEP number from the metadata, else from the directory name. */
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

type Layout = ProcessProfile['layout'];

export interface Catalog {
  root: string;
  profileName: string;
  layout: Layout;
  /** Proposals (templates excluded), in walk order: sorted by directory, as upstream lists them. */
  entries: KepEntry[];
  /** The README files of the proposals (repo-relative) that exist. */
  readmes: Set<string>;
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
type Fingerprint = [hash: string | null, size: number, mtimeMs: number];

interface CachedEntry {
  deps: Record<string, Fingerprint>;
  entry: KepEntry;
}

/** What the cache keeps of an entry: its dependencies, and the entry without what can be derived or is empty. */
interface StoredEntry {
  /** The metadata file's fingerprint, and the PRR file's when the entry has a PRR path. */
  metadata: Fingerprint;
  prr?: Fingerprint;
  number: number | null;
  record: Partial<KepMetadataRecord>;
  prrPath?: string;
  hasPrr?: true;
  prrApprovers?: Record<string, string>;
  metadataOk?: false;
}

/** The walk as the cache keeps it: valid while no directory it read has a new mtime. */
interface StoredWalk {
  /** Directory → mtime (-1: too recent to trust). */
  dirs: Record<string, number>;
  /** Proposals (templates excluded) in walk order, and those of them without a README. */
  proposalDirs: string[];
  withoutReadme: string[];
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
  walk?: StoredWalk;
  entries: Record<string, StoredEntry>;
}

const CACHE_FILE = 'query-catalog.json';
const FORMAT = 5;
/** A file written this recently may change again within the same mtime tick: its size and mtime prove nothing. */
const SETTLE_MS = 2000;
/** As the loader: larger files are not parsed (the full loader reports them). */
const MAX_BYTES = 5 * 1024 * 1024;

/** Changes when kepkit is rebuilt or upgraded: the modules that decide what an entry holds. */
function buildStamp(): string {
  const modules = [
    './catalog.js',
    './record.js',
    './fast-yaml.js',
    '../load/proposal.js',
    '../load/yaml.js',
    '../profile/kubernetes.js',
  ];
  return modules
    .map((module) => {
      try {
        return statSync(fileURLToPath(new URL(module, import.meta.url))).mtimeMs;
      } catch {
        return 0;
      }
    })
    .join(':');
}

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads repo files once each: content for building entries, fingerprints for the cache. */
class Files {
  constructor(private readonly root: string) {}

  /** The file's bytes and fingerprint, or null when it does not exist (or is not a readable file). */
  read(file: string): { bytes: Buffer; fingerprint: Fingerprint } | null {
    const absolute = path.join(this.root, file);
    try {
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
function relativeTo(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/**
 * Load the catalog of every proposal's metadata. Entries whose kep.yaml and PRR file are unchanged come
 * from the cache; the rest are read with the README skipped.
 */
export async function loadCatalog(root: string, options: CatalogOptions): Promise<Catalog> {
  const useCache = options.cache !== false;
  const cacheDir = path.join(cacheDirFor(root), 'query');
  const key = sha1(Buffer.from(JSON.stringify([FORMAT, buildStamp(), options.inputs])));
  const saved = useCache ? readJsonCache<CatalogCache>(cacheDir, CACHE_FILE) : undefined;
  const cache = saved?.key === key ? saved : undefined;
  const files = new Files(root);
  let changed = !cache;

  let context: CatalogContext | undefined;
  const needContext = async (): Promise<CatalogContext> => {
    context ??= await options.context();
    return context;
  };
  // The walk needs only the layout, which the cache keeps, so the warm path never loads the profile.
  const layout = cache?.layout ?? (await needContext()).profile.layout;
  const profileName = cache?.profileName ?? (await needContext()).profile.name;
  let walk = cache?.walk && walkStillValid(root, cache.walk) ? cache.walk : undefined;
  if (!walk) {
    walk = walkAndRemember(root, layout);
    changed = true;
  }
  const withoutReadme = new Set(walk.withoutReadme);
  const readmes = new Set(
    walk.proposalDirs.filter((dir) => !withoutReadme.has(dir)).map((dir) => `${dir}/${layout.readmeFile}`),
  );

  let groups: string[];
  let groupsDeps: Record<string, Fingerprint>;
  let notices: string[];
  if (cache && Object.entries(cache.groupsDeps).every(([file, known]) => files.fresh(file, known))) {
    ({ groups, groupsDeps, notices } = cache);
  } else {
    ({ groups, groupsDeps, notices } = await loadGroupNames(root, await needContext(), files));
    changed = true;
  }

  const entries: KepEntry[] = [];
  const kept: Record<string, StoredEntry> = {};
  const stats = { cached: 0, plain: 0, loaded: 0 };
  let slow: SlowLoader | undefined;
  for (const dir of walk.proposalDirs) {
    const hit = cache?.entries[dir];
    if (
      hit &&
      files.fresh(`${dir}/${layout.metadataFile}`, hit.metadata) &&
      (!hit.prrPath || (hit.prr !== undefined && files.fresh(hit.prrPath, hit.prr)))
    ) {
      entries.push(unpack(dir, hit, layout.proposalsRoot));
      kept[dir] = hit;
      stats.cached++;
      continue;
    }
    changed = true;
    const { profile } = await needContext();
    let built = plainEntry(dir, profile, files);
    if (built) stats.plain++;
    else {
      slow ??= await SlowLoader.open(root, profile, walk.proposalDirs, readmes);
      built = slow.entry(dir, files);
      stats.loaded++;
    }
    entries.push(built.entry);
    kept[dir] = pack(built, `${dir}/${layout.metadataFile}`);
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
      walk:
        'problems' in walk && walk.problems
          ? undefined
          : { dirs: walk.dirs, proposalDirs: walk.proposalDirs, withoutReadme: walk.withoutReadme },
      entries: kept,
    } satisfies CatalogCache);
  }
  return { root, profileName, layout, entries, readmes, groups, notices, stats };
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

/** Walk the proposals root, remembering each directory's mtime; none when the walk met a problem. */
function walkAndRemember(root: string, layout: Layout): StoredWalk & { problems: boolean } {
  const started = Date.now();
  const walk: RepositoryLayout = walkRepository(root, { layout } as ProcessProfile);
  const templates = new Set(layout.templateDirs);
  const proposalDirs = walk.proposalDirs.filter((dir) => !templates.has(dir));
  const stored = {
    dirs: {} as Record<string, number>,
    proposalDirs,
    withoutReadme: proposalDirs.filter((dir) => !walk.files.has(`${dir}/${layout.readmeFile}`)),
    problems: walk.problems.length > 0 || !walk.dirs,
  };
  for (const dir of walk.dirs ?? []) {
    try {
      const { mtimeMs } = statSync(path.join(root, dir));
      // Changed during the walk, or too recently to tell a later change apart: do not trust it.
      stored.dirs[dir] = mtimeMs > started - SETTLE_MS ? -1 : mtimeMs;
    } catch {
      stored.dirs[dir] = -1;
    }
  }
  return stored;
}

function walkStillValid(root: string, walk: StoredWalk): boolean {
  for (const [dir, mtimeMs] of Object.entries(walk.dirs)) {
    if (mtimeMs === -1 || statSync(`${root}/${dir}`, { throwIfNoEntry: false })?.mtimeMs !== mtimeMs)
      return false;
  }
  return true;
}

const RECORD_KEYS: (keyof KepMetadataRecord)[] = [
  'id',
  'name',
  'path',
  'title',
  'kepNumber',
  'authors',
  'owningSig',
  'participatingSigs',
  'reviewers',
  'approvers',
  'editor',
  'creationDate',
  'lastUpdated',
  'status',
  'seeAlso',
  'replaces',
  'supersededBy',
  'stage',
  'latestMilestone',
  'milestone',
  'featureGates',
  'disableSupported',
  'metrics',
];
const DERIVED = new Set<keyof KepMetadataRecord>(['name', 'path']);
const MILESTONE_KEYS = ['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled'] as const;

/** Leave out what `unpack` derives (name, path) and the empty values (``, null, false, unset milestones). */
function pack(built: CachedEntry, metadataPath: string): StoredEntry {
  const { entry } = built;
  const record: Partial<KepMetadataRecord> = {};
  for (const key of RECORD_KEYS) {
    const value = entry.record[key];
    if (DERIVED.has(key) || value === '' || value === null || value === false) continue;
    if (key === 'milestone') {
      const set = Object.fromEntries(Object.entries(entry.record.milestone).filter(([, v]) => v !== ''));
      if (Object.keys(set).length > 0) record.milestone = set as KepMetadataRecord['milestone'];
      continue;
    }
    (record as Record<string, unknown>)[key] = value;
  }
  const stored: StoredEntry = { metadata: built.deps[metadataPath]!, number: entry.number, record };
  if (entry.prrPath && built.deps[entry.prrPath]) stored.prr = built.deps[entry.prrPath];
  if (entry.prrPath) stored.prrPath = entry.prrPath;
  if (entry.hasPrr) stored.hasPrr = true;
  if (Object.keys(entry.prrApprovers).length > 0) stored.prrApprovers = entry.prrApprovers;
  if (!entry.metadataOk) stored.metadataOk = false;
  return stored;
}

/** The entry back, with its record's keys in kepify's order. */
function unpack(dir: string, stored: StoredEntry, proposalsRoot: string): KepEntry {
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
    number: stored.number,
    record,
    prrPath: stored.prrPath,
    hasPrr: stored.hasPrr === true,
    prrApprovers: stored.prrApprovers ?? {},
    metadataOk: stored.metadataOk !== false,
  };
}

/**
 * Group names as kepctl finds them for `--sig`: every `- dir: NAME` line of the groups file (upstream's
 * RemoteGroupFetcher), which needs no YAML parse of a large file. `kep lint` reads the file as YAML.
 */
function groupNames(root: string, file: string): string[] {
  const names = new Set<string>();
  for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(
    /^\s*- dir:[ \t]*(.+?)[ \t]*$/gm,
  )) {
    names.add(match[1]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return [...names].sort();
}

async function loadGroupNames(
  root: string,
  context: CatalogContext,
  files: Files,
): Promise<{ groups: string[]; groupsDeps: Record<string, Fingerprint>; notices: string[] }> {
  const { profile, load } = context;
  // An explicit file (flag or config) is resolved as the loader does: against the working directory.
  const candidates = load.groupsFile
    ? [relativeTo(root, path.resolve(load.groupsFile))]
    : profile.groups.candidates.map((candidate) => relativeTo(root, candidate));
  const groupsDeps: Record<string, Fingerprint> = {};
  for (const candidate of candidates) {
    const fingerprint = files.fingerprint(candidate);
    groupsDeps[candidate] = fingerprint;
    if (fingerprint[0] !== null) return { groups: groupNames(root, candidate), groupsDeps, notices: [] };
  }
  if (load.groupsFile) {
    const { LoadError } = await import('../load/errors.js');
    throw new LoadError(`${load.groupsFile}: file not found`);
  }
  return {
    groups: [],
    groupsDeps,
    notices: [
      `no groups file found (looked for ${candidates.join(', ')}); --sig matches the owning SIGs of the proposals only`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The plain path: kep.yaml and PRR files that the plain reader handles and whose every field has the shape
// the kubernetes schema expects. Anything else goes to the full loader, so both paths yield the same entry
// (the catalog tests compare them on every corpus proposal).

const TEXT_KEYS = [
  'id',
  'prnumber',
  'name',
  'path',
  'title',
  'kep-number',
  'owning-sig',
  'editor',
  'creation-date',
  'last-updated',
  'status',
  'stage',
  'latest-milestone',
];
const LIST_KEYS = [
  'authors',
  'participating-sigs',
  'reviewers',
  'approvers',
  'see-also',
  'replaces',
  'superseded-by',
  'metrics',
];
const STAGE_KEYS = new Set(['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled']);
const YAML_BOOL = /^(true|false|yes|no|on|off|y|n)$/i;

type Data = Record<string, unknown>;
const isMap = (value: unknown): value is Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isText = (value: unknown): boolean => value === null || typeof value === 'string';
const isTextList = (value: unknown): boolean =>
  value === null || (Array.isArray(value) && value.every(isText));

/** Whether the kubernetes schema accepts the data as it is (no unknown field, every value of its type). */
function plainlyValid(data: Data): boolean {
  for (const [key, value] of Object.entries(data)) {
    if (TEXT_KEYS.includes(key)) {
      if (!isText(value)) return false;
    } else if (LIST_KEYS.includes(key)) {
      if (!isTextList(value)) return false;
    } else if (key === 'milestone') {
      if (
        value !== null &&
        !(isMap(value) && Object.entries(value).every(([k, v]) => STAGE_KEYS.has(k) && isText(v)))
      )
        return false;
    } else if (key === 'feature-gates') {
      const gateOk = (gate: unknown) =>
        gate === null ||
        (isMap(gate) &&
          Object.entries(gate).every(([k, v]) =>
            k === 'name' ? isText(v) : k === 'components' && isTextList(v),
          ));
      if (value !== null && !(Array.isArray(value) && value.every(gateOk))) return false;
    } else if (key === 'disable-supported') {
      if (value !== null && !(typeof value === 'string' && YAML_BOOL.test(value))) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** A file's text when it is one the loader would read without a problem (size, NUL, UTF-8). */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.length > MAX_BYTES || bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** As the loader: the number in the metadata, else the directory name's. */
function kepNumber(dir: string, value: unknown): number | null {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  const match = /^(\d+)-/.exec(dir.slice(dir.lastIndexOf('/') + 1));
  return match ? Number(match[1]) : null;
}

function plainEntry(dir: string, profile: ProcessProfile, files: Files): CachedEntry | undefined {
  if (profile.name !== 'kubernetes') return undefined;
  const metadataPath = `${dir}/${profile.layout.metadataFile}`;
  const metadata = files.read(metadataPath);
  const text = metadata ? textOf(metadata.bytes) : undefined;
  if (!metadata || text === undefined) return undefined;
  const data = parsePlainYaml(text);
  if (!isMap(data) || !plainlyValid(data)) return undefined;
  const deps: Record<string, Fingerprint> = { [metadataPath]: metadata.fingerprint };

  const owningGroup = data['owning-sig'];
  const number = data['kep-number'];
  let prrPath: string | undefined;
  let hasPrr = false;
  const prrApprovers: Record<string, string> = {};
  if (
    profile.layout.prrDir &&
    typeof owningGroup === 'string' &&
    owningGroup &&
    typeof number === 'string' &&
    number
  ) {
    prrPath = `${profile.layout.prrDir}/${owningGroup}/${number}.yaml`;
    const prr = files.read(prrPath);
    if (prr) {
      const prrText = textOf(prr.bytes);
      const prrData = prrText === undefined ? undefined : parsePlainYaml(prrText);
      if (!isMap(prrData)) return undefined;
      // As the loader decodes PRR approvals: an approver is a text `approver` under a stage key.
      for (const [stage, value] of Object.entries(prrData)) {
        if (!STAGE_KEYS.has(stage) || !isMap(value)) continue;
        const approver = value.approver;
        if (typeof approver === 'string' && approver) prrApprovers[stage] = approver;
      }
      hasPrr = true;
    }
    deps[prrPath] = prr?.fingerprint ?? [null, -1, -1];
  }
  return {
    deps,
    entry: {
      dir,
      number: kepNumber(dir, number),
      record: metadataRecord(dir, data, new Set(), profile),
      prrPath,
      hasPrr,
      prrApprovers,
      metadataOk: true,
    },
  };
}

/** The full loader, for files the plain path does not take: positions, strict decoding, every problem. */
class SlowLoader {
  private constructor(
    private readonly facts: RepositoryFacts,
    private readonly load: typeof import('../load/proposal.js').loadProposal,
  ) {}

  static async open(
    root: string,
    profile: ProcessProfile,
    proposalDirs: string[],
    readmes: Set<string>,
  ): Promise<SlowLoader> {
    const { loadProposal } = await import('../load/proposal.js');
    // The README is skipped: the facts need no more of the file list than the READMEs.
    return new SlowLoader(
      { root, profile, files: readmes, proposalDirs: new Set(proposalDirs), notices: [] },
      loadProposal,
    );
  }

  entry(dir: string, files: Files): CachedEntry {
    const { profile } = this.facts;
    const proposal = this.load(this.facts, dir, { readme: 'skip' });
    const data = proposal.metadataFile?.data;
    const metadataPath = `${dir}/${profile.layout.metadataFile}`;
    const deps: Record<string, Fingerprint> = { [metadataPath]: files.fingerprint(metadataPath) };
    if (proposal.prrPath) deps[proposal.prrPath] = files.fingerprint(proposal.prrPath);
    return {
      deps,
      entry: {
        dir,
        number: proposal.number,
        record: kepMetadataRecord(proposal, profile),
        prrPath: proposal.prrPath,
        hasPrr:
          proposal.prr !== undefined ||
          proposal.problems.some((problem) => problem.path === proposal.prrPath),
        prrApprovers: Object.fromEntries(
          Object.entries(proposal.prr?.approvers ?? {}).filter((pair): pair is [string, string] => !!pair[1]),
        ),
        metadataOk: isMap(data),
      },
    };
  }
}

/** Build entries with the full loader, for comparison with the plain path (tests). */
export async function loadedEntries(
  root: string,
  profile: ProcessProfile,
  dirs: string[],
): Promise<KepEntry[]> {
  const walk = walkRepository(root, profile);
  const slow = await SlowLoader.open(root, profile, walk.proposalDirs, walk.files);
  const files = new Files(root);
  return dirs.map((dir) => slow.entry(dir, files).entry);
}

/** Build an entry with the plain path, or undefined when it does not take the files (tests). */
export function plainlyReadEntry(root: string, profile: ProcessProfile, dir: string): KepEntry | undefined {
  return plainEntry(dir, profile, new Files(root))?.entry;
}

/** The README of an entry, repo-relative, when the walk saw one. */
export function readmeOf(catalog: Catalog, entry: KepEntry): string | undefined {
  const file = `${entry.dir}/${catalog.layout.readmeFile}`;
  return catalog.readmes.has(file) ? file : undefined;
}
