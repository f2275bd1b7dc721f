// `kep history`: per proposal, the commit and date of every status, stage and milestone change, from the
// repository's git history. One `git log --raw` over every metadata file, the blobs it names read by one
// `git cat-file --batch`, the tracked fields compared version by version; cached by HEAD commit.
import path from 'node:path';
import { frontMatterOf, proposalFileMatcher, proposalId, proposalNumber } from '../../load/layout.js';
import { METADATA_LIMITS } from '../../load/plain-yaml.js';
import type { ProcessProfile } from '../../model/index.js';
import { readHistoryCache, type StoredEvent, type StoredTrack, writeHistoryCache } from './history-cache.js';
import { NO_FIELDS, readTrackedFields, type TrackedFields, type TrackedKeys } from './history-fields.js';
import {
  BlobReader,
  type GitRepository,
  isAncestor,
  listTree,
  logChanges,
  openRepository,
  type RawChange,
  type RawCommit,
} from './history-git.js';

export type { TrackedFields } from './history-fields.js';
export { HistoryError } from './history-git.js';

/** One change of one tracked field, as `--format json` prints it. */
export interface HistoryEvent {
  /** Author date of the commit, strict ISO 8601 with the author's UTC offset (what `git log` shows). */
  date: string;
  commit: string;
  /** `status`, `stage`, `latest-milestone` or `milestone.<stage>` (the profile's metadata keys). */
  field: string;
  /** null when the field was absent or empty. */
  from: string | null;
  to: string | null;
}

/** The timeline of one proposal: one metadata file followed through renames and moves. */
export interface KepHistory {
  /** The proposal number: its metadata's number, else its directory's; null when neither has one. */
  kep: number | null;
  /** Its id: the number where it has one, else its path below the proposals root (at HEAD, or last seen). */
  proposalId: string;
  /** Repo-relative directory: where it is at HEAD, or where it was last seen when it was removed. */
  path: string;
  /** Every directory it has lived in, oldest first (the last is `path`). */
  paths: string[];
  /** Its metadata file is not in HEAD (deleted, not moved). */
  removed: boolean;
  title: string | null;
  /** The tracked fields at HEAD (for a removed proposal: in its last readable version). */
  current: TrackedFields;
  /** Oldest first (by commit date, parents before children). */
  events: HistoryEvent[];
}

export interface HistoryOptions {
  /** Directory of the on-disk cache; none when undefined. */
  cacheDir?: string;
  /** Version of the code that wrote the cache: a different version ignores it. */
  version?: string;
  /** The git executable (default `git` on PATH). */
  git?: string;
}

export interface HistoryResult {
  head: string;
  /** The git repository the history comes from: its top directory, and the repository root's path in it. */
  git: { toplevel: string; prefix: string };
  histories: KepHistory[];
  /** How the result was obtained: from the cache as is, by updating it from its commit, or from scratch. */
  source: 'cache' | 'incremental' | 'full';
  /** What the user should know, one line each (versions of a metadata file skipped for their size). */
  notices: string[];
}

/** The history of every proposal of the repository at `root` (a git work tree, not shallow). */
export async function loadHistory(
  root: string,
  profile: ProcessProfile,
  options: HistoryOptions = {},
): Promise<KepHistory[]> {
  return (await buildHistory(root, profile, options)).histories;
}

/** Like `loadHistory`, with the HEAD commit and whether the cache answered. */
export async function buildHistory(
  root: string,
  profile: ProcessProfile,
  options: HistoryOptions = {},
): Promise<HistoryResult> {
  const git = options.git ?? 'git';
  const repo = await openRepository(root, git);
  const spec = historySpec(profile);
  const cacheKey = { version: options.version ?? '', profile: profile.name, pathspec: spec.pathspec };
  const cached = options.cacheDir ? readHistoryCache(options.cacheDir, cacheKey) : undefined;
  if (cached && cached.head === repo.head) {
    return {
      head: repo.head,
      git: gitOf(repo),
      histories: toHistories(spec, cached.tracks),
      source: 'cache',
      notices: subdirectoryNotice(repo),
    };
  }
  let state: TrackerState = emptyState();
  let range = repo.head;
  let source: HistoryResult['source'] = 'full';
  if (cached && (await isAncestor(repo, cached.head, repo.head, git))) {
    state = { tracks: cached.tracks, pathTrack: new Map(Object.entries(cached.pathTrack)) };
    range = `${cached.head}..${repo.head}`;
    source = 'incremental';
  }
  const { tracks, notices } = await track(repo, spec, state, range, git);
  if (options.cacheDir) {
    writeHistoryCache(options.cacheDir, {
      ...cacheKey,
      head: repo.head,
      tracks,
      pathTrack: Object.fromEntries(state.pathTrack),
    });
  }
  return {
    head: repo.head,
    git: gitOf(repo),
    histories: toHistories(spec, tracks),
    source,
    notices: [...subdirectoryNotice(repo), ...notices],
  };
}

function gitOf(repo: GitRepository): HistoryResult['git'] {
  return { toplevel: repo.toplevel, prefix: repo.prefix.replace(/\/$/, '') };
}

/**
 * A repository root below the work tree's top (a copy of the proposals inside another project, a monorepo's
 * `docs/proposals/`) has the history of that work tree, which may not be the proposals' own: say so.
 */
function subdirectoryNotice(repo: GitRepository): string[] {
  if (repo.prefix === '') return [];
  return [
    `history from the git repository at ${repo.toplevel}, of which this repository is the subdirectory ${repo.prefix.replace(/\/$/, '')}`,
  ];
}

interface HistorySpec {
  pathspec: string;
  /** Whether a repo path is a proposal's metadata (its metadata file, or its one markdown file). */
  isMetadataFile: (file: string) => boolean;
  layout: ProcessProfile['layout'];
  proposalsRoot: string;
  templateDirs: Set<string>;
  skipDirs: string[];
  keys: TrackedKeys;
  /** Stages in the profile's order, for the order of `milestone.<stage>` events. */
  stages: string[];
  milestonesKey: string;
}

function historySpec(profile: ProcessProfile): HistorySpec {
  const { layout, metadata } = profile;
  return {
    pathspec:
      layout.kind === 'file'
        ? `:(glob)${layout.proposalsRoot}/${layout.files ?? '**/*.md'}`
        : `:(glob)${layout.proposalsRoot}/**/${layout.metadataFile}`,
    isMetadataFile:
      layout.kind === 'file'
        ? proposalFileMatcher(layout)
        : (file) => path.posix.basename(file) === layout.metadataFile,
    layout,
    proposalsRoot: layout.proposalsRoot,
    templateDirs: new Set(layout.templateDirs),
    skipDirs: layout.skipDirs.map((dir) => `${layout.proposalsRoot}/${dir}/`),
    keys: {
      number: metadata.keys.number,
      title: metadata.keys.title,
      status: metadata.keys.status,
      stage: metadata.keys.stage,
      latestMilestone: metadata.keys.latestMilestone,
      milestones: metadata.keys.milestones,
    },
    stages: metadata.stages,
    milestonesKey: metadata.keys.milestones,
  };
}

/** The metadata in a version of a metadata file: all of it, or (one-file layout) its front matter. */
function metadataTextOf(spec: HistorySpec, text: string): string {
  return spec.layout.kind === 'file' ? (frontMatterOf(text)?.yaml ?? '') : text;
}

/** A proposal's metadata file (not a template's, not under a skipped directory). */
function isProposalFile(spec: HistorySpec, file: string | null): file is string {
  if (file === null || !spec.isMetadataFile(file)) return false;
  if (!file.startsWith(`${spec.proposalsRoot}/`)) return false;
  if (spec.templateDirs.has(path.posix.dirname(file))) return false;
  return !spec.skipDirs.some((dir) => file.startsWith(dir));
}

interface TrackerState {
  tracks: StoredTrack[];
  /** Metadata file path → track id; kept after a move, so a parallel branch's edit of the old path still lands. */
  pathTrack: Map<string, number>;
}

function emptyState(): TrackerState {
  return { tracks: [], pathTrack: new Map() };
}

/** Run the log over `range`, extend the state with its commits, and settle each track against HEAD. */
async function track(
  repo: GitRepository,
  spec: HistorySpec,
  state: TrackerState,
  range: string,
  git: string,
): Promise<{ tracks: StoredTrack[]; notices: string[] }> {
  // A version larger than `kep lint` parses is left out: the history keeps the values before it.
  const reader = new BlobReader(repo, git, METADATA_LIMITS.maxBytes);
  let commits: RawCommit[];
  let headFiles: Map<string, string>;
  try {
    headFiles = await listTree(repo, repo.head, spec.proposalsRoot, git);
    for (const [file, blob] of headFiles) if (isProposalFile(spec, file)) reader.request(blob);
    commits = await logChanges(repo, {
      range,
      pathspec: spec.pathspec,
      git,
      onBlob: (blob) => reader.request(blob),
    });
  } catch (error) {
    // Close cat-file's input so that its process ends too.
    await reader.done().catch(() => {});
    throw error;
  }
  const texts = await reader.done();
  const fields = new Map<string, TrackedFields | undefined>();
  for (const [blob, text] of texts)
    fields.set(blob, await readTrackedFields(metadataTextOf(spec, text), spec.keys));
  const read = (blob: string | null): TrackedFields | undefined =>
    blob === null ? NO_FIELDS : fields.get(blob);

  for (const commit of commits) applyCommit(spec, state, commit, read);
  settleAgainstHead(spec, state, headFiles, read);
  for (const entry of state.tracks) entry.events.sort((a, b) => a.t - b.t);
  return { tracks: state.tracks, notices: skippedNotices(reader.skipped, commits, headFiles) };
}

/** One line per skipped blob, naming the file and a commit where it was written. */
function skippedNotices(
  skipped: Map<string, number>,
  commits: RawCommit[],
  headFiles: Map<string, string>,
): string[] {
  const where = new Map<string, string>();
  for (const commit of commits) {
    for (const change of commit.changes) {
      if (change.newBlob && change.newPath && skipped.has(change.newBlob) && !where.has(change.newBlob))
        where.set(change.newBlob, `${change.newPath} at commit ${commit.sha.slice(0, 12)}`);
    }
  }
  for (const [file, blob] of headFiles)
    if (skipped.has(blob) && !where.has(blob)) where.set(blob, `${file} at HEAD`);
  const size = (bytes: number) =>
    bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  return [...skipped].map(
    ([blob, bytes]) =>
      `${where.get(blob) ?? `blob ${blob}`}: ${size(bytes)}, over the ${size(METADATA_LIMITS.maxBytes)} limit for metadata; that version is skipped`,
  );
}

function numberOf(spec: HistorySpec, fields: TrackedFields | undefined, file: string): number | null {
  return proposalNumber(spec.layout, keyOf(spec, file), fields?.number ?? undefined);
}

/** The proposal a metadata file stands for: its directory, or (one-file layout) the file itself. */
function keyOf(spec: HistorySpec, file: string): string {
  return spec.layout.kind === 'file' ? file : path.posix.dirname(file);
}

function applyCommit(
  spec: HistorySpec,
  state: TrackerState,
  commit: RawCommit,
  read: (blob: string | null) => TrackedFields | undefined,
): void {
  // Deletions first: an add in the same commit with the same number is a move git did not detect.
  const deletedHere: StoredTrack[] = [];
  const changes: RawChange[] = [];
  for (const change of commit.changes) {
    const from = isProposalFile(spec, change.oldPath) ? change.oldPath : null;
    const to = isProposalFile(spec, change.newPath) ? change.newPath : null;
    if (from === null && to === null) continue;
    if (to === null) {
      const id = state.pathTrack.get(from!);
      const gone = id === undefined ? undefined : state.tracks[id];
      if (gone && gone.file === from) {
        gone.deleted = true;
        deletedHere.push(gone);
      }
      continue;
    }
    changes.push({ ...change, oldPath: from, oldBlob: from === null ? null : change.oldBlob });
  }
  for (const change of changes) {
    const file = change.newPath!;
    const after = read(change.newBlob);
    let entry: StoredTrack | undefined;
    let before: TrackedFields | undefined;
    if (change.oldPath !== null) {
      const id = state.pathTrack.get(change.oldPath) ?? state.pathTrack.get(file);
      entry = id === undefined ? undefined : state.tracks[id];
      before = read(change.oldBlob);
    } else {
      const number = numberOf(spec, after, file);
      entry =
        (number !== null ? deletedHere.find((gone) => gone.number === number) : undefined) ??
        reAdded(state, file, number);
      before = entry?.last ?? NO_FIELDS;
    }
    entry ??= newTrack(spec, state, file);
    if (before === undefined) before = entry.last ?? NO_FIELDS;
    if (after !== undefined) {
      let events = diffFields(spec, before, after, commit);
      if (entry.last) {
        // The same change made again on another branch (two pull requests, or a cherry-pick): the timeline
        // already has it and still holds its value. `git log -- file` hides these by history simplification.
        const last = diffFields(spec, NO_FIELDS, entry.last, commit);
        const held = (field: string, to: string | null) =>
          (last.find((event) => event.field === field)?.to ?? null) === to;
        events = events.filter(
          (event) =>
            !held(event.field, event.to) ||
            !entry!.events.some(
              (seen) => seen.field === event.field && seen.from === event.from && seen.to === event.to,
            ),
        );
      }
      entry.events.push(...events);
      entry.last = after;
      entry.number = numberOf(spec, after, file);
    }
    if (entry.file !== file) {
      entry.file = file;
      const dir = keyOf(spec, file);
      if (entry.dirs[entry.dirs.length - 1] !== dir) entry.dirs.push(dir);
    }
    entry.deleted = false;
    state.pathTrack.set(file, entry.id);
  }
}

/** A file added where a track with the same number lived (re-added, or added on two branches): that track. */
function reAdded(state: TrackerState, file: string, number: number | null): StoredTrack | undefined {
  const id = state.pathTrack.get(file);
  const entry = id === undefined ? undefined : state.tracks[id];
  if (!entry || entry.number !== number) return undefined;
  return entry.deleted || entry.file === file ? entry : undefined;
}

function newTrack(spec: HistorySpec, state: TrackerState, file: string): StoredTrack {
  const entry: StoredTrack = {
    id: state.tracks.length,
    file,
    dirs: [keyOf(spec, file)],
    number: null,
    last: null,
    current: null,
    deleted: false,
    events: [],
  };
  state.tracks.push(entry);
  return entry;
}

function diffFields(
  spec: HistorySpec,
  before: TrackedFields,
  after: TrackedFields,
  commit: RawCommit,
): StoredEvent[] {
  const events: StoredEvent[] = [];
  const add = (field: string, from: string | null, to: string | null) => {
    if (from !== to)
      events.push({ t: commit.commitTime, date: commit.authorDate, commit: commit.sha, field, from, to });
  };
  add(spec.keys.status, before.status, after.status);
  add(spec.keys.stage, before.stage, after.stage);
  add(spec.keys.latestMilestone, before.latestMilestone, after.latestMilestone);
  const stages = new Set([...Object.keys(before.milestones), ...Object.keys(after.milestones)]);
  const ordered = [
    ...spec.stages.filter((stage) => stages.has(stage)),
    ...[...stages].filter((stage) => !spec.stages.includes(stage)).sort(),
  ];
  for (const stage of ordered) {
    add(`${spec.milestonesKey}.${stage}`, before.milestones[stage] ?? null, after.milestones[stage] ?? null);
  }
  return events;
}

/** Where each track is at HEAD and what its fields are there; tracks not in HEAD are removed. */
function settleAgainstHead(
  spec: HistorySpec,
  state: TrackerState,
  headFiles: Map<string, string>,
  read: (blob: string | null) => TrackedFields | undefined,
): void {
  const claimed = new Set<number>();
  for (const entry of state.tracks) {
    entry.deleted = true;
    entry.current = entry.last;
  }
  for (const [file, blob] of headFiles) {
    if (!isProposalFile(spec, file)) continue;
    const id = state.pathTrack.get(file);
    let entry = id === undefined ? undefined : state.tracks[id];
    // Two HEAD files claiming one track (a copy kept on a side branch): the second starts its own.
    if (!entry || claimed.has(entry.id)) {
      entry = newTrack(spec, state, file);
      state.pathTrack.set(file, entry.id);
    }
    claimed.add(entry.id);
    const fields = read(blob);
    entry.deleted = false;
    entry.current = fields ?? entry.last;
    entry.number = numberOf(spec, entry.current ?? undefined, file);
    if (entry.file !== file) {
      entry.file = file;
      const dir = keyOf(spec, file);
      if (entry.dirs[entry.dirs.length - 1] !== dir) entry.dirs.push(dir);
    }
  }
}

function toHistories(spec: HistorySpec, tracks: StoredTrack[]): KepHistory[] {
  const histories = tracks.map(
    (entry): KepHistory => ({
      kep: entry.number,
      proposalId: proposalId(spec.layout, keyOf(spec, entry.file), entry.number),
      path: keyOf(spec, entry.file),
      paths: entry.dirs,
      removed: entry.deleted,
      title: entry.current?.title ?? null,
      current: entry.current ?? NO_FIELDS,
      events: entry.events.map(({ date, commit, field, from, to }) => ({ date, commit, field, from, to })),
    }),
  );
  return histories.sort(
    (a, b) =>
      (a.kep ?? Number.MAX_SAFE_INTEGER) - (b.kep ?? Number.MAX_SAFE_INTEGER) ||
      Number(a.removed) - Number(b.removed) ||
      a.path.localeCompare(b.path),
  );
}

export interface HistoryFilter {
  /** Keep these proposal numbers only. */
  numbers?: number[];
  /**
   * Keep events on or after this date. A date alone (`2024-01-31`) is compared with each event's own
   * calendar date (in the author's offset, as shown); a date-time with the instant.
   */
  since?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a date `filterHistory` understands: `YYYY-MM-DD`, or an ISO 8601 date-time. */
export function isHistoryDate(value: string): boolean {
  if (DATE_ONLY.test(value)) return !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Select proposals and events; with `since`, proposals left with no events are dropped. */
export function filterHistory(histories: KepHistory[], filter: HistoryFilter): KepHistory[] {
  let selected = histories;
  if (filter.numbers && filter.numbers.length > 0) {
    const wanted = new Set(filter.numbers);
    selected = selected.filter((history) => history.kep !== null && wanted.has(history.kep));
  }
  const { since } = filter;
  if (since === undefined) return selected;
  const keep = DATE_ONLY.test(since)
    ? (date: string) => date.slice(0, 10) >= since
    : (date: string) => Date.parse(date) >= Date.parse(since);
  return selected
    .map((history) => ({ ...history, events: history.events.filter((event) => keep(event.date)) }))
    .filter((history) => history.events.length > 0);
}
