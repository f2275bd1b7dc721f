// Which repo files changed since a cache was written: each file's content hash, with the size and mtime that
// let a later run trust it unread. The lint cache keeps fingerprints in a store of their own
// (FingerprintStore); the query catalog keeps them inside its entries. Both follow the rules here.
import { readFileSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import {
  type Check,
  isNull,
  isNumber,
  isPlainObject,
  isString,
  readJsonCache,
  validEntries,
  writeJsonCache,
} from './cache.js';
import { hashBytes } from './files.js';

/** A file's content hash (null: absent or not a readable file), and its size and mtime (-1: not to be trusted). */
export type Fingerprint = [hash: string | null, size: number, mtimeMs: number];

/** A file written this recently may change again within the same mtime tick: its size and mtime prove nothing. */
export const SETTLE_MS = 2000;

export const isFingerprint: Check<Fingerprint> = (value): value is Fingerprint =>
  Array.isArray(value) &&
  value.length === 3 &&
  (isNull(value[0]) || isString(value[0])) &&
  isNumber(value[1]) &&
  isNumber(value[2]);

/** The bytes and fingerprint of a regular file, or null when there is none or it cannot be read. */
export function readFingerprinted(absolute: string): { bytes: Buffer; fingerprint: Fingerprint } | null {
  try {
    const stat = statSync(absolute);
    // Reading a named pipe or a device would block or never end; such a file is unreadable anyway.
    if (!stat.isFile()) return null;
    const bytes = readFileSync(absolute);
    const settled = Date.now() - stat.mtimeMs > SETTLE_MS;
    return { bytes, fingerprint: [hashBytes(bytes), settled ? stat.size : -1, settled ? stat.mtimeMs : -1] };
  } catch {
    return null;
  }
}

/** The file's stat, or undefined when it cannot be had (absent, no permission): either way not a file to trust. */
function statOf(absolute: string): Stats | undefined {
  try {
    return statSync(absolute, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether size and mtime show the file unchanged: they were trusted when taken, and are the same now. */
function sameStat(stat: Stats, known: Fingerprint): boolean {
  return known[1] !== -1 && known[1] === stat.size && known[2] === stat.mtimeMs && stat.isFile();
}

/**
 * Whether the file still has the content of `known`: by size and mtime when they were trusted, else by its
 * hash, and then the remembered size and mtime are refreshed. Called for every file on every warm query, so
 * the caller builds the path (no path.join) and an absent file costs no exception.
 */
export function stillMatches(absolute: string, known: Fingerprint): boolean {
  const stat = statOf(absolute);
  if (!stat) return known[0] === null;
  if (known[0] === null) return false;
  if (sameStat(stat, known)) return true;
  const now = readFingerprinted(absolute);
  if (!now || now.fingerprint[0] !== known[0]) return false;
  known[1] = now.fingerprint[1];
  known[2] = now.fingerprint[2];
  return true;
}

const STORE_FILE = 'fingerprints.json';

/**
 * Content hashes of repo files, remembered on disk with each file's fingerprint so that an unchanged file is
 * not read again. The hash is what cache entries are keyed by; size and mtime only decide whether to re-hash.
 */
export class FingerprintStore {
  private readonly entries: Record<string, Fingerprint>;
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly root: string,
    entries: Record<string, Fingerprint> | undefined,
    private readonly version: string,
  ) {
    // No prototype: a file named `__proto__` is one more key.
    this.entries = entries ?? Object.create(null);
  }

  static open(dir: string, root: string, version: string): FingerprintStore {
    const saved = readJsonCache(dir, STORE_FILE, (value) =>
      isPlainObject(value) && value.version === version
        ? validEntries(
            value.entries,
            // Only files that exist are stored.
            (_file, entry): entry is Fingerprint => isFingerprint(entry) && entry[0] !== null,
          )
        : undefined,
    );
    return new FingerprintStore(dir, root, saved, version);
  }

  /** sha1 of the file's bytes, or null when it does not exist or cannot be read. */
  hash(relativePath: string): string | null {
    const absolute = path.join(this.root, relativePath);
    const known = this.entries[relativePath];
    const stat = known && statOf(absolute);
    if (known && stat && sameStat(stat, known)) return known[0];
    const now = readFingerprinted(absolute);
    if (!now) return null;
    if (now.fingerprint[1] !== -1) {
      this.entries[relativePath] = now.fingerprint;
      this.changed = true;
    }
    return now.fingerprint[0];
  }

  save(): void {
    if (this.changed) writeJsonCache(this.dir, STORE_FILE, { version: this.version, entries: this.entries });
  }
}
