// The first step of a lint: everything the run depends on, gathered once — the walk, the proposals selected,
// the rules that run, the shared input files, the current release — and the cache key they make together.
import path from 'node:path';
import { buildHash } from '../load/cache.js';
import { CONFIG_FILE } from '../load/config.js';
import { hashBytes } from '../load/files.js';
import { metadataPathOf } from '../load/layout.js';
import { locateInputs, scanLatestRelease } from '../load/locate.js';
import { type RepositoryLayout, walkRepository } from '../load/walk.js';
import type { ProcessProfile } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import { contextKey, type ReleaseScan } from './cache.js';
import { selectProposals } from './select.js';
import { effectiveSeverity } from './settings.js';
import type { LintOptions } from './types.js';
import { profileData } from './worker-pool.js';

export interface LintInputs {
  layout: RepositoryLayout;
  /** The proposals to report on: selected by the paths, not listed in the profile's ignore file. */
  dirs: string[];
  /** Whether the paths select the whole repository (none given, or a shared input among them). */
  selectsEverything: boolean;
  /** The paths that selected nothing (skipped, as `unmatchedPaths: 'skip'` asks). */
  skippedPaths: string[];
  /** The rules that run (those not switched off). */
  ruleIds: string[];
  /** The options the proposals are checked with: the release filled in from the scan when not given. */
  checkOptions: LintOptions;
  /** The default release found by scanning the metadata (cached by the metadata files' hashes). */
  releaseScan?: ReleaseScan;
  /** The shared input files found (groups, OWNERS_ALIASES), and notes about those that are missing. */
  located: ReturnType<typeof locateInputs>;
}

/** Walk the repository and work out what this run checks and with what. */
export function gatherInputs(
  root: string,
  options: LintOptions,
  hashOf: (file: string) => string | null,
  knownScan: ReleaseScan | undefined,
): LintInputs {
  const layout = walkRepository(root, options.profile);
  const located = locateInputs(root, options.profile, options);
  const shared = [CONFIG_FILE, ...sharedInputs(root, options, located), ...absentInputs(root, options)];
  const selection = selectProposals(
    root,
    layout,
    options.profile,
    options.paths,
    shared,
    options.unmatchedPaths,
  );
  const dirs = selection.dirs.filter((dir) => !layout.lintIgnored?.has(dir));
  const ruleIds = allRules.filter((rule) => effectiveSeverity(rule, options) !== null).map((rule) => rule.id);
  const scan = options.release ? undefined : releaseScan(root, layout, options.profile, hashOf, knownScan);
  return {
    layout,
    dirs,
    selectsEverything: selection.everything,
    skippedPaths: selection.skipped,
    ruleIds,
    checkOptions: { ...options, release: options.release ?? scan?.release },
    ...(scan ? { releaseScan: scan } : {}),
    located,
  };
}

/** The key of every cached result: what, besides a proposal's own files, can change what the rules report. */
export function cacheContext(
  root: string,
  inputs: LintInputs,
  configText: string,
  hashOf: (file: string) => string | null,
  template: string,
): string {
  const options = inputs.checkOptions;
  return contextKey(
    {
      build: buildHash(),
      profile: profileFingerprint(options.profile),
      configText,
      release: options.release ?? '',
      ruleIds: inputs.ruleIds,
      shared: sharedInputs(root, options, inputs.located).map((file) => `${file}=${hashOf(file)}`),
      files: inputs.layout.files,
      template,
    },
    hashBytes,
  );
}

/** Files outside the proposal directories that change what rules report. */
function sharedInputs(root: string, options: LintOptions, located: LintInputs['located']): string[] {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return [
    options.profile.template,
    ...(options.profile.templateMetadata ? [options.profile.templateMetadata] : []),
    ...(options.profile.toc ? [options.profile.toc.skipListFile] : []),
    ...(located.groupsFile ? [relative(located.groupsFile)] : []),
    ...(located.ownersAliasesFile ? [relative(located.ownersAliasesFile)] : []),
  ];
}

/**
 * Inputs that select every proposal though they may not exist: where the groups and approvers lists are looked
 * for, the profile's file and lint-ignore file. A changed-files run names a deleted one, which still changes
 * what every proposal is judged by.
 */
function absentInputs(root: string, options: LintOptions): string[] {
  const { profile } = options;
  const inRepo = (file: string | undefined): string[] => {
    if (file === undefined) return [];
    const relative = path.relative(root, path.resolve(root, file));
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
      ? []
      : [relative.split(path.sep).join('/')];
  };
  return [
    ...profile.groups.candidates,
    ...(profile.prr?.ownersAliasesCandidates ?? []),
    ...inRepo(options.groupsFile),
    ...inRepo(options.ownersAliasesFile),
    ...(profile.layout.lintIgnoreFile ? [profile.layout.lintIgnoreFile] : []),
    ...inRepo(profile.source),
  ];
}

/** The default release (highest latest-milestone), reused from the cache while no metadata file changed. */
function releaseScan(
  root: string,
  layout: RepositoryLayout,
  profile: ProcessProfile,
  hashOf: (file: string) => string | null,
  known: ReleaseScan | undefined,
): ReleaseScan {
  const metadataFiles = layout.proposalDirs
    .filter((dir) => !profile.layout.templateDirs.includes(dir))
    .map((dir) => metadataPathOf(profile.layout, dir));
  const digest = hashBytes(metadataFiles.map((file) => `${file}=${hashOf(file)}`).join('\n'));
  if (known?.digest === digest) return known;
  return { digest, release: scanLatestRelease(root, layout, profile) };
}

const fingerprints = new WeakMap<ProcessProfile, string>();
/** The profile's content, hashed: a change to a user's profile file must not reuse results of the old one. */
export function profileFingerprint(profile: ProcessProfile): string {
  let fingerprint = fingerprints.get(profile);
  if (fingerprint === undefined) {
    const { source: _source, ...data } = profileData(profile);
    fingerprint = hashBytes(JSON.stringify(data));
    fingerprints.set(profile, fingerprint);
  }
  return fingerprint;
}
