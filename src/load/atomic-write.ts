// The one way kepkit writes a file: a temporary file in the same directory, flushed to disk, renamed over the
// target; never over a file that changed since it was read, never outside the repository it was asked to
// stay in, never over anything but a regular, writable file.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  type Dirent,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { hashBytes, isInside, realRoot, TEMP_FILE_NAME } from './files.js';

/** The file is not what the caller read (or it exists when it should not): nothing was written. */
export class EditConflictError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** The write was refused before anything was written: the target is outside the repo, not a file, read-only. */
export class WriteRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface AtomicWriteOptions {
  /**
   * The content hash (`hashBytes` of the raw bytes) the file must still have when it is replaced; `null`
   * when the file must not exist yet. Undefined: no check.
   */
  expectedHash?: string | null;
  /**
   * The repository root the target must stay inside once symbolic links are resolved (repo content comes
   * from strangers: a README linked to /etc/passwd is refused). Undefined: a path the user chose.
   */
  within?: string;
  /** Called between the last check and the rename: how tests land a concurrent edit in that window. */
  inWindow?: () => void;
}

/** Temporary files this process is writing right now: removed if it is interrupted (see removeTempFiles). */
const liveTempFiles = new Set<string>();

/**
 * Write a file atomically: a reader sees the old or the new content, never a mix, and a crash leaves the old
 * file. Keeps the file's mode (and owner, where permitted); writes through a symbolic link to its target
 * rather than replacing the link.
 *
 * A concurrent edit is detected as late as the file system allows: the content is checked when writing
 * starts, the file's identity (inode, size, mtime, ctime) again just before the rename, and the replaced
 * file itself (held open) just after it; an edit that reached the old file in between is put back and the
 * write reported as a conflict. What remains is an editor's own rename-save landing between the last check
 * and the rename, a window of microseconds.
 */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const target = resolveLinks(file);
  if (options.within !== undefined) refuseOutside(file, target, options.within);
  const held = openExisting(target);
  try {
    const existing = held === undefined ? undefined : fstatSync(held);
    if (existing && !existing.isFile()) throw new WriteRefusedError(file, 'not a regular file; not written');
    // Root may write anything: a file its owner made read-only says "do not change me", so kepkit does not.
    if (existing && (existing.mode & 0o222) === 0)
      throw new WriteRefusedError(file, 'is read-only; not written');
    checkContent(target, held, existing, options.expectedHash);

    const dir = path.dirname(target);
    removeStaleTempFiles(dir, path.basename(target));
    // The name matches TEMP_FILE_NAME, so that walks skip it and a later run can remove it.
    const temp = path.join(
      dir,
      `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const mode = existing ? existing.mode & 0o7777 : 0o666;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    liveTempFiles.add(temp);
    try {
      writeTemp(temp, bytes, mode, existing);
      // The file's identity once more, right before the rename: cheaper than hashing, so the window is small.
      if (options.expectedHash !== undefined) checkIdentity(target, existing);
      options.inWindow?.();
      renameSync(temp, target);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
      throw error;
    } finally {
      liveTempFiles.delete(temp);
    }
    syncDirectory(dir);
    if (held !== undefined && existing && options.expectedHash !== undefined)
      restoreIfWrittenMeanwhile(target, held, existing, mode);
  } finally {
    if (held !== undefined) closeSync(held);
  }
}

function refuseOutside(file: string, target: string, within: string): void {
  let dir: string;
  try {
    dir = realpathSync.native(path.dirname(target));
  } catch {
    throw new WriteRefusedError(file, 'its directory does not exist; not written');
  }
  if (!isInside(realRoot(within), path.join(dir, path.basename(target))))
    throw new WriteRefusedError(
      file,
      'leads outside the repository (through a symbolic link or ..); not written',
    );
}

function openExisting(target: string): number | undefined {
  try {
    // O_NONBLOCK: a named pipe planted where a file should be must not block the open.
    return openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeTemp(temp: string, bytes: Uint8Array, mode: number, existing: Stats | undefined): void {
  const fd = openSync(temp, 'wx', mode);
  try {
    // The mode given to open is filtered by the umask; the file keeps exactly the old one.
    if (existing) {
      fchmodSync(fd, mode);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only the owner's own files can be written back with their owner; others keep ours.
      }
    }
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function checkContent(
  target: string,
  held: number | undefined,
  existing: Stats | undefined,
  expectedHash: string | null | undefined,
): void {
  if (expectedHash === undefined) return;
  if (expectedHash === null) {
    if (existing) throw new EditConflictError(target, 'already exists');
    return;
  }
  if (held === undefined || !existing) throw new EditConflictError(target, 'was removed since it was read');
  if (hashBytes(readAll(held, existing.size)) !== expectedHash)
    throw new EditConflictError(target, 'changed since it was read; not overwritten');
}

function checkIdentity(target: string, existing: Stats | undefined): void {
  const now = statOrUndefined(target);
  if (!existing) {
    if (now) throw new EditConflictError(target, 'was created while it was being written; not overwritten');
    return;
  }
  if (!now || !sameFile(now, existing))
    throw new EditConflictError(target, 'changed while it was being written; not overwritten');
}

/**
 * The replaced file was held open: an edit that reached it after the last check lives on in it. Put that
 * edit back (atomically, as any write) and report a conflict, so that no one's edit is lost.
 */
function restoreIfWrittenMeanwhile(target: string, held: number, before: Stats, mode: number): void {
  const after = fstatSync(held);
  // Not ctime: the rename itself unlinks the old file, which changes its ctime.
  if (after.size === before.size && after.mtimeMs === before.mtimeMs) return;
  const theirs = readAll(held, after.size);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.restore.tmp`);
  liveTempFiles.add(temp);
  try {
    writeTemp(temp, theirs, mode, before);
    renameSync(temp, target);
  } finally {
    liveTempFiles.delete(temp);
  }
  throw new EditConflictError(
    target,
    'was edited while it was being written; the edit was kept, not overwritten',
  );
}

function sameFile(a: Stats, b: Stats): boolean {
  return (
    a.ino === b.ino &&
    a.dev === b.dev &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

function readAll(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const read = readSync(fd, buffer, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return offset === size ? buffer : buffer.subarray(0, offset);
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file a path names once symbolic links are followed (a dangling link names its would-be target). */
function resolveLinks(file: string): string {
  try {
    return realpathSync.native(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    if (lstatSync(file).isSymbolicLink()) return path.resolve(path.dirname(file), readlinkSync(file));
  } catch {
    // Neither file nor link: a new file.
  }
  return path.resolve(file);
}

/** Make the rename durable; not every platform can open a directory, so this is best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temporary file older than this was left by a run that died, whatever its process id says now. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Remove temporary files left in a directory by a kepkit run that was killed (SIGKILL cannot be caught):
 * those of a process that no longer runs, or older than ten minutes. Only names of kepkit's own pattern, and
 * only for `name` when given. Returns the paths removed.
 */
export function removeStaleTempFiles(dir: string, name?: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMP_FILE_NAME.exec(entry);
    if (!match || (name !== undefined && match[1] !== name)) continue;
    const file = path.join(dir, entry);
    try {
      const stats = lstatSync(file);
      if (!stats.isFile()) continue;
      const pid = Number(match[2]);
      if (
        pid === process.pid
          ? liveTempFiles.has(file)
          : isRunning(pid) && Date.now() - stats.mtimeMs < STALE_AFTER_MS
      )
        continue;
      unlinkSync(file);
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temporary files this process is writing: for a signal handler, before the process exits. */
export function removeTempFiles(): void {
  for (const temp of liveTempFiles) {
    try {
      unlinkSync(temp);
    } catch {
      // Renamed or removed meanwhile.
    }
  }
  liveTempFiles.clear();
}

/** Remove the stale temporary files (see removeStaleTempFiles) in a directory tree; links are not followed. */
export function removeStaleTempFilesUnder(dir: string): string[] {
  const removed = removeStaleTempFiles(dir);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries)
    if (entry.isDirectory()) removed.push(...removeStaleTempFilesUnder(path.join(dir, entry.name)));
  return removed;
}
