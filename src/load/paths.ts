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

// The approval file's path lives apart: the warm query needs it without the OWNERS reader (and the yaml library).
export { prrPathOf } from './prr-path.js';
