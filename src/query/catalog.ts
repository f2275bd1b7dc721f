// The metadata catalog: one entry per proposal, built from kep.yaml and the PRR file without reading the
// README, and kept on disk keyed by file fingerprints so that a repeated query parses nothing.
// Imports stay light (no markdown or schema library): the warm path must start fast; the loader is
// imported only when some file changed.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirFor, FingerprintStore, readJsonCache, writeJsonCache } from '../load/cache.js';
import { hashBytes } from '../load/files.js';
import type { LoadOptions } from '../load/repository.js';
import type { RepositoryLayout } from '../load/walk.js';
import { walkRepository } from '../load/walk.js';
import type { ProcessProfile, RepositoryFacts } from '../model/index.js';
import { type KepMetadataRecord, kepMetadataRecord } from './record.js';

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
  /** Every file under the proposals root (repo-relative), from this run's walk. */
  files: Set<string>;
  /** Group names from the groups file (sigs.yaml), empty when there is none. */
  groups: string[];
  notices: string[];
  /** How many entries came from the cache and how many were parsed in this run. */
  stats: { cached: number; parsed: number };
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

interface CachedEntry {
  /** Repo-relative path → content hash (null: absent) of each file the entry was built from. */
  deps: Record<string, string | null>;
  entry: KepEntry;
}

interface CatalogCache {
  key: string;
  profileName: string;
  layout: Layout;
  /** Groups file candidates → hash (null: absent), the first present one is the groups file. */
  groupsDeps: Record<string, string | null>;
  groups: string[];
  notices: string[];
  entries: Record<string, CachedEntry>;
}

const CACHE_FILE = 'query-catalog.json';
const FORMAT = 2;

/** Changes when kepkit is rebuilt or upgraded: the modules that decide what an entry holds. */
function buildStamp(): string {
  const modules = [
    './catalog.js',
    './record.js',
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

/** Relative to the root for the fingerprint store (it joins paths onto the root). */
function relativeTo(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/**
 * Load the catalog of every proposal's metadata. Unchanged kep.yaml and PRR files (same size and mtime,
 * else same content hash) reuse the cached entry; the rest are parsed with the README skipped.
 */
export async function loadCatalog(root: string, options: CatalogOptions): Promise<Catalog> {
  const useCache = options.cache !== false;
  // A directory of its own: the fingerprint store is versioned by the reader's build stamp, and lint's differs.
  const cacheDir = path.join(cacheDirFor(root), 'query');
  const stamp = buildStamp();
  const key = hashBytes(JSON.stringify([FORMAT, stamp, options.inputs]));
  const saved = useCache ? readJsonCache<CatalogCache>(cacheDir, CACHE_FILE) : undefined;
  const cache = saved?.key === key ? saved : undefined;
  const store = useCache ? FingerprintStore.open(cacheDir, root, stamp) : undefined;
  const hashOf = (file: string): string | null =>
    store ? store.hash(file) : existsSync(path.join(root, file)) ? '' : null;

  let context: CatalogContext | undefined;
  const needContext = async (): Promise<CatalogContext> => {
    context ??= await options.context();
    return context;
  };
  const layoutSpec = cache?.layout ?? (await needContext()).profile.layout;
  const profileName = cache?.profileName ?? (await needContext()).profile.name;
  // The walk needs only the layout, which the cache keeps, so the warm path never loads the profile.
  const walk: RepositoryLayout = walkRepository(root, { layout: layoutSpec } as ProcessProfile);

  // Groups: reuse while every candidate up to the one found is unchanged.
  let groups: string[];
  let groupsDeps: Record<string, string | null>;
  let notices: string[];
  if (cache && store && Object.entries(cache.groupsDeps).every(([file, hash]) => hashOf(file) === hash)) {
    groups = cache.groups;
    groupsDeps = cache.groupsDeps;
    notices = cache.notices;
  } else {
    ({ groups, groupsDeps, notices } = await loadGroupNames(root, await needContext(), hashOf));
  }

  const entries: KepEntry[] = [];
  const kept: Record<string, CachedEntry> = {};
  let parsed = 0;
  let facts: RepositoryFacts | undefined;
  let loadProposal: typeof import('../load/proposal.js').loadProposal | undefined;
  const templates = new Set(layoutSpec.templateDirs);
  for (const dir of walk.proposalDirs) {
    if (templates.has(dir)) continue;
    const hit = cache?.entries[dir];
    if (hit && store && Object.entries(hit.deps).every(([file, hash]) => hashOf(file) === hash)) {
      entries.push(hit.entry);
      kept[dir] = hit;
      continue;
    }
    const { profile } = await needContext();
    loadProposal ??= (await import('../load/proposal.js')).loadProposal;
    facts ??= {
      root,
      profile,
      files: walk.files,
      proposalDirs: new Set(walk.proposalDirs),
      notices: [],
    };
    const proposal = loadProposal(facts, dir, { readme: 'skip' });
    parsed++;
    const data = proposal.metadataFile?.data;
    const entry: KepEntry = {
      dir,
      number: proposal.number,
      record: kepMetadataRecord(proposal, profile),
      prrPath: proposal.prrPath,
      hasPrr:
        proposal.prr !== undefined || proposal.problems.some((problem) => problem.path === proposal.prrPath),
      prrApprovers: Object.fromEntries(
        Object.entries(proposal.prr?.approvers ?? {}).filter((pair): pair is [string, string] => !!pair[1]),
      ),
      metadataOk: data !== null && typeof data === 'object' && !Array.isArray(data),
    };
    entries.push(entry);
    const metadataPath = `${dir}/${layoutSpec.metadataFile}`;
    const deps: Record<string, string | null> = { [metadataPath]: hashOf(metadataPath) };
    if (entry.prrPath) deps[entry.prrPath] = hashOf(entry.prrPath);
    kept[dir] = { deps, entry };
  }

  if (store && (parsed > 0 || !cache || Object.keys(cache.entries).length !== Object.keys(kept).length)) {
    writeJsonCache(cacheDir, CACHE_FILE, {
      key,
      profileName,
      layout: layoutSpec,
      groupsDeps,
      groups,
      notices,
      entries: kept,
    } satisfies CatalogCache);
  }
  store?.save();
  return {
    root,
    profileName,
    layout: layoutSpec,
    entries,
    files: walk.files,
    groups,
    notices,
    stats: { cached: entries.length - parsed, parsed },
  };
}

async function loadGroupNames(
  root: string,
  context: CatalogContext,
  hashOf: (file: string) => string | null,
): Promise<{ groups: string[]; groupsDeps: Record<string, string | null>; notices: string[] }> {
  const { profile, load } = context;
  // An explicit file (flag or config) is resolved as the loader does: against the working directory.
  const candidates = load.groupsFile
    ? [relativeTo(root, path.resolve(load.groupsFile))]
    : profile.groups.candidates.map((candidate) => relativeTo(root, candidate));
  const groupsDeps: Record<string, string | null> = {};
  for (const candidate of candidates) {
    const hash = hashOf(candidate);
    groupsDeps[candidate] = hash;
    if (hash !== null) {
      const { loadGroups } = await import('../load/facts.js');
      const list = loadGroups(root, path.resolve(root, candidate), profile);
      return { groups: [...list.names].sort(), groupsDeps, notices: [] };
    }
  }
  if (load.groupsFile) {
    const { LoadError } = await import('../load/facts.js');
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

/** The README of an entry, repo-relative, when the walk saw one. */
export function readmeOf(catalog: Catalog, entry: KepEntry): string | undefined {
  const file = `${entry.dir}/${catalog.layout.readmeFile}`;
  return catalog.files.has(file) ? file : undefined;
}
