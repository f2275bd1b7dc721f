// The HEAD commit of the git work tree holding a directory, read from git's own files without running git:
// a lint whose cache answers must not pay for a process. Anything out of the ordinary (a ref format other than
// loose and packed refs) is "unknown", and the caller asks git itself.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type GitHead =
  /** No git repository holds the directory (or it has no commit yet): there is no history. */
  | { kind: 'none' }
  /** A clone with part of the history only. */
  | { kind: 'shallow'; head?: string }
  | { kind: 'head'; head: string }
  /** Git's files could not be read simply: ask git. */
  | { kind: 'unknown' };

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Read at most this much of one of git's small files (HEAD, a ref, commondir, a .git file). */
const SMALL = 4096;

export function readGitHead(dir: string): GitHead {
  try {
    const found = findGitDir(path.resolve(dir));
    if (!found) return { kind: 'none' };
    const head = resolveHead(found.gitDir, found.commonDir);
    if (existsSync(path.join(found.commonDir, 'shallow')))
      return { kind: 'shallow', ...(typeof head === 'string' ? { head } : {}) };
    if (head === 'unborn') return { kind: 'none' };
    return head === undefined ? { kind: 'unknown' } : { kind: 'head', head };
  } catch {
    return { kind: 'unknown' };
  }
}

/** As git discovers it: the nearest `.git` directory holding a HEAD, or `.git` file naming one, going up. */
function findGitDir(start: string): { gitDir: string; commonDir: string } | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const stat = statSync(dotGit, { throwIfNoEntry: false });
    let gitDir: string | undefined;
    if (stat?.isFile()) {
      const target = /^gitdir: (.+)$/m.exec(readSmall(dotGit))?.[1]?.trim();
      if (target) gitDir = path.resolve(dir, target);
    } else if (stat?.isDirectory() && existsSync(path.join(dotGit, 'HEAD'))) gitDir = dotGit;
    if (gitDir) {
      const common = path.join(gitDir, 'commondir');
      const commonDir = existsSync(common) ? path.resolve(gitDir, readSmall(common).trim()) : gitDir;
      return { gitDir, commonDir };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The commit HEAD names; 'unborn' for a branch with no commit yet; undefined when it cannot be told simply. */
function resolveHead(gitDir: string, commonDir: string): string | 'unborn' | undefined {
  const head = readSmall(path.join(gitDir, 'HEAD')).trim();
  if (SHA.test(head)) return head;
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  // Reftable repositories point HEAD at `refs/heads/.invalid`.
  if (!ref || ref.split('/').includes('..') || ref.endsWith('/.invalid')) return undefined;
  for (const base of [gitDir, commonDir]) {
    const file = path.join(base, ref);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) {
      const sha = readSmall(file).trim();
      return SHA.test(sha) ? sha : undefined;
    }
  }
  const packed = path.join(commonDir, 'packed-refs');
  if (existsSync(packed)) {
    for (const line of readFileSync(packed, 'utf8').split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha && SHA.test(sha)) return sha;
    }
  }
  return 'unborn';
}

function readSmall(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (text.length > SMALL) throw new Error(`${file}: larger than git writes`);
  return text;
}
