// The one way kepkit writes a file: a temporary file in the same directory, flushed to disk, renamed over the
// target; never over a file that changed since it was read.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { hashBytes } from '../load/files.js';

/** The file is not what the caller read (or it exists when it should not): nothing was written. */
export class EditConflictError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export interface AtomicWriteOptions {
  /**
   * The content hash (`hashBytes` of the raw bytes) the file must still have when it is replaced; `null`
   * when the file must not exist yet. Undefined: no check.
   */
  expectedHash?: string | null;
}

/**
 * Write a file atomically: a reader sees the old or the new content, never a mix, and a crash leaves the old
 * file. Keeps the file's mode (and owner, where permitted); writes through a symbolic link to its target
 * rather than replacing the link.
 */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const target = resolveLinks(file);
  const existing = statOrUndefined(target);
  checkUnchanged(target, existing, options.expectedHash);

  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const mode = existing ? existing.mode & 0o7777 : 0o666;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      // The mode given to open is filtered by the umask; the file keeps exactly the old one.
      if (existing) fchmodSync(fd, mode);
      if (existing) {
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
    // Checked again just before the rename, to keep the window for a lost update as small as it can be.
    checkUnchanged(target, statOrUndefined(target), options.expectedHash);
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw error;
  }
  syncDirectory(dir);
}

function checkUnchanged(
  target: string,
  existing: Stats | undefined,
  expectedHash: string | null | undefined,
): void {
  if (expectedHash === undefined) return;
  if (expectedHash === null) {
    if (existing) throw new EditConflictError(target, 'already exists');
    return;
  }
  if (!existing) throw new EditConflictError(target, 'was removed since it was read');
  if (hashBytes(readFileSync(target)) !== expectedHash)
    throw new EditConflictError(target, 'changed since it was read; not overwritten');
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
    return realpathSync(file);
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
