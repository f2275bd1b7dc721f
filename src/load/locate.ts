import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareMilestones, parseMilestone } from '../model/milestone.js';
import type { ProcessProfile } from '../model/profile.js';
import { LoadError } from './errors.js';
import { readBytes } from './files.js';
import { metadataPathOf } from './layout.js';
import type { RepositoryLayout } from './walk.js';

/** The first candidate that exists, resolved against the repo root; an explicit path must exist. */
export function locate(root: string, explicit: string | undefined, candidates: string[]): string | undefined {
  if (explicit) {
    const absolute = path.resolve(explicit);
    if (!existsSync(absolute)) throw new LoadError(`${explicit}: file not found`);
    return absolute;
  }
  for (const candidate of candidates) {
    const absolute = path.resolve(root, candidate);
    if (existsSync(absolute)) return absolute;
  }
  return undefined;
}

/** Where the shared inputs are, and notes about the ones that are missing: without parsing any of them. */
export function locateInputs(
  root: string,
  profile: ProcessProfile,
  explicit: { groupsFile?: string; ownersAliasesFile?: string },
): { groupsFile?: string; ownersAliasesFile?: string; notices: string[] } {
  const notices: string[] = [];
  // Groups the profile lists itself need no file (unless the user names one).
  const listed = profile.groups.names !== undefined || profile.groups.fromDirectories === true;
  const candidates = listed && !explicit.groupsFile ? [] : profile.groups.candidates;
  const groupsFile = locate(root, explicit.groupsFile, candidates);
  // A process without groups (no candidates) has nothing to look for.
  if (!groupsFile && (candidates.length > 0 || explicit.groupsFile)) {
    notices.push(
      `no groups file found (looked for ${profile.groups.candidates.join(', ')}); group checks skipped — pass --groups FILE`,
    );
  }
  const ownersAliasesFile = profile.prr
    ? locate(root, explicit.ownersAliasesFile, profile.prr.ownersAliasesCandidates)
    : undefined;
  if (profile.prr && !ownersAliasesFile) {
    notices.push('no OWNERS_ALIASES found; PRR approver checks skipped — pass --owners-aliases FILE');
  }
  return { groupsFile, ownersAliasesFile, notices };
}

/**
 * The highest latest-milestone, found with a quick text scan of the metadata files so that it is known
 * before any proposal is checked (time-dependent rules need it).
 */
export function scanLatestRelease(
  root: string,
  layout: RepositoryLayout,
  profile: ProcessProfile,
): string | undefined {
  const key = profile.metadata.keys.latestMilestone;
  if (key === '') return undefined;
  const pattern = new RegExp(`^${key}:\\s*["']?(v?\\d+\\.\\d+)["']?\\s*(?:#.*)?$`, 'm');
  let best: string | undefined;
  for (const dir of layout.proposalDirs) {
    if (profile.layout.templateDirs.includes(dir)) continue;
    const read = readBytes(root, metadataPathOf(profile.layout, dir));
    if (!read.ok) continue;
    const text = read.bytes.toString('utf8');
    const found = pattern.exec(text)?.[1];
    if (found && parseMilestone(found) && (!best || compareMilestones(found, best) > 0)) best = found;
  }
  return best;
}
