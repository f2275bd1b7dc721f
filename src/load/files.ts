import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReadProblem, SourceFile } from '../model/index.js';

/**
 * Markdown with more lines than this is not parsed: the parser's memory grows with the number of blocks (a
 * megabyte of one-line headings takes 300 MB), and the longest real proposal has 6,412 lines.
 */
export const MAX_MARKDOWN_LINES = 50_000;

/** Files above this size are not parsed: a proposal is never this big, and parsing it would cost seconds. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** `.<name>.<pid>.<8 hex>.tmp` (or `.restore.tmp`): the temporary files kepkit's atomic writes create. */
export const TEMP_FILE_NAME = /^\.(.+)\.(\d+)\.(?:[0-9a-f]{8}|restore)\.tmp$/;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

let crypto: typeof import('node:crypto') | undefined;

export function hashBytes(bytes: Uint8Array | string): string {
  // node:crypto is loaded on first use: a warm query hashes nothing, and its import is a few ms of every start.
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha1').update(bytes).digest('hex');
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; problem: ReadProblem };
export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; problem: ReadProblem };

const realRoots = new Map<string, string>();

/** The repository root with every symbolic link resolved, once per root and process. */
export function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync.native(root);
    } catch {
      real = path.resolve(root);
    }
    realRoots.set(root, real);
  }
  return real;
}

/** Whether an absolute, link-free path is the root or below it. */
export function isInside(realRootPath: string, realPath: string): boolean {
  return (
    realPath === realRootPath ||
    realPath.startsWith(realRootPath.endsWith(path.sep) ? realRootPath : realRootPath + path.sep)
  );
}

/**
 * Where a repo-relative path really leads once symbolic links are followed, or undefined when it leaves the
 * repository (through `..` or a link): repo content comes from strangers, and a link to `/etc/passwd` or
 * `/proc/self/environ` must not be read or written through. Throws the file system's error when the path
 * does not resolve (missing, a link loop, no permission).
 */
export function resolveInside(root: string, relativePath: string): string | undefined {
  const realPath = realpathSync.native(path.resolve(root, relativePath));
  return isInside(realRoot(root), realPath) ? realPath : undefined;
}

export const OUTSIDE_REPO_MESSAGE = 'leads outside the repository (through a symbolic link or ..); not read';

/**
 * Read a repo file's bytes, confined to the repository; every failure becomes a problem naming the file,
 * never an exception. `confine: false` is for files the user named (flags, config), which may live anywhere.
 */
export function readBytes(
  root: string,
  relativePath: string,
  maxBytes = MAX_FILE_BYTES,
  options: { confine?: boolean } = {},
): BytesResult {
  const unreadable = (message: string): BytesResult => ({
    ok: false,
    problem: { path: relativePath, rule: 'io/unreadable', message },
  });
  try {
    const absolute =
      options.confine === false ? path.resolve(root, relativePath) : resolveInside(root, relativePath);
    if (absolute === undefined)
      return {
        ok: false,
        problem: { path: relativePath, rule: 'io/outside-repo', message: OUTSIDE_REPO_MESSAGE },
      };
    // Size and type first: a huge file is never read into memory, and a FIFO or device would block or never end.
    const stats = statSync(absolute);
    if (stats.isDirectory()) return unreadable('is a directory, expected a file');
    if (!stats.isFile()) return unreadable('not a regular file (a device, socket or named pipe)');
    if (stats.size > maxBytes) {
      return {
        ok: false,
        problem: {
          path: relativePath,
          rule: 'io/too-large',
          message: `file is ${formatSize(stats.size)}, over the ${formatLimit(maxBytes)} limit; not parsed`,
        },
      };
    }
    return { ok: true, bytes: readFileSync(absolute) };
  } catch (error) {
    return unreadable(describeIoError(error));
  }
}

const MB = 1024 * 1024;

function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function formatLimit(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes / 1024} KB`;
}

/** Read a repo file as UTF-8 text (confined to the repository, see readBytes); failures become problems. */
export function readSource(
  root: string,
  relativePath: string,
  maxBytes = MAX_FILE_BYTES,
  options: { confine?: boolean; maxLines?: number } = {},
): ReadResult {
  const read = readBytes(root, relativePath, maxBytes, options);
  if (!read.ok) return read;
  const { bytes } = read;
  if (options.maxLines !== undefined) {
    const lines = countLines(bytes, options.maxLines);
    if (lines > options.maxLines)
      return {
        ok: false,
        problem: {
          path: relativePath,
          rule: 'io/too-large',
          message: `file has more than ${options.maxLines.toLocaleString('en-US')} lines; not parsed`,
        },
      };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      problem: {
        path: relativePath,
        rule: 'io/encoding',
        message: `binary file (NUL byte at offset ${nul}); expected UTF-8 text`,
      },
    };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: {
        path: relativePath,
        rule: 'io/encoding',
        message: `not valid UTF-8 ${firstInvalidUtf8(bytes)}`,
      },
    };
  }
  return { ok: true, file: { path: relativePath, text, hash: hashBytes(bytes) } };
}

/**
 * A text held in memory (an editor's unsaved buffer, a planned file) as readSource would give the file: the
 * same limits (bytes, lines) and the same refusal of binary content, so that a buffer is judged as the file
 * on disk would be.
 */
export function sourceFromText(
  relativePath: string,
  text: string,
  maxBytes = MAX_FILE_BYTES,
  options: { maxLines?: number } = {},
): ReadResult {
  // A UTF-16 unit is at most 3 UTF-8 bytes: the exact count is needed only near the limit.
  const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxBytes)
    return {
      ok: false,
      problem: {
        path: relativePath,
        rule: 'io/too-large',
        message: `file is ${formatSize(bytes)}, over the ${formatLimit(maxBytes)} limit; not parsed`,
      },
    };
  if (options.maxLines !== undefined && countLines(text, options.maxLines) > options.maxLines)
    return {
      ok: false,
      problem: {
        path: relativePath,
        rule: 'io/too-large',
        message: `file has more than ${options.maxLines.toLocaleString('en-US')} lines; not parsed`,
      },
    };
  const nul = text.indexOf('\0');
  if (nul !== -1)
    return {
      ok: false,
      problem: {
        path: relativePath,
        rule: 'io/encoding',
        message: `binary file (NUL byte at offset ${Buffer.byteLength(text.slice(0, nul), 'utf8')}); expected UTF-8 text`,
      },
    };
  return { ok: true, file: { path: relativePath, text, hash: hashBytes(text) } };
}

/** Lines in the bytes, counting stops once past `limit`. */
export function countLines(content: Buffer | string, limit: number): number {
  let lines = 1;
  let at = -1;
  while (lines <= limit) {
    at = typeof content === 'string' ? content.indexOf('\n', at + 1) : content.indexOf(10, at + 1);
    if (at === -1) break;
    lines++;
  }
  return lines;
}

/** Describe where decoding fails, as a line number, so the user can find the bad byte. */
function firstInvalidUtf8(bytes: Buffer): string {
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest invalid prefix; partial sequences at the cut are tolerated by `stream`.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      decoder.decode();
      low = middle;
    } catch {
      high = middle;
    }
  }
  let line = 1;
  for (let index = 0; index < low; index++) if (bytes[index] === 10) line++;
  return `(first bad byte on line ${line})`;
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'file not found (a broken symbolic link?)';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
