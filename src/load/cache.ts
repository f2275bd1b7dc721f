import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The on-disk cache: safe to delete at any time, never inside the linted repo (which may be read-only).
 * `$KEPKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/kepkit`, else `~/.cache/kepkit`; one subdirectory per repo.
 */
export function cacheDirFor(root: string): string {
  const base =
    process.env.KEPKIT_CACHE_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'kepkit');
  return path.join(base, createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16));
}

/** Read a cached JSON value; anything unreadable or corrupt counts as a miss. */
export function readJsonCache<T>(dir: string, name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Write a cached JSON value atomically (temp file + rename); a cache that cannot be written is skipped silently. */
export function writeJsonCache(dir: string, name: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, target);
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the command.
  }
}

type Fingerprint = [size: number, mtimeMs: number, hash: string];

/**
 * Content hashes of repo files, remembered with each file's size and mtime so that an unchanged file is
 * not read again. The hash is what cache entries are keyed by; size+mtime only decide whether to re-hash.
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
    this.entries = entries ?? {};
  }

  static open(dir: string, root: string, version: string): FingerprintStore {
    const saved = readJsonCache<{ version: string; entries: Record<string, Fingerprint> }>(
      dir,
      'fingerprints.json',
    );
    return new FingerprintStore(dir, root, saved?.version === version ? saved.entries : undefined, version);
  }

  /** sha1 of the file's bytes, or null when it does not exist or cannot be read. */
  hash(relativePath: string): string | null {
    const absolute = path.join(this.root, relativePath);
    let size: number;
    let mtimeMs: number;
    try {
      const stat = statSync(absolute);
      // Reading a named pipe or a device would block or never end; such a file is unreadable anyway.
      if (!stat.isFile()) return null;
      size = stat.size;
      mtimeMs = stat.mtimeMs;
    } catch {
      return null;
    }
    const known = this.entries[relativePath];
    // A file written in the last two seconds may change again within the same mtime tick: always re-hash it.
    const settled = Date.now() - mtimeMs > 2000;
    if (known && settled && known[0] === size && known[1] === mtimeMs) return known[2];
    let hash: string;
    try {
      hash = createHash('sha1').update(readFileSync(absolute)).digest('hex');
    } catch {
      return null;
    }
    if (settled) {
      this.entries[relativePath] = [size, mtimeMs, hash];
      this.changed = true;
    }
    return hash;
  }

  save(): void {
    if (this.changed)
      writeJsonCache(this.dir, 'fingerprints.json', { version: this.version, entries: this.entries });
  }
}
