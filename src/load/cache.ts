import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-write.js';

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

/**
 * Read a cached JSON value and check its shape: anything unreadable, corrupt or of another shape counts as a
 * miss. `check` returns the value to use (it may drop bad parts) or undefined to discard the whole file.
 */
export function readJsonCache<T>(
  dir: string,
  name: string,
  check: (value: unknown) => T | undefined,
): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
  return check(value);
}

// Shape checks for cached JSON. Not zod: importing it costs about 60 ms, a quarter of a warm cached lint, while
// these check the 660 entries of the Kubernetes corpus in about a millisecond.

/** Whether a value is of a type; a cached value is trusted only once it passes. */
export type Check<T> = (value: unknown) => value is T;

export const isString: Check<string> = (value) => typeof value === 'string';
export const isNumber: Check<number> = (value): value is number => Number.isFinite(value);
export const isBoolean: Check<boolean> = (value) => typeof value === 'boolean';
export const isNull: Check<null> = (value) => value === null;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value): value is T | null => value === null || check(value);
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(check);
}

/** An object whose every value passes. */
export function recordOf<T>(check: Check<T>): Check<Record<string, T>> {
  return (value): value is Record<string, T> => {
    if (!isPlainObject(value)) return false;
    for (const key in value) if (!check(value[key])) return false;
    return true;
  };
}

/** An object with these keys (a key whose check is marked optional may be absent); other keys are ignored. */
export function shape<T>(
  required: { [K in keyof T]-?: Check<Exclude<T[K], undefined>> },
  optional: readonly (keyof T)[] = [],
): Check<T> {
  const keys = Object.keys(required) as (keyof T & string)[];
  return (value): value is T => {
    if (!isPlainObject(value)) return false;
    for (const key of keys) {
      const field = value[key];
      if (field === undefined ? !optional.includes(key) : !required[key](field)) return false;
    }
    return true;
  };
}

/**
 * The entries of a cached record that pass, in a fresh object without a prototype (a key such as `__proto__`
 * stays data); entries that do not fit are dropped, each becoming a miss. Undefined when it is no object.
 */
export function validEntries<T>(value: unknown, check: (key: string, entry: unknown) => entry is T) {
  if (!isPlainObject(value)) return undefined;
  const valid: Record<string, T> = Object.create(null);
  for (const key in value) {
    const entry = value[key];
    if (check(key, entry)) valid[key] = entry;
  }
  return valid;
}

/**
 * A hash of the built code, written beside it by `scripts/build-hash.mjs` at build time: caches are keyed by
 * it, so two builds share nothing even when their files have equal mtimes (tar, npm pack). Without the file
 * (a build by `tsc` alone), the same hash is worked out from the files themselves, once per process.
 */
export function buildHash(): string {
  if (cachedBuildHash === undefined) {
    const dist = fileURLToPath(new URL('..', import.meta.url));
    try {
      const saved: unknown = JSON.parse(readFileSync(path.join(dist, BUILD_HASH_FILE), 'utf8'));
      if (isPlainObject(saved) && isString(saved.hash)) cachedBuildHash = saved.hash;
    } catch {
      // Absent or unreadable: hashed below.
    }
    cachedBuildHash ??= hashBuild(dist);
  }
  return cachedBuildHash;
}

let cachedBuildHash: string | undefined;

/** The file `buildHash` reads, at the top of the build output. */
export const BUILD_HASH_FILE = 'build-hash.json';

/**
 * sha256 over every file of the build output (its sorted paths and contents, the hash file left out) and of
 * the `profiles` folder beside it when there is one: what `scripts/build-hash.mjs` writes.
 */
export function hashBuild(dist: string): string {
  const hash = createHash('sha256');
  const add = (base: string, label: string) => {
    let files: string[];
    try {
      files = (readdirSync(base, { recursive: true, encoding: 'utf8' }) as string[])
        .map((file) => file.split(path.sep).join('/'))
        .filter((file) => file !== BUILD_HASH_FILE && statSync(path.join(base, file)).isFile())
        .sort();
    } catch {
      return;
    }
    for (const file of files) {
      const bytes = readFileSync(path.join(base, file));
      // Lengths keep path and content apart: no two different trees feed the same bytes to the hash.
      hash.update(`${label}/${file}\0${bytes.length}\0`).update(bytes);
    }
  };
  add(dist, 'dist');
  add(path.join(dist, '..', 'profiles'), 'profiles');
  return hash.digest('hex');
}

/** Write a cached JSON value atomically; a cache that cannot be written is skipped silently. */
export function writeJsonCache(dir: string, name: string, value: unknown): void {
  writeCacheFile(dir, name, JSON.stringify(value));
}

/** Write a cache file through the atomic-write helper (readers see the old or the new file, never a mix). */
export function writeCacheFile(dir: string, name: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(dir, name), text);
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the command.
  }
}
