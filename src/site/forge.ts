// Where a proposal's files are read on the forge: the repository's web URL (from kep.config.json's
// `site.repository`, else git's `origin` remote), the branch (the config's `site.branch`, else HEAD's branch,
// else `HEAD`, which GitHub and GitLab resolve to the default branch) and the path of the repository root inside
// the git work tree. Read from git's own files, without running git; only http(s) URLs are ever produced.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type ForgeKind = 'github' | 'gitlab' | 'bitbucket' | 'gitea';

export interface Forge {
  kind: ForgeKind;
  /** The repository's web page, `https://github.com/owner/repo`, no trailing slash, no credentials. */
  web: string;
  branch: string;
  /** The repository root's path inside the git work tree (`docs/proposals/`), or '' at its top. */
  prefix: string;
}

/** Hosts whose URL forms are known; another host is a forge only when the config names it (GitHub's form). */
const KNOWN_HOSTS: [RegExp, ForgeKind][] = [
  [/^github\.com$/, 'github'],
  [/^(?:.+\.)?gitlab\.com$|^gitlab\./, 'gitlab'],
  [/^bitbucket\.org$/, 'bitbucket'],
  [/^codeberg\.org$|^gitea\./, 'gitea'],
];

/**
 * A remote or repository URL as its web page: `git@github.com:o/r.git`, `ssh://git@host/o/r`,
 * `https://user:token@github.com/o/r.git` → `https://github.com/o/r`. Undefined for anything else (a local
 * path, `file:`, a URL with a query) — so a credential or a strange scheme never reaches a page.
 */
export function webUrlOf(remote: string): { host: string; web: string } | undefined {
  const text = remote.trim();
  let host: string;
  let repoPath: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)([\w.~/-]+?)(?:\.git)?\/?$/.exec(text);
  if (scp && !text.includes('://')) {
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || url.search || url.hash)
      return undefined;
    host = url.hostname;
    repoPath = url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
    if (url.protocol === 'http:' && (url.port === '' || url.port === '80')) {
      // A plain http forge stays http (an intranet); every other scheme becomes https.
      return validWeb(host, repoPath, 'http');
    }
  }
  return validWeb(host, repoPath, 'https');
}

function validWeb(host: string, repoPath: string, scheme: 'http' | 'https') {
  if (!/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(host) || !host.includes('.')) return undefined;
  const segments = repoPath.split('/');
  if (segments.length < 2 || segments.some((s) => !/^[\w.~-]+$/.test(s) || s === '.' || s === '..'))
    return undefined;
  return { host: host.toLowerCase(), web: `${scheme}://${host.toLowerCase()}/${segments.join('/')}` };
}

export function forgeKind(host: string): ForgeKind | undefined {
  return KNOWN_HOSTS.find(([pattern]) => pattern.test(host))?.[1];
}

/** A ref as it may stand in a URL path: a branch name git allows, nothing that climbs or escapes. */
function validBranch(branch: string | undefined): string | undefined {
  if (!branch || branch.length > 200 || !/^[\w./-]+$/.test(branch)) return undefined;
  return branch.split('/').some((s) => s === '' || s === '.' || s === '..') ? undefined : branch;
}

const encodePath = (file: string): string => file.split('/').map(encodeURIComponent).join('/');

/** The web page of a file (repo-relative path) on the forge. */
export function fileUrl(forge: Forge, file: string): string {
  const where = `${encodePath(forge.branch)}/${encodePath(forge.prefix + file)}`;
  switch (forge.kind) {
    case 'gitlab':
      return `${forge.web}/-/blob/${where}`;
    case 'bitbucket':
      return `${forge.web}/src/${where}`;
    case 'gitea':
      return `${forge.web}/src/branch/${where}`;
    default:
      return `${forge.web}/blob/${where}`;
  }
}

/** The web page of a commit on the forge. */
export function commitUrl(forge: Forge, sha: string): string {
  const commit = encodeURIComponent(sha);
  if (forge.kind === 'gitlab') return `${forge.web}/-/commit/${commit}`;
  if (forge.kind === 'bitbucket') return `${forge.web}/commits/${commit}`;
  return `${forge.web}/commit/${commit}`;
}

/** Read at most this much of git's config and HEAD: they are small files, a large one is not git's. */
const SMALL = 64 * 1024;

function readSmall(file: string): string | undefined {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > SMALL) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface GitLocation {
  /** `origin`'s URL as written in the config, if any. */
  remote?: string;
  /** HEAD's branch, when HEAD is on one. */
  branch?: string;
  /** The directory's path in the work tree, '' or ending in `/`. */
  prefix: string;
}

/** The nearest git work tree around `root`, read from `.git` (a directory, or a worktree's `.git` file). */
export function readGitLocation(root: string): GitLocation | undefined {
  const start = path.resolve(root);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const stat = statSync(dotGit, { throwIfNoEntry: false });
    let gitDir: string | undefined;
    if (stat?.isDirectory()) gitDir = dotGit;
    else if (stat?.isFile()) {
      const target = /^gitdir: (.+)$/m.exec(readSmall(dotGit) ?? '')?.[1]?.trim();
      if (target) gitDir = path.resolve(dir, target);
    }
    if (gitDir) {
      const common = readSmall(path.join(gitDir, 'commondir'))?.trim();
      const commonDir = common ? path.resolve(gitDir, common) : gitDir;
      const relative = path.relative(dir, start).split(path.sep).join('/');
      const branch = /^ref: refs\/heads\/(\S+)\s*$/.exec(readSmall(path.join(gitDir, 'HEAD')) ?? '')?.[1];
      return {
        remote: originUrl(readSmall(path.join(commonDir, 'config')) ?? ''),
        branch,
        prefix: relative ? `${relative}/` : '',
      };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The `url` of `[remote "origin"]` in a git config file. */
export function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inOrigin = /^\[remote\s+"origin"\]$/.test(line);
      continue;
    }
    const url = inOrigin ? /^url\s*=\s*(.+)$/.exec(line)?.[1]?.trim() : undefined;
    if (url) return url.replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * The forge of a repository root: the configured repository (any host; an unknown one takes GitHub's URL forms),
 * else git's `origin` when its host is a known forge; undefined when neither gives an http(s) URL.
 */
export function findForge(
  root: string,
  config: { repository?: string; branch?: string } = {},
): Forge | undefined {
  const git = readGitLocation(root);
  const configured = config.repository ? webUrlOf(config.repository) : undefined;
  const fromRemote = !configured && git?.remote ? webUrlOf(git.remote) : undefined;
  const found = configured ?? fromRemote;
  if (!found) return undefined;
  const kind = forgeKind(found.host) ?? (configured ? 'github' : undefined);
  if (!kind) return undefined;
  return {
    kind,
    web: found.web,
    branch: validBranch(config.branch) ?? validBranch(git?.branch) ?? 'HEAD',
    prefix: git?.prefix ?? '',
  };
}
