// Where a proposal's parts are, by the profile's layout: a proposal is known by its key (its directory in a
// directory layout, its markdown file in a one-file layout), and every path of it is worked out here.

import { createRequire } from 'node:module';
import path from 'node:path';

// Required on first use: most runs (a Kubernetes layout answered from a cache) match no glob at all.
let loadedPicomatch: typeof import('picomatch') | undefined;
function picomatch(): typeof import('picomatch') {
  loadedPicomatch ??= createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
  return loadedPicomatch;
}

import type { ProcessProfile } from '../model/index.js';

type Layout = ProcessProfile['layout'];

/** The file holding the proposal's metadata: the metadata file of its directory, or the markdown file itself. */
export function metadataPathOf(layout: Layout, key: string): string {
  return layout.kind === 'file' ? key : `${key}/${layout.metadataFile}`;
}

const globs = new Map<string, (file: string) => boolean>();
function glob(pattern: string): (file: string) => boolean {
  let matcher = globs.get(pattern);
  if (!matcher) {
    matcher = picomatch()(pattern, { dot: false });
    globs.set(pattern, matcher);
  }
  return matcher;
}

/**
 * The proposal's text: the markdown file itself, or in a directory `readmeFile` — a name, a pattern with
 * `{name}` (the directory's name), or a glob, of which the first matching file of the directory (by name) is it.
 */
export function readmePathOf(layout: Layout, key: string, files?: Iterable<string>): string {
  if (layout.kind === 'file') return key;
  const name = (layout.readmeFile ?? 'README.md').replaceAll('{name}', path.posix.basename(key));
  if (!picomatch().scan(name).isGlob) return `${key}/${name}`;
  const matches = glob(name);
  let found: string | undefined;
  for (const file of files ?? []) {
    if (file.startsWith(`${key}/`) && !file.slice(key.length + 1).includes('/')) {
      const base = file.slice(key.length + 1);
      if (matches(base) && (found === undefined || base < found)) found = base;
    }
  }
  return `${key}/${found ?? name}`;
}

/** Whether a file below the proposals root is a proposal of a one-file layout. */
export function proposalFileMatcher(layout: Layout): (repoPath: string) => boolean {
  const prefix = `${layout.proposalsRoot}/`;
  const include = glob(layout.files ?? '**/*.md');
  const excluded = layout.exclude.map((pattern) => glob(pattern));
  return (repoPath) => {
    if (!repoPath.startsWith(prefix)) return false;
    const below = repoPath.slice(prefix.length);
    return include(below) && !excluded.some((matches) => matches(below) || matches(repoPath));
  };
}

/** Whether a repo path is one of the paths a lint-ignore list names (globs allowed). */
export function ignoredBy(entries: readonly string[]): (repoPath: string) => boolean {
  if (entries.length === 0) return () => false;
  const matchers = entries.map((entry) => glob(entry.replace(/^\.?\//, '')));
  return (repoPath) => matchers.some((matches) => matches(repoPath));
}

const patterns = new Map<string, RegExp>();

/** The number that the proposal's directory or file name carries, by the layout's pattern; null when none. */
export function nameNumberOf(layout: Layout, key: string): number | null {
  const { from, pattern } = layout.number;
  if (from === 'none' || pattern === undefined) return null;
  // A field's number is checked against the name of what holds the proposal: its directory, or its file.
  const name =
    from === 'directory' && layout.kind === 'file'
      ? path.posix.basename(path.posix.dirname(key))
      : path.posix.basename(key);
  let regexp = patterns.get(pattern);
  if (!regexp) {
    regexp = new RegExp(pattern);
    patterns.set(pattern, regexp);
  }
  const match = regexp.exec(name);
  return match?.[1] !== undefined && /^\d+$/.test(match[1]) ? Number(match[1]) : null;
}

/** A number written in a metadata field (digits, blanks around allowed), or null. */
export function parseNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/** The proposal's number: from its field (else its name), or from its name, or none. */
export function proposalNumber(layout: Layout, key: string, written: unknown): number | null {
  if (layout.number.from === 'none') return null;
  if (layout.number.from === 'field') return parseNumber(written) ?? nameNumberOf(layout, key);
  return nameNumberOf(layout, key);
}

/** A proposal's id: its number where it has one, else its path below the proposals root. */
export function proposalId(layout: Layout, key: string, number: number | null): string {
  if (number !== null) return String(number);
  const prefix = `${layout.proposalsRoot}/`;
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

/**
 * The YAML front matter of a markdown text: the lines between a first line `---` and the next line `---`
 * (or `...`). `yaml` is the text up to the closing line with the opening `---` blanked, so that offsets,
 * lines and columns in it are those of the markdown file; `lines` is how many lines the block takes.
 */
export function frontMatterOf(text: string): { yaml: string; lines: number } | undefined {
  const opening = /^---[ \t]*\r?\n/.exec(text);
  if (!opening) return undefined;
  const closing = /^(?:---|\.\.\.)[ \t]*\r?$/m;
  const rest = text.slice(opening[0].length);
  const match = closing.exec(rest);
  if (!match) return undefined;
  const end = opening[0].length + match.index;
  const yaml = `   ${text.slice(3, end)}`;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return { yaml, lines };
}

/**
 * Whether a proposal (its key and number) is the one a user named: a number (`37` and `0037` alike) matches
 * the proposal's number; anything else is a path, below the proposals root or repo-relative (`./` and a
 * trailing `/` allowed), and matches the proposal's key. So `0037`, `0037-remove-gcs-fetcher.md` and
 * `teps/0037-remove-gcs-fetcher.md` name one TEP, and `network/no_overlay_mode.md` an OpenShift proposal.
 */
export function proposalRefMatcher(
  layout: Layout,
  ref: string,
): (key: string, number: number | null) => boolean {
  const written = ref.trim();
  if (/^\d+$/.test(written)) {
    const wanted = Number(written);
    return (_key, number) => number === wanted;
  }
  let below = written.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  const prefix = `${layout.proposalsRoot}/`;
  if (below.startsWith(prefix)) below = below.slice(prefix.length);
  return (key) => (key.startsWith(prefix) ? key.slice(prefix.length) : key) === below;
}
