// Which proposals a run with PATH arguments reports on. A path names a proposal when it is (or is inside, or
// holds) the proposal's key; a file that a proposal reads from elsewhere (its approval file under the PRR
// directory) names that proposal; a shared input (the template, the groups list, the approvers list, the
// config) names every proposal. A path that names none is an error: a CI job must not pass on nothing.
import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LoadError } from '../load/errors.js';
import { nameNumberOf } from '../load/layout.js';
import type { RepositoryLayout } from '../load/walk.js';
import type { ProcessProfile } from '../model/index.js';

/** PATH arguments that name no proposal (nor an orphan README or unreadable entry that the run reports). */
export class UnmatchedPathsError extends LoadError {
  constructor(readonly paths: string[]) {
    super(
      `${paths.join(', ')}: ${paths.length === 1 ? 'names' : 'name'} no proposal (nothing to check); give a proposal's directory or file, its approval file, or no path for the whole repository`,
    );
  }
}

/** Whether a repo-relative path is the prefix path or below it (`''` and `.` hold everything). */
export const isWithin = (candidate: string, prefix: string): boolean =>
  prefix === '' || prefix === '.' || candidate === prefix || candidate.startsWith(`${prefix}/`);

/**
 * What to do with a path that names no proposal: `error` (a CI job must not pass on nothing), or `skip` it
 * (a changed-files run, a pre-commit hook: they pass every file that changed, a `.go` file or a deleted KEP).
 */
export type UnmatchedPaths = 'error' | 'skip';

/**
 * The proposal keys that the paths select, in walk order, and whether that is everything (no paths, or a
 * shared input: the repository-level findings are then all reported too); every path must select something
 * unless `unmatched` is `skip` (those paths are then listed in `skipped`).
 * `sharedInputs` are the repo-relative files that every proposal's findings depend on.
 */
export function selectProposals(
  root: string,
  layout: RepositoryLayout,
  profile: ProcessProfile,
  paths: readonly string[] | undefined,
  sharedInputs: readonly string[],
  unmatched: UnmatchedPaths = 'error',
): { dirs: string[]; everything: boolean; skipped: string[] } {
  if (!paths || paths.length === 0) return { dirs: layout.proposalDirs, everything: true, skipped: [] };
  let everything = false;
  const chosen = new Set<string>();
  const unmatchedPaths: string[] = [];
  const approvalNumbers = approvalFileNumbers(root, profile);
  for (const raw of paths) {
    const selected = raw.replace(/\/+$/, '');
    if (sharedInputs.some((input) => isWithin(input, selected))) {
      everything = true;
      continue;
    }
    let found = false;
    for (const dir of layout.proposalDirs) {
      if (isWithin(dir, selected) || isWithin(selected, dir)) {
        chosen.add(dir);
        found = true;
      }
    }
    const numbers = approvalNumbers(selected);
    if (numbers) {
      for (const dir of layout.proposalDirs) {
        const number = nameNumberOf(profile.layout, dir);
        if (number !== null && numbers.has(number)) {
          chosen.add(dir);
          found = true;
        }
      }
    }
    found ||=
      layout.orphanReadmes.some((file) => isWithin(file, selected)) ||
      layout.problems.some((problem) => isWithin(problem.path, selected) || isWithin(selected, problem.path));
    if (!found) unmatchedPaths.push(raw);
  }
  if (unmatchedPaths.length > 0 && unmatched === 'error') throw new UnmatchedPathsError(unmatchedPaths);
  const skipped = unmatchedPaths;
  if (everything) return { dirs: layout.proposalDirs, everything, skipped };
  return { dirs: layout.proposalDirs.filter((dir) => chosen.has(dir)), everything, skipped };
}

/** For a path under the approval directory: the proposal numbers of the approval files it is or holds. */
function approvalFileNumbers(
  root: string,
  profile: ProcessProfile,
): (selected: string) => Set<number> | undefined {
  const { prrDir } = profile.layout;
  if (!prrDir) return () => undefined;
  // `{owningGroup}/{number}.yaml`: the number is read from a file name as the pattern places it.
  const fileName = path.posix.basename(profile.prr?.path ?? '{owningGroup}/{number}.yaml');
  const [before = '', after = ''] = fileName.split('{number}');
  const numberOf = (name: string): number | undefined => {
    if (!name.startsWith(before) || !name.endsWith(after)) return undefined;
    const digits = name.slice(before.length, name.length - after.length);
    return /^\d+$/.test(digits) ? Number(digits) : undefined;
  };
  return (selected) => {
    // Only plain paths below the approval directory: `keps/prod-readiness/../..` is not below it.
    if (!isWithin(selected, prrDir) || selected.split('/').includes('..') || !fileName.includes('{number}'))
      return undefined;
    const numbers = new Set<number>();
    for (const file of filesUnder(path.join(root, selected), 3)) {
      const number = numberOf(path.basename(file));
      if (number !== undefined) numbers.add(number);
    }
    return numbers;
  };
}

/** A file, or the files below a directory to a depth (links not followed: the walk does not follow them). */
function filesUnder(absolute: string, depth: number): string[] {
  let entries: Dirent[];
  try {
    if (!lstatSync(absolute).isDirectory()) return [absolute];
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    // A deleted approval file (a changed-files run) still names its proposal.
    return [absolute];
  }
  if (depth === 0) return [];
  return entries.flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(absolute, entry.name), depth - 1)
      : entry.isFile()
        ? [path.join(absolute, entry.name)]
        : [],
  );
}
