// `kep toc`: every markdown file that carries a table of contents, checked or rewritten as upstream's
// hack/verify-toc.sh and hack/update-toc.sh do with mdtoc.
import {
  type Dirent,
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import path from 'node:path';
import {
  countLines,
  describeIoError,
  isInside,
  MAX_MARKDOWN_LINES,
  OUTSIDE_REPO_MESSAGE,
  realRoot as realRootOf,
} from '../load/files.js';
import { readSkipList } from '../load/skip-list.js';
import { inspectToc, type TocSettings, type TocState } from '../text/toc.js';
import { type FileText, FileTextError, readFileText, rewriteFile } from './fixes.js';

/** The markdown files that carry a table of contents, as upstream's scripts find them. */
export interface TocFileList {
  /** Repo-relative paths, sorted. */
  files: string[];
  /** Paths given explicitly that the skip list names (left alone). */
  skipped: string[];
}

/**
 * `find <root> -name '*.md' | grep -Fxvf <skip list>`: every `*.md` file under the settings' root (or under
 * the given repo-relative paths: directories are searched, files taken as they are), minus the skip list.
 * Symbolic links to files are listed; links to directories are not followed.
 */
export function listTocFiles(root: string, settings: TocSettings, paths: string[] = []): TocFileList {
  const skip = readSkipList(root, settings);
  const found = new Set<string>();
  const skipped: string[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      throw new TocError(`${dir}: cannot read directory: ${describeIoError(error)}`);
    }
    for (const entry of entries) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md') && !skip.has(relative)) found.add(relative);
    }
  };
  for (const given of paths.length > 0 ? paths : [settings.root]) {
    const relative = given.replace(/\/+$/, '').replace(/^\.$/, '');
    let stat: Stats;
    try {
      stat = statSync(path.join(root, relative));
    } catch (error) {
      throw new TocError(`${given}: ${describeIoError(error)}`);
    }
    if (stat.isDirectory()) walk(relative);
    else if (skip.has(relative)) skipped.push(relative);
    else found.add(relative);
  }
  return { files: [...found].sort(), skipped };
}

export class TocError extends Error {}

/** A listed file and what its table of contents looks like. */
export interface TocFileCheck {
  file: string;
  /**
   * Set when `file` is a link (a symbolic link, or a checked-out link: a one-line file that names another
   * `.md` file): the file that was read in its place, repo-relative when inside the repository.
   */
  target?: string;
  /** The text that was inspected and its hash (absent when unreadable or only a link to a checked file). */
  source?: FileText;
  /** Absolute path of the file that would be written. */
  absolute: string;
  /** The repository root that a write must stay inside. */
  root: string;
  state: TocState | { status: 'unreadable'; message: string } | { status: 'link' };
}

/** Check the table of contents of each file, following links to the file they name (each file once). */
export function checkTocFiles(root: string, settings: TocSettings, files: string[]): TocFileCheck[] {
  const realRoot = realRootOf(root);
  const listed = new Set(files);
  const seen = new Set<string>();
  const checks: TocFileCheck[] = [];
  for (const file of files) {
    const absolute = path.join(root, file);
    const linked = linkTarget(absolute);
    const target = linked ? displayPath(realRoot, linked) : undefined;
    const read = linked ?? safeRealpath(absolute);
    // A link in a pull request must not make kepkit read (or later write) a file elsewhere on the machine.
    if (!isInside(realRoot, read)) {
      checks.push({
        file,
        absolute: read,
        root,
        state: { status: 'unreadable', message: OUTSIDE_REPO_MESSAGE },
      });
      continue;
    }
    if (target !== undefined && (listed.has(target) || seen.has(read))) {
      checks.push({ file, target, absolute: linked!, root, state: { status: 'link' } });
      continue;
    }
    seen.add(read);
    let source: FileText;
    try {
      source = readFileText(read);
    } catch (error) {
      const message =
        error instanceof FileTextError ? error.message : `cannot read: ${describeIoError(error)}`;
      checks.push({ file, target, absolute: read, root, state: { status: 'unreadable', message } });
      continue;
    }
    if (countLines(source.text, MAX_MARKDOWN_LINES) > MAX_MARKDOWN_LINES) {
      const message = `more than ${MAX_MARKDOWN_LINES.toLocaleString('en-US')} lines; not checked`;
      checks.push({ file, target, absolute: read, root, state: { status: 'unreadable', message } });
      continue;
    }
    checks.push({ file, target, absolute: read, root, source, state: inspectToc(source.text, settings) });
  }
  return checks;
}

/** Write what mdtoc would (`mdtoc --inplace`) into a checked, outdated file; false when there was nothing to do. */
export function writeToc(check: TocFileCheck): boolean {
  if (check.state.status !== 'outdated' || !check.source) return false;
  return rewriteFile(check.absolute, check.source, [check.state.edit], check.root);
}

/**
 * Where a link points: a symbolic link's real target, or for a file that only holds a relative path to an
 * existing `.md` file (how git checks out a symbolic link where links are off), that file.
 */
function linkTarget(absolute: string): string | undefined {
  let stat: Stats;
  try {
    stat = lstatSync(absolute);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return safeRealpath(absolute);
  if (!stat.isFile() || stat.size > 1024) return undefined;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
  if (!/^[^\s<>|*?"]+\.md$/.test(text)) return undefined;
  const target = path.resolve(path.dirname(absolute), text);
  try {
    return statSync(target).isFile() ? safeRealpath(target) : undefined;
  } catch {
    return undefined;
  }
}

function safeRealpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function displayPath(realRoot: string, absolute: string): string {
  const relative = path.relative(realRoot, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? absolute
    : relative.split(path.sep).join('/');
}
