// The real git, shelled out to: `rev-parse` to check the repository, one `git log --raw` over every
// metadata file for the changes, and one `git cat-file --batch` fed the blob ids as the log streams in.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { statSync } from 'node:fs';

/** A repository problem the user can fix (not a git repository, a shallow clone, git missing). */
export class HistoryError extends Error {}

export interface GitRepository {
  /** The directory git runs in (the `--repo` directory). */
  cwd: string;
  /** Its path relative to the work-tree top, with a trailing `/` ('' at the top). */
  prefix: string;
  /** The work tree's top directory (where the history comes from). */
  toplevel: string;
  head: string;
}

export interface RawChange {
  /** A, M, D, R, C or T (the letter of git's raw status). */
  status: string;
  oldBlob: string | null;
  newBlob: string | null;
  /** Paths relative to the `--repo` directory; null for the absent side of an add or delete. */
  oldPath: string | null;
  newPath: string | null;
}

export interface RawCommit {
  sha: string;
  /** Committer time, epoch seconds: the order of events. */
  commitTime: number;
  /** Author date, strict ISO 8601 with the author's offset: the date `git log` shows. */
  authorDate: string;
  changes: RawChange[];
}

const NULL_SHA = /^0+$/;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gitMissing(error: NodeJS.ErrnoException, git: string): HistoryError {
  return new HistoryError(
    error.code === 'ENOENT'
      ? `git is not installed or not on PATH (looked for "${git}"); kepkit reads the history with the real git`
      : `cannot run git: ${error.message}`,
  );
}

function run(git: string, cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, { cwd, env: gitEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(gitMissing(error, git)));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** Git's output must not depend on the user's settings: no pager, no localisation, no external diff. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_EXTERNAL_DIFF: '' };
}

/** Check that `dir` is inside a git work tree with a complete (non-shallow) history and a HEAD commit. */
export async function openRepository(dir: string, git = 'git'): Promise<GitRepository> {
  // spawn() reports a missing working directory as ENOENT, the same as a missing git.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new HistoryError(`${dir}: not a directory`);
  const probe = await run(git, dir, [
    'rev-parse',
    '--is-inside-work-tree',
    '--is-shallow-repository',
    '--show-prefix',
    '--show-toplevel',
  ]);
  if (probe.code !== 0) {
    const detail = probe.stderr.trim().split('\n').pop() ?? '';
    throw new HistoryError(
      `${dir}: not a git repository${detail ? ` (${detail.replace(/^fatal: /, '')})` : ''}`,
    );
  }
  const [inside, shallow, prefix = '', toplevel = dir] = probe.stdout.split('\n');
  if (inside !== 'true') throw new HistoryError(`${dir}: not inside a git work tree`);
  if (shallow === 'true')
    throw new HistoryError(
      `${dir}: a shallow clone has only part of the history; run \`git fetch --unshallow\` first`,
    );
  const head = await run(git, dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.code !== 0) throw new HistoryError(`${dir}: the repository has no commits yet`);
  return { cwd: dir, prefix, toplevel, head: head.stdout.trim() };
}

/** Whether `ancestor` is an ancestor of (or equal to) `descendant`. */
export async function isAncestor(repo: GitRepository, ancestor: string, descendant: string, git = 'git') {
  const result = await run(git, repo.cwd, ['merge-base', '--is-ancestor', ancestor, descendant]);
  return result.code === 0;
}

/** The blobs of the files under the directory `under` at `commit`: path (relative to the repo dir) → blob id. */
export async function listTree(
  repo: GitRepository,
  commit: string,
  under: string,
  git = 'git',
): Promise<Map<string, string>> {
  const result = await run(git, repo.cwd, ['ls-tree', '-r', '-z', '--full-name', commit, '--', under]);
  if (result.code !== 0) throw new HistoryError(`git ls-tree failed: ${result.stderr.trim()}`);
  const files = new Map<string, string>();
  for (const entry of result.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [, type, blob] = entry.slice(0, tab).split(' ');
    const relative = stripPrefix(repo, entry.slice(tab + 1));
    if (type === 'blob' && blob && relative !== null) files.set(relative, blob);
  }
  return files;
}

function stripPrefix(repo: GitRepository, file: string): string | null {
  if (!repo.prefix) return file;
  return file.startsWith(repo.prefix) ? file.slice(repo.prefix.length) : null;
}

/**
 * Stream `git log --raw` over the files matching `pathspec`, oldest first, non-merge commits only (what
 * `git log -p` shows a diff for), with rename detection so that a moved file keeps its identity. Each
 * blob id the log names is handed to `onBlob` as soon as it is parsed, so that its contents can be fetched
 * while the log is still running.
 */
export async function logChanges(
  repo: GitRepository,
  options: { range: string; pathspec: string; onBlob(blob: string): void; git?: string },
): Promise<RawCommit[]> {
  const git = options.git ?? 'git';
  const args = [
    '-c',
    'core.quotePath=false',
    '-c',
    'diff.renameLimit=0',
    'log',
    '--reverse',
    '--date-order',
    '--no-merges',
    '--raw',
    '-z',
    '--no-abbrev',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    '--format=%H %ct %aI',
    options.range,
    '--',
    options.pathspec,
  ];
  const child = spawn(git, args, { cwd: repo.cwd, env: gitEnv() });
  const commits: RawCommit[] = [];
  const errors: Buffer[] = [];
  let pending = '';
  let commit: RawCommit | undefined;
  // A raw entry is `:meta\0path\0` (or `\0old\0new\0` for renames and copies): a small state machine.
  let meta: string[] | undefined;
  let paths: string[] = [];
  const take = (token: string) => {
    if (meta) {
      paths.push(token);
      const status = meta[4]![0]!;
      if (paths.length < (status === 'R' || status === 'C' ? 2 : 1)) return;
      const oldBlob = NULL_SHA.test(meta[2]!) ? null : meta[2]!;
      const newBlob = NULL_SHA.test(meta[3]!) ? null : meta[3]!;
      const oldPath = status === 'A' ? null : stripPrefix(repo, paths[0]!);
      const newPath = status === 'D' ? null : stripPrefix(repo, paths[paths.length - 1]!);
      if (oldBlob) options.onBlob(oldBlob);
      if (newBlob) options.onBlob(newBlob);
      commit?.changes.push({ status, oldBlob, newBlob, oldPath, newPath });
      meta = undefined;
      paths = [];
      return;
    }
    const text = token.startsWith('\n') ? token.slice(1) : token;
    if (text.startsWith(':')) {
      meta = text.slice(1).split(' ');
      return;
    }
    if (text === '') return;
    const [sha, time, date] = text.split(' ');
    commit = { sha: sha!, commitTime: Number(time), authorDate: date!, changes: [] };
    commits.push(commit);
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const tokens = (pending + chunk).split('\0');
    pending = tokens.pop() ?? '';
    for (const token of tokens) take(token);
  });
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(gitMissing(error, git)));
    child.on('close', resolve);
  });
  if (pending) take(pending);
  if (code !== 0) throw new HistoryError(`git log failed: ${Buffer.concat(errors).toString('utf8').trim()}`);
  return commits;
}

/**
 * The object each `<rev>:<path>` names, in order, by one `git cat-file --batch-check`; null where there is none
 * (the path did not exist at that commit).
 */
export async function resolveObjects(
  repo: GitRepository,
  specs: readonly string[],
  git = 'git',
): Promise<(string | null)[]> {
  if (specs.length === 0) return [];
  const child = spawn(git, ['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'], {
    cwd: repo.cwd,
    env: gitEnv(),
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.on('error', () => {});
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(gitMissing(error, git)));
    child.on('close', resolve);
    child.stdin.end(specs.map((spec) => `${spec}\n`).join(''));
  });
  if (code !== 0)
    throw new HistoryError(`git cat-file failed: ${Buffer.concat(err).toString('utf8').trim()}`);
  // Each line is `<id> blob`, or `<spec> missing` (a spec may hold spaces: only the last word is looked at).
  const lines = Buffer.concat(out).toString('utf8').split('\n');
  return specs.map((_spec, index) => {
    const line = lines[index] ?? '';
    return line.endsWith(' blob') ? line.slice(0, line.indexOf(' ')) : null;
  });
}

/**
 * One `git cat-file --batch` process: `request` queues a blob id, `done` closes the input and resolves
 * with every requested blob's text (a missing object is left out). A blob over `maxBytes` is left out
 * too, and its size noted in `skipped`: its bytes are dropped as they stream in, never held.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly requested = new Set<string>();
  private readonly blobs = new Map<string, string>();
  /** Blob id → size of the blobs left out for their size. */
  readonly skipped = new Map<string, number>();
  private readonly finished: Promise<void>;
  /** The start of a header line that a chunk cut off. */
  private header: Buffer[] = [];
  /** The blob being received: its bytes (none when skipped) and how many of them, and of its final LF, came. */
  private current: { blob: string; size: number; bytes: Buffer | undefined; received: number } | undefined;

  constructor(
    repo: Pick<GitRepository, 'cwd'>,
    git = 'git',
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.child = spawn(git, ['cat-file', '--batch', '--buffer'], { cwd: repo.cwd, env: gitEnv() });
    const errors: Buffer[] = [];
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    // An EPIPE when git exits early surfaces as the close code below.
    this.child.stdin.on('error', () => {});
    this.finished = new Promise((resolve, reject) => {
      this.child.on('error', (error) => reject(gitMissing(error, git)));
      this.child.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(new HistoryError(`git cat-file failed: ${Buffer.concat(errors).toString('utf8').trim()}`)),
      );
    });
    // Keep an unhandled rejection from escaping before done() is awaited.
    this.finished.catch(() => {});
  }

  request(blob: string): void {
    if (this.requested.has(blob)) return;
    this.requested.add(blob);
    this.child.stdin.write(`${blob}\n`);
  }

  async done(): Promise<Map<string, string>> {
    this.child.stdin.end();
    await this.finished;
    return this.blobs;
  }

  /** Each chunk is looked at once: a blob's bytes go straight into a buffer of the size its header gives. */
  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const current = this.current;
      if (current) {
        // The contents, then the LF that ends every entry.
        const take = Math.min(chunk.length - at, current.size + 1 - current.received);
        if (current.bytes && current.received < current.size) {
          chunk.copy(
            current.bytes,
            current.received,
            at,
            at + Math.min(take, current.size - current.received),
          );
        }
        current.received += take;
        at += take;
        if (current.received === current.size + 1) {
          if (current.bytes) this.blobs.set(current.blob, current.bytes.toString('utf8'));
          this.current = undefined;
        }
        continue;
      }
      const newline = chunk.indexOf(10, at);
      if (newline === -1) {
        this.header.push(chunk.subarray(at));
        return;
      }
      this.header.push(chunk.subarray(at, newline));
      const header = Buffer.concat(this.header).toString('latin1').split(' ');
      this.header = [];
      at = newline + 1;
      // `<id> missing`, or `<id> <type> <size>` followed by the contents.
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      const skip = size > this.maxBytes;
      if (skip) this.skipped.set(header[0]!, size);
      this.current = {
        blob: header[0]!,
        size,
        bytes: skip ? undefined : Buffer.allocUnsafe(size),
        received: 0,
      };
    }
  }
}
