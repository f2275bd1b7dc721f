// The files that changed since a base revision, from git: `kep lint --changed`. Git runs with argument arrays
// (never a shell), its output is bounded, and the paths it prints are repository text (the caller escapes them).
import { spawnSync } from 'node:child_process';
import { LoadError } from './errors.js';

/** A problem with the repository or the base the user can fix (no base found, a shallow clone, git missing). */
export class ChangedFilesError extends LoadError {}

export interface ChangedFiles {
  /** The ref the base was taken from (given, or found by the default chain). */
  ref: string;
  /** The merge base of the ref and HEAD: the commit the changes are counted from. */
  base: string;
  /**
   * Paths relative to the repository directory, below it: changed, added, deleted (a rename is both of its
   * paths) since the base, in the index or the working tree, and untracked files git does not ignore.
   */
  paths: string[];
}

export interface ChangedFilesOptions {
  /** `--base REF`; absent: `origin/$GITHUB_BASE_REF` when that is set, else `origin/HEAD`, `main`, `master`. */
  ref?: string;
  /** The environment to read GITHUB_BASE_REF from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  git?: string;
}

/** Git's output is bounded: a diff listing more than this is not a pull request kepkit can reason about. */
const MAX_OUTPUT = 64 * 1024 * 1024;

/** The refs tried, in order, when no `--base` is given. */
export function defaultBaseRefs(env: NodeJS.ProcessEnv = process.env): string[] {
  const githubBase = env.GITHUB_BASE_REF;
  return githubBase ? [`origin/${githubBase}`] : ['origin/HEAD', 'main', 'master'];
}

/** What changed in the work tree holding `dir` since its merge base with the base ref. */
export function changedFiles(dir: string, options: ChangedFilesOptions = {}): ChangedFiles {
  const git = (args: string[]) => runGit(options.git ?? 'git', dir, args);
  if (options.ref !== undefined && (options.ref.startsWith('-') || options.ref.includes('\0')))
    throw new ChangedFilesError(`--base ${options.ref}: not a git revision`);
  // One process for three questions: a work tree? shallow? a HEAD commit? (fails on an unborn HEAD).
  const probe = git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', 'HEAD^{commit}']);
  const [inside, shallowLine] = probe.stdout.split('\n');
  if (inside !== 'true')
    throw new ChangedFilesError(`${dir}: --changed needs a git work tree (${firstLine(probe.stderr)})`);
  if (probe.status !== 0)
    throw new ChangedFilesError(`${dir}: --changed needs a commit to compare with; HEAD has none yet`);
  const shallow = shallowLine === 'true';
  const fetchAll =
    'the clone is shallow: fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)';

  const candidates = options.ref !== undefined ? [options.ref] : defaultBaseRefs(options.env);
  // `git merge-base` exits 1 when the ref exists but no common commit is known, 128 when there is no such ref.
  let ref: string | undefined;
  let mergeBase: ReturnType<typeof git> | undefined;
  for (const candidate of candidates) {
    mergeBase = git(['merge-base', candidate, 'HEAD']);
    if (mergeBase.status === 0 || mergeBase.status === 1) {
      ref = candidate;
      break;
    }
  }
  if (ref === undefined || mergeBase === undefined) {
    const tried = candidates.join(', ');
    throw new ChangedFilesError(
      options.ref !== undefined
        ? `--base ${options.ref}: no such revision in ${dir}${shallow ? `; ${fetchAll}` : ''}`
        : `--changed: no base revision found (tried ${tried}); give one with --base REF${shallow ? `, and ${fetchAll}` : ''}`,
    );
  }
  if (mergeBase.status !== 0) {
    throw new ChangedFilesError(
      shallow
        ? `--changed: the merge base of ${ref} and HEAD is not in this clone; ${fetchAll}`
        : `--changed: ${ref} and HEAD have no common history (git merge-base found none)`,
    );
  }
  const base = mergeBase.stdout.trim();
  // `--relative`: paths below this directory, relative to it (the repository may be a folder of the work tree).
  // `--no-renames`: a rename is a deletion and an addition, and both paths count.
  const diff = git(['diff', '--name-only', '--no-renames', '--relative', '-z', base, '--']);
  if (diff.status !== 0) throw new ChangedFilesError(`git diff ${base}: ${firstLine(diff.stderr)}`);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  if (untracked.status !== 0) throw new ChangedFilesError(`git ls-files: ${firstLine(untracked.stderr)}`);
  const paths = new Set([...splitNul(diff.stdout), ...splitNul(untracked.stdout)]);
  return { ref, base, paths: [...paths].sort() };
}

function splitNul(text: string): string[] {
  return text.split('\0').filter((entry) => entry !== '');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function runGit(
  git: string,
  cwd: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(git, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
    // No pager, no prompts, the same messages whatever the user's locale; core.quotePath does not apply to -z.
    env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new ChangedFilesError(
      code === 'ENOENT'
        ? `--changed needs git (${git} was not found)`
        : `git ${args[0]}: ${result.error.message}`,
    );
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
