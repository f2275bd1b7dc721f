// Test helpers: real repositories on disk (copies of corpus KEPs, the example repo) and the built CLI.
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is dist/testing/fixtures.js once built). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const corpusRoot = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements');
export const openshiftRoot = path.resolve(projectRoot, '../shared/corpus/openshift-enhancements');
export const sigsFile = path.resolve(projectRoot, '../shared/corpus/community/sigs.yaml');
export const examplesRoot = path.join(projectRoot, 'examples/enhancements');
export const cliPath = path.join(projectRoot, 'dist/cli/main.js');

export interface TempRepo {
  root: string;
  /** Absolute path of a repo-relative file. */
  file(relative: string): string;
  read(relative: string): string;
  write(relative: string, text: string | Buffer): void;
  /** Replace text in a file; throws when the text is not there, so a test never silently tests nothing. */
  edit(relative: string, from: string | RegExp, to: string): void;
  remove(relative: string): void;
  dispose(): void;
}

/** A temp repo holding copies of the given corpus KEP dirs with their PRR files, OWNERS_ALIASES, the template and sigs.yaml. */
export function corpusRepo(kepDirs: string[], options: { template?: boolean } = {}): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-test-'));
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(corpusRoot, 'OWNERS_ALIASES'), path.join(root, 'OWNERS_ALIASES'));
  cpSync(sigsFile, path.join(root, 'sigs.yaml'));
  if (options.template !== false) {
    cpSync(path.join(corpusRoot, 'keps/NNNN-kep-template'), path.join(root, 'keps/NNNN-kep-template'), {
      recursive: true,
    });
  }
  for (const dir of kepDirs) {
    cpSync(path.join(corpusRoot, dir), path.join(root, dir), { recursive: true });
    const number = /\/(\d+)-[^/]*$/.exec(dir)?.[1];
    const sig = dir.split('/')[1];
    if (!number || !sig) continue;
    for (const candidate of [number, String(Number(number))]) {
      const prr = `keps/prod-readiness/${sig}/${candidate}.yaml`;
      if (existsSync(path.join(corpusRoot, prr))) {
        mkdirSync(path.dirname(path.join(root, prr)), { recursive: true });
        cpSync(path.join(corpusRoot, prr), path.join(root, prr));
      }
    }
  }
  makeWritable(root);
  return tempRepo(root);
}

/**
 * A temp one-file-layout repo in the OpenShift shape: the corpus's guidelines/enhancement_template.md (which the
 * openshift profile detects) and copies of the given enhancement files (paths below the corpus root).
 */
export function openshiftRepo(files: string[]): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-openshift-'));
  mkdirSync(path.join(root, '.git'));
  for (const file of ['guidelines/enhancement_template.md', ...files]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(openshiftRoot, file), path.join(root, file));
  }
  makeWritable(root);
  return tempRepo(root);
}

/** The corpus is read-only (and kepkit refuses to replace a read-only file); a working copy of it is not. */
export function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(child);
    else if (entry.isFile()) chmodSync(child, 0o644);
  }
}

/** A temp copy of the example repo. */
export function exampleRepo(): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-example-'));
  cpSync(examplesRoot, root, { recursive: true });
  if (!existsSync(path.join(root, '.git'))) mkdirSync(path.join(root, '.git'));
  return tempRepo(root);
}

export function tempRepo(root: string): TempRepo {
  const file = (relative: string) => path.join(root, relative);
  return {
    root,
    file,
    read: (relative) => readFileSync(file(relative), 'utf8'),
    write(relative, text) {
      mkdirSync(path.dirname(file(relative)), { recursive: true });
      writeFileSync(file(relative), text);
    },
    edit(relative, from, to) {
      const before = readFileSync(file(relative), 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`edit: ${String(from)} not found in ${relative}`);
      writeFileSync(file(relative), after);
    },
    remove: (relative) => rmSync(file(relative), { recursive: true, force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  /** Standard error without the line that says which profile was detected (see `profileNotice`). */
  stderr: string;
  /** `kep: using the … profile (…)`, when kepkit detected the profile; tests of other output ignore it. */
  profileNotice?: string;
}

const PROFILE_NOTICE = /^kep: using the [a-z0-9-]+ profile \(.*\n/m;

/** Run the built `kep` CLI with a private cache directory. */
export function runKep(args: string[], options: SpawnSyncOptions = {}): CliRun {
  // A cache of its own for each run (removed afterwards), unless the caller shares one between runs.
  const cacheDir = options.env?.KEPKIT_CACHE_DIR
    ? undefined
    : mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
  try {
    const result = spawnSync(process.execPath, [cliPath, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
      ...options,
      env: { ...process.env, ...(cacheDir ? { KEPKIT_CACHE_DIR: cacheDir } : {}), ...(options.env ?? {}) },
    });
    const stderr = String(result.stderr);
    const notice = PROFILE_NOTICE.exec(stderr)?.[0];
    return {
      status: result.status,
      stdout: String(result.stdout),
      stderr: notice ? stderr.replace(notice, '') : stderr,
      ...(notice ? { profileNotice: notice.trimEnd() } : {}),
    };
  } finally {
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** 1-based line of the first line containing `needle`; throws when absent. */
export function lineOf(text: string, needle: string | RegExp): number {
  const index = text
    .split('\n')
    .findIndex((line) => (typeof needle === 'string' ? line.includes(needle) : needle.test(line)));
  if (index === -1) throw new Error(`lineOf: ${String(needle)} not found`);
  return index + 1;
}

/** Run a test body on a fresh corpus copy and always dispose of it (a promise-returning body included). */
export function withCorpusRepo<T>(kepDirs: string[], body: (repo: TempRepo) => T): T {
  return withDisposed(corpusRepo(kepDirs), body);
}

/** Run a test body on a temp repo, then remove it, whether the body throws, returns or resolves. */
export function withDisposed<T>(repo: TempRepo, body: (repo: TempRepo) => T): T {
  let result: T;
  try {
    result = body(repo);
  } catch (error) {
    repo.dispose();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => repo.dispose()) as T;
  repo.dispose();
  return result;
}

/** The skeleton KEP that `ruleTester` cases start from: a small implementable sig-node KEP at alpha, with its PRR file. */
export const SKELETON = {
  dir: 'keps/sig-node/1234-example-feature',
  metadata: 'keps/sig-node/1234-example-feature/kep.yaml',
  readme: 'keps/sig-node/1234-example-feature/README.md',
  prr: 'keps/prod-readiness/sig-node/1234.yaml',
} as const;

const SKELETON_FILES: Record<string, string> = {
  [SKELETON.metadata]: `title: Example feature
kep-number: 1234
authors:
  - "@alice"
owning-sig: sig-node
participating-sigs:
  - sig-apps
status: implementable
creation-date: 2024-01-15
reviewers:
  - "@bob"
approvers:
  - "@carol"
stage: alpha
latest-milestone: "v1.31"
milestone:
  alpha: "v1.31"
feature-gates:
  - name: ExampleFeature
    components:
      - kubelet
disable-supported: true
`,
  [SKELETON.readme]: `# KEP-1234: Example feature

## Summary

The kubelet reports an example.
`,
  [SKELETON.prr]: `kep-number: 1234
alpha:
  approver: "@deads2k"
`,
};

/** The skeleton's text of one of its files (a path without `/` names a file of the skeleton KEP). */
export function skeletonText(file: string): string {
  const text = SKELETON_FILES[file.includes('/') ? file : `${SKELETON.dir}/${file}`];
  if (text === undefined) throw new Error(`skeletonText: the skeleton has no ${file}`);
  return text;
}

/**
 * A temp repo holding the skeleton KEP (SKELETON), the corpus's template directory, OWNERS_ALIASES and sigs.yaml:
 * what a rule test case changes is all it needs to state.
 */
export function skeletonRepo(): TempRepo {
  const repo = corpusRepo([]);
  for (const [file, text] of Object.entries(SKELETON_FILES)) repo.write(file, text);
  return repo;
}

/**
 * Why an unprivileged user (one that is neither owner nor group) cannot run kepkit from this checkout, or
 * undefined when it can: every directory above node, the CLI and the dependencies must be searchable by others,
 * which a clone under a `mktemp -d` parent (mode 700) is not.
 */
export function whyOthersCannotRun(
  targets = [process.execPath, cliPath, path.join(projectRoot, 'node_modules/commander/package.json')],
): string | undefined {
  for (const target of targets) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0)
        return `${dir} is mode ${(mode & 0o777).toString(8)}: other users cannot reach ${target}, so a run as another user cannot start (clone into a world-readable directory to run this test)`;
      if (path.dirname(dir) === dir) break;
    }
    if ((statSync(target).mode & 0o004) === 0) return `${target} is not readable by other users`;
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'only root can run a command as another user';
  return undefined;
}

/** Git as the tests run it: a fixed author, no system or user configuration. */
const TEST_GIT_ENV = {
  GIT_AUTHOR_NAME: 'kepkit test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'kepkit test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Run git in `cwd`; its standard output, or an error naming the command and git's message. */
export function gitIn(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...TEST_GIT_ENV } });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
