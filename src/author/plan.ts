// A plan is what an authoring command would write: whole new texts of files, each with the hash the file
// must still have (null: it must not exist yet). Writing it goes through the one atomic helper.
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { type AtomicWriteOptions, writeFileAtomic } from '../load/atomic-write.js';
import { isInside, realRoot } from '../load/files.js';
import { AuthorError } from './errors.js';
import type { FileRead } from './workspace.js';

export interface PlannedFile {
  /** Repo-relative, with `/`. */
  path: string;
  /** The text as read, or null for a new file. */
  before: string | null;
  after: string;
  /** `hashBytes` of the file's bytes as read; null for a new file. */
  hash: string | null;
  bom: boolean;
}

export interface Plan {
  /** The proposal the plan writes (its directory or file), as the layout names it. */
  proposal: string;
  files: PlannedFile[];
  /**
   * Files whose changed lines are fields the user asked to set (metadata, approval files): a new finding on
   * such a line refuses the write. A new proposal lists none: only new errors refuse it.
   */
  metadataFiles: string[];
}

export function changedFile(repoPath: string, read: FileRead, after: string): PlannedFile {
  return { path: repoPath, before: read.text, after, hash: read.hash, bom: read.bom };
}

export function newFile(repoPath: string, after: string): PlannedFile {
  return { path: repoPath, before: null, after, hash: null, bom: false };
}

/** The files whose text the plan changes (a file planned with its own text is left alone). */
export function changes(plan: Plan): PlannedFile[] {
  return plan.files.filter((file) => file.before !== file.after);
}

/**
 * Write the plan's changed files, each atomically and only if it is still as read (a new file only if it
 * still does not exist). Directories of new files are made inside the repository only. Returns the paths
 * written. `inWindow` is for tests: it runs between a file's temporary write and its rename.
 */
export function writePlan(
  root: string,
  plan: Plan,
  options: Pick<AtomicWriteOptions, 'inWindow'> = {},
): string[] {
  const written: string[] = [];
  for (const file of changes(plan)) {
    const absolute = path.resolve(root, file.path);
    ensureDirectoryInside(root, path.dirname(absolute), file.path);
    const bytes = Buffer.from((file.bom ? '\ufeff' : '') + file.after, 'utf8');
    writeFileAtomic(absolute, bytes, { expectedHash: file.hash, within: root, ...options });
    written.push(file.path);
  }
  return written;
}

/** Make a new file's directory, refusing one whose nearest existing parent leads outside the repository. */
function ensureDirectoryInside(root: string, dir: string, shown: string): void {
  let existing = dir;
  for (;;) {
    try {
      existing = realpathSync.native(existing);
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
  }
  if (!isInside(realRoot(root), existing))
    throw new AuthorError(`${shown}: leads outside the repository; not written`);
  mkdirSync(dir, { recursive: true });
}
