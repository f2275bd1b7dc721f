// `kep lint --fix`: the fixes that rules carry, applied file by file, each file written atomically.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeIoError, hashBytes, MAX_FILE_BYTES, resolveInside } from '../load/files.js';
import type { Fix, TextEdit } from '../model/index.js';
import { applyEdits, editsOverlap } from '../text/apply.js';
import { EditConflictError, WriteRefusedError, writeFileAtomic } from './atomic.js';

export interface FileFixOutcome {
  /** Repo-relative path. */
  file: string;
  applied: Fix[];
  skipped: { fix: Fix; reason: string }[];
  /** Whether the file was rewritten. */
  written: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Apply fixes to the files of a repository. Per file: fixes computed against other content than the file has
 * now are skipped, and so is a fix that overlaps one already taken (run again to get it); the rest are applied
 * together and the file is replaced atomically, unless it changed meanwhile.
 */
export function applyFixes(root: string, fixes: readonly Fix[]): FileFixOutcome[] {
  const byFile = new Map<string, Fix[]>();
  for (const fix of fixes) byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), fix]);
  const outcomes: FileFixOutcome[] = [];
  for (const [file, fileFixes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    outcomes.push(fixFile(root, file, fileFixes));
  }
  return outcomes;
}

function fixFile(root: string, file: string, fixes: Fix[]): FileFixOutcome {
  const outcome: FileFixOutcome = { file, applied: [], skipped: [], written: false };
  const skipAll = (reason: string) => {
    outcome.skipped = fixes.map((fix) => outcome.skipped.find((s) => s.fix === fix) ?? { fix, reason });
    outcome.applied = [];
    return outcome;
  };
  let absolute: string | undefined;
  let current: FileText;
  try {
    // The fix names a repo file; the file itself may be a link, which must lead to a file inside the repo.
    const relative = path.relative(root, path.resolve(root, file));
    absolute =
      relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
        ? undefined
        : resolveInside(root, file);
    if (absolute === undefined) return skipAll('leads outside the repository; not written');
    current = readFileText(absolute);
  } catch (error) {
    return skipAll(error instanceof FileTextError ? error.message : `cannot read: ${describeIoError(error)}`);
  }
  const { text, hash } = current;
  const ordered = [...fixes].sort((a, b) => firstOffset(a) - firstOffset(b));
  const taken: TextEdit[] = [];
  for (const fix of ordered) {
    if (fix.sourceHash !== undefined && fix.sourceHash !== hash) {
      outcome.skipped.push({ fix, reason: 'the file changed since it was checked' });
    } else if (fix.edits.some((edit) => edit.start < 0 || edit.end < edit.start || edit.end > text.length)) {
      outcome.skipped.push({ fix, reason: 'the fix does not fit the file' });
    } else if (
      fix.edits.some((edit, index) => fix.edits.some((other, j) => j > index && editsOverlap(edit, other))) ||
      taken.some((edit) => fix.edits.some((mine) => editsOverlap(edit, mine)))
    ) {
      outcome.skipped.push({ fix, reason: 'overlaps another fix; run again' });
    } else {
      outcome.applied.push(fix);
      taken.push(...fix.edits);
    }
  }
  if (outcome.applied.length === 0) return outcome;
  try {
    outcome.written = rewriteFile(absolute, current, taken, root);
  } catch (error) {
    if (error instanceof EditConflictError) return skipAll('the file changed while it was being fixed');
    if (error instanceof WriteRefusedError || error instanceof FixTooLargeError) return skipAll(error.reason);
    return skipAll(`cannot write: ${describeIoError(error)}`);
  }
  return outcome;
}

/** A file's text as kepkit reads it (UTF-8, without a byte order mark), its hash and whether it had a BOM. */
export interface FileText {
  text: string;
  /** `hashBytes` of the raw bytes. */
  hash: string;
  bom: boolean;
}

export class FileTextError extends Error {}

export function readFileText(absolute: string): FileText {
  // Type and size first: a named pipe would block the read, a huge file would fill memory.
  const stats = statSync(absolute);
  if (!stats.isFile()) throw new FileTextError('not a regular file');
  if (stats.size > MAX_FILE_BYTES)
    throw new FileTextError(`over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`);
  const bytes = readFileSync(absolute);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new FileTextError('not valid UTF-8');
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, hash: hashBytes(bytes), bom };
}

/**
 * Splice edits into a file read with readFileText and replace it atomically, unless its content changed
 * since (EditConflictError). Offsets are into the text without its byte order mark, which is kept.
 * Returns whether anything changed.
 */
export function rewriteFile(
  absolute: string,
  read: FileText,
  edits: readonly TextEdit[],
  within?: string,
): boolean {
  const fixed = applyEdits(read.text, edits);
  if (fixed === read.text) return false;
  const bytes = Buffer.from((read.bom ? '\ufeff' : '') + fixed, 'utf8');
  // A file the next run would refuse to read is not written (a README of a million headings gets a huge TOC).
  if (bytes.length > MAX_FILE_BYTES)
    throw new FixTooLargeError(
      `the fixed file would be ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; not written`,
    );
  writeFileAtomic(absolute, bytes, { expectedHash: read.hash, within });
  return true;
}

/** The edited file would be larger than kepkit reads: nothing was written. */
class FixTooLargeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function firstOffset(fix: Fix): number {
  return Math.min(...fix.edits.map((edit) => edit.start), Number.MAX_SAFE_INTEGER);
}
