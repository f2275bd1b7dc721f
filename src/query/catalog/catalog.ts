// The metadata catalog's types, and what its loader (load.ts) and builder (build.ts) share:
// one entry per proposal, built from kep.yaml and the PRR file without reading the README.
import path from 'node:path';
import { resolveInside } from '../../load/files.js';
import { type Fingerprint, readFingerprinted, stillMatches } from '../../load/fingerprint.js';
import { readmePathOf } from '../../load/layout.js';
import { prrPathOf } from '../../load/prr-path.js';
import type { LoadOptions } from '../../load/repository.js';
import type { ProcessProfile } from '../../model/index.js';
import type { KepMetadataRecord } from './record.js';

// The fingerprint rules are load's, shared with the lint cache; the catalog's builder finds them here.
export { type Fingerprint, SETTLE_MS } from '../../load/fingerprint.js';

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
  /** The profile's `links.base`: prefixed to a proposal's repo-relative path to read it (kep query's link). */
  linkBase?: string;
  /** The profile's statuses and stages, for checking filter values. */
  vocabulary: { statuses: string[]; stages: string[] };
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

/** Reads repo files once each: content for building entries, fingerprints for the cache. */
export class Files {
  constructor(private readonly root: string) {}

  /** The file's bytes and fingerprint, or null when it does not exist (or is not a readable file). */
  read(file: string): { bytes: Buffer; fingerprint: Fingerprint } | null {
    // A path written `../…` is a groups file the user named or kepkit looks for beside the repository: read
    // where it is. Anything else is repo content, confined as every repo read: a kep.yaml linked to a file
    // outside the repository is not read here (the full loader then reports it as io/outside-repo).
    if (file.startsWith('../') || path.isAbsolute(file))
      return readFingerprinted(path.resolve(this.root, file));
    let absolute: string | undefined;
    try {
      absolute = resolveInside(this.root, file);
    } catch {
      return null;
    }
    return absolute === undefined ? null : readFingerprinted(absolute);
  }

  fingerprint(file: string): Fingerprint {
    return this.read(file)?.fingerprint ?? [null, -1, -1];
  }

  /** Whether the file still matches; a match by content refreshes the remembered size and mtime. */
  fresh(file: string, known: Fingerprint): boolean {
    return stillMatches(`${this.root}/${file}`, known);
  }
}

/** Relative to the root (`..` allowed), with `/`. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/** The PRR file the loader would look for, from the record: `<prrDir>/<owningSig>/<kepNumber>.yaml`. */
export function derivedPrrPath(record: Pick<KepMetadataRecord, 'owningSig' | 'kepNumber'>, layout: Layout) {
  return prrPathOf(layout, record.owningSig, record.kepNumber);
}

/** Where an entry's README is (repo-relative); whether it exists is learnt by reading it. */
export function readmeOf(catalog: Catalog, entry: KepEntry): string {
  return readmePathOf(catalog.layout, entry.dir);
}
