import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ReadProblem, SourceFile } from '../model/index.js';

/** Files above this size are not parsed: a proposal is never this big, and parsing it would cost seconds. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; problem: ReadProblem };

/** Read a repo file as UTF-8 text; every failure becomes a problem naming the file, never an exception. */
export function readSource(root: string, relativePath: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const unreadable = (message: string): ReadResult => ({
    ok: false,
    problem: { path: relativePath, rule: 'io/unreadable', message },
  });
  const absolute = path.join(root, relativePath);
  let bytes: Buffer;
  try {
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
          message: `file is ${(stats.size / 1024 / 1024).toFixed(1)} MB, over the ${maxBytes / 1024 / 1024} MB limit; not parsed`,
        },
      };
    }
    bytes = readFileSync(absolute);
  } catch (error) {
    return unreadable(describeIoError(error));
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
