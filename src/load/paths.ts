// What rules ask of the repository's files. Whether repo-relative paths exist: answered once per path and
// run, and recorded while a proposal is checked so that the lint cache knows which paths outside the
// proposals' tree a result depends on.
import path from 'node:path';
import type { ProcessProfile, RepositoryFacts } from '../model/index.js';
import { resolveInside } from './files.js';
import { readOwnersFile } from './owners.js';

/**
 * Whether a repo-relative path names a file or directory inside the repository. A path that leaves it, by
 * `..` or through a symbolic link, does not count: links in a pull request must not probe the machine.
 */
export function existsInRepo(root: string, repoPath: string): boolean {
  if (path.isAbsolute(repoPath) || path.normalize(repoPath).split(path.sep)[0] === '..') return false;
  try {
    return resolveInside(root, repoPath) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Complete facts being built with the methods through which rules ask about files: `pathExists` (a file or a
 * directory, remembered for the run) and `ownersFile`.
 */
export function withFileFacts(facts: Omit<RepositoryFacts, 'pathExists' | 'ownersFile'>): RepositoryFacts {
  const complete = facts as RepositoryFacts;
  const known = new Map<string, boolean>();
  const proposalsRoot = facts.profile.layout.proposalsRoot;
  complete.pathExists = (repoPath) => {
    let exists = known.get(repoPath);
    if (exists === undefined) {
      exists = existsInRepo(facts.root, repoPath);
      known.set(repoPath, exists);
    }
    // Paths under the proposals root need no record: the file list there is part of every cache key.
    if (complete.pathChecks && repoPath !== proposalsRoot && !repoPath.startsWith(`${proposalsRoot}/`))
      complete.pathChecks.set(repoPath, exists);
    return exists;
  };
  complete.ownersFile = (file) => readOwnersFile(complete, file);
  return complete;
}

/**
 * Where the approval file of a proposal is (`<prrDir>/<owning group>/<number>.yaml`), if the process has one.
 * Both parts come from the proposal's own text: only plain names may become part of a path (no `..`, no `/`).
 */
export function prrPathOf(
  layout: Pick<ProcessProfile['layout'], 'prrDir'>,
  owningGroup: unknown,
  number: unknown,
  pattern = '{owningGroup}/{number}.yaml',
): string | undefined {
  if (!layout.prrDir || !isPathSegment(owningGroup) || !isPathSegment(number)) return undefined;
  return `${layout.prrDir}/${pattern.replaceAll('{owningGroup}', owningGroup).replaceAll('{number}', number)}`;
}

function isPathSegment(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return /^[\w.-]+$/.test(value) && value !== '.' && value !== '..';
}
