import { type Dirent, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ProcessProfile, ReadProblem } from '../model/index.js';
import { LoadError } from './errors.js';
import { describeIoError, readSource, TEMP_FILE_NAME } from './files.js';
import { ignoredBy, proposalFileMatcher } from './layout.js';

export interface RepositoryLayout {
  /** The proposals' keys (repo-relative): directories that hold a metadata file, or proposal files; in walk order. */
  proposalDirs: string[];
  /** Proposals the profile's lint-ignore file names: loaded and listed, never linted. */
  lintIgnored?: Set<string>;
  /** README files in directories without metadata (upstream's "metadata file missing" error). */
  orphanReadmes: string[];
  /** Every file seen under the proposals root, repo-relative. */
  files: Set<string>;
  problems: ReadProblem[];
  /** Every directory the walk read, in walk order (for callers that cache the walk by directory mtimes). */
  dirs?: string[];
}

/**
 * Walk the proposals root as upstream's `filepath.Walk` does (sorted, symlinks not followed): a
 * directory with a metadata file is a proposal, and the walk stops reading that directory at the
 * metadata file; the skip directories are never entered.
 */
export function walkRepository(root: string, profile: ProcessProfile): RepositoryLayout {
  const { proposalsRoot, metadataFile, readmeFile, skipDirs, readmesWithoutMetadata, kind } = profile.layout;
  const isProposalFile = kind === 'file' ? proposalFileMatcher(profile.layout) : undefined;
  const layout: RepositoryLayout = {
    proposalDirs: [],
    orphanReadmes: [],
    files: new Set(),
    problems: [],
    dirs: [],
  };
  const allowedOrphans = new Set(readmesWithoutMetadata);

  const visit = (relativeDir: string): void => {
    layout.dirs!.push(relativeDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, relativeDir), { withFileTypes: true });
    } catch (error) {
      layout.problems.push({
        path: relativeDir,
        rule: 'io/unreadable',
        message: `cannot read directory: ${describeIoError(error)}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const hasMetadata =
      !isProposalFile && entries.some((entry) => entry.name === metadataFile && !entry.isDirectory());
    for (const entry of entries) {
      // An interrupted write's leftover is not part of the repository's content.
      if (TEMP_FILE_NAME.test(entry.name)) continue;
      const relativePath = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipDirs.includes(entry.name)) visit(relativePath);
        continue;
      }
      layout.files.add(relativePath);
      // A one-file layout: every matching file is a proposal, whatever its content.
      if (isProposalFile) {
        if (isProposalFile(relativePath)) layout.proposalDirs.push(relativePath);
        continue;
      }
      if (hasMetadata && entry.name === metadataFile) {
        layout.proposalDirs.push(relativeDir);
        // Upstream returns SkipDir here: the rest of this directory is not walked.
        for (const rest of entries.slice(entries.indexOf(entry) + 1)) {
          if (!rest.isDirectory() && !TEMP_FILE_NAME.test(rest.name))
            layout.files.add(`${relativeDir}/${rest.name}`);
        }
        return;
      }
      if (
        entry.name === readmeFile &&
        !hasMetadata &&
        !allowedOrphans.has(relativePath) &&
        relativeDir !== proposalsRoot
      ) {
        layout.orphanReadmes.push(relativePath);
      }
    }
  };
  // A missing proposals root means the wrong directory, not an unreadable file: a usage error.
  if (!existsSync(path.join(root, proposalsRoot))) {
    throw new LoadError(
      `${path.join(root, proposalsRoot)}: no such directory; is ${root} an enhancements repository? (pass --repo DIR)`,
    );
  }
  visit(proposalsRoot);
  if (profile.layout.lintIgnoreFile) {
    const read = readSource(root, profile.layout.lintIgnoreFile);
    const ignored = ignoredBy(read.ok ? read.file.text.split(/\s+/).filter(Boolean) : []);
    layout.lintIgnored = new Set(layout.proposalDirs.filter(ignored));
  }
  return layout;
}
