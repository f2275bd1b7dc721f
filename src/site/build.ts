// `kep build-site`'s writer: every page of the routes table as a file, incrementally. A manifest in the output
// directory records, for each file kepkit wrote, the hash of what the page was made from and of the bytes
// written; the next build renders only the pages whose inputs changed, writes only files whose bytes changed,
// and removes the files of pages that are gone (only files the manifest lists, and only while they still hold
// the bytes kepkit wrote: a file a user put there or edited is never deleted).
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { profileFingerprint } from '../lint/inputs.js';
import { writeFileAtomic } from '../load/atomic-write.js';
import { buildHash } from '../load/cache.js';
import { hashBytes, isInside } from '../load/files.js';
import { readFingerprinted } from '../load/fingerprint.js';
import { locateInputs } from '../load/locate.js';
import type { Proposal } from '../model/index.js';
import { releaseTarget } from '../query/release/release.js';
import { proposalJsonPath } from './api.js';
import { proposalImages } from './assets.js';
import { resolveSitePath, sitePaths } from './routes.js';
import type { Site } from './site.js';
import { proposalPath, releasePath } from './urls.js';

/** The manifest's name in the output directory (a dot file: static hosts and `git add` usually skip it). */
export const SITE_MANIFEST = '.kepkit-site.json';
const MANIFEST_FORMAT = 'kepkit-site-manifest/1';
/** A manifest larger than this is not one kepkit wrote (a site of 100,000 pages stays far below). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

interface ManifestEntry {
  /** Hash of the page's inputs (site-wide key and the proposals it shows). */
  input: string;
  /** sha1 of the bytes written, and their length. */
  output: string;
  size: number;
}

interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** Output file (relative to the output directory, `/`-separated) → what it was made from and holds. */
  files: Record<string, ManifestEntry>;
}

export interface SiteBuildResult {
  /** Files written (new or changed bytes). */
  written: number;
  /** Pages whose inputs had not changed: neither rendered nor written. */
  skipped: number;
  /** Pages rendered again whose bytes came out the same: not written. */
  unchanged: number;
  /** Files of earlier builds whose pages are gone, removed. */
  removed: string[];
  /** Files of earlier builds kept because they no longer hold what kepkit wrote (someone edited them). */
  keptEdited: string[];
  /** Whether a manifest of an earlier build was found (else every page was rendered). */
  incremental: boolean;
}

export class SiteBuildError extends Error {}

/** The output file of a page path below the base: a directory's page is its `index.html`. */
export function siteFileOf(sitePath: string): string {
  const segments = sitePath
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  return [...segments, ...(sitePath === '' || sitePath.endsWith('/') ? ['index.html'] : [])].join('/');
}

/**
 * Write every page of the site into `out`. Pages are rendered and written one by one (no page body outlives its
 * write), so memory stays that of the loaded site. Throws SiteBuildError when a page would land outside `out`.
 */
export function writeSite(site: Site, out: string): SiteBuildResult {
  mkdirSync(out, { recursive: true });
  const previous = readManifest(out);
  const inputOf = pageInputs(site);
  const files: Record<string, ManifestEntry> = {};
  const result: SiteBuildResult = {
    written: 0,
    skipped: 0,
    unchanged: 0,
    removed: [],
    keptEdited: [],
    incremental: previous !== undefined,
  };
  for (const sitePath of sitePaths(site)) {
    const relative = siteFileOf(sitePath);
    const file = path.join(out, ...relative.split('/'));
    // A proposal id is a directory name from the repository: its page must still land inside the output.
    if (relative === SITE_MANIFEST || !isInside(out, file) || relative.split('/').includes('..'))
      throw new SiteBuildError(`${sitePath}: would be written outside ${out}; not written`);
    if (files[relative]) continue;
    const input = inputOf(sitePath);
    const before = previous?.files[relative];
    if (before && input !== undefined && before.input === input && holdsSize(file, before.size)) {
      files[relative] = before;
      result.skipped++;
      continue;
    }
    const page = resolveSitePath(site, sitePath);
    if (!page) continue;
    const bytes = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
    const output = hashBytes(bytes);
    // Pages without a known input hash (images: the file itself) still skip the write when nothing changed.
    files[relative] = { input: input ?? output, output, size: bytes.length };
    if (before && before.output === output && holdsSize(file, bytes.length)) {
      result.unchanged++;
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, bytes, { within: out });
    result.written++;
  }
  for (const [relative, entry] of Object.entries(previous?.files ?? {})) {
    if (files[relative]) continue;
    const removal = removeIfOurs(out, relative, entry);
    if (removal === 'removed') result.removed.push(relative);
    else if (removal === 'edited') result.keptEdited.push(relative);
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, files };
  writeFileAtomic(path.join(out, SITE_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, { within: out });
  return result;
}

function holdsSize(file: string, size: number): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.size === size;
  } catch {
    return false;
  }
}

/** The manifest of an earlier build, or undefined when there is none or it is not one kepkit wrote. */
function readManifest(out: string): Manifest | undefined {
  const file = path.join(out, SITE_MANIFEST);
  let text: string;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { format, files } = value as { format?: unknown; files?: unknown };
  if (format !== MANIFEST_FORMAT || typeof files !== 'object' || files === null) return undefined;
  const valid: Record<string, ManifestEntry> = {};
  for (const [relative, entry] of Object.entries(files)) {
    const { input, output, size } = (entry ?? {}) as Partial<ManifestEntry>;
    if (typeof input === 'string' && typeof output === 'string' && Number.isSafeInteger(size))
      valid[relative] = { input, output, size: size! };
  }
  return { format, files: valid };
}

/**
 * Remove a file an earlier build wrote, when it still holds those bytes; then its directories that became
 * empty, up to the output directory. A manifest entry that points outside the output (a hand-edited
 * manifest, a symbolic link on the way) is ignored.
 */
function removeIfOurs(out: string, relative: string, entry: ManifestEntry): 'removed' | 'edited' | 'absent' {
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return 'absent';
  const file = path.join(out, ...segments);
  if (!isInside(out, file)) return 'absent';
  let realDir: string;
  try {
    realDir = path.resolve(path.dirname(file));
    const realOut = path.resolve(out);
    // Every directory on the way must be a real directory inside the output, not a link elsewhere.
    for (let dir = realDir; dir !== realOut; dir = path.dirname(dir)) {
      if (!isInside(realOut, dir) || !lstatSync(dir).isDirectory()) return 'absent';
    }
    const stat = lstatSync(file);
    if (!stat.isFile()) return 'absent';
  } catch {
    return 'absent';
  }
  const read = readFingerprinted(file);
  if (!read) return 'absent';
  if (hashBytes(read.bytes) !== entry.output) return 'edited';
  unlinkSync(file);
  for (let dir = realDir; dir !== path.resolve(out) && isInside(out, dir); dir = path.dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    } catch {
      break;
    }
  }
  return 'removed';
}

/**
 * Each page's input hash, from the site as loaded: a proposal's pages (its page, its JSON) hash the site-wide
 * inputs and the proposal (its files, findings, history); a release's page hashes the proposals it reports
 * on; every other page — the list, the JSON list, whatever pages the routes table gains — hashes every
 * proposal, so it is rendered again whenever anything changed. Images: undefined (read every time).
 */
function pageInputs(site: Site): (sitePath: string) => string | undefined {
  const siteKey = siteWideKey(site);
  const proposalKeys = new Map(site.proposals.map((proposal) => [proposal.dir, proposalKey(site, proposal)]));
  const combine = (kind: string, proposals: readonly Proposal[], extra: unknown = null) =>
    hashBytes(
      JSON.stringify([kind, siteKey, extra, proposals.map((proposal) => proposalKeys.get(proposal.dir))]),
    );
  const byPath = new Map<string, () => string | undefined>();
  const images = new Set<string>();
  for (const proposal of site.proposals) {
    const key = () => combine('proposal', [proposal]);
    byPath.set(proposalPath(proposal), key);
    byPath.set(proposalJsonPath(proposal), key);
    for (const image of proposalImages(site, proposal).values()) images.add(image);
  }
  const { stages } = site.facts.profile.metadata;
  for (const release of site.releases)
    byPath.set(releasePath(release), () =>
      combine(
        'release',
        site.proposals.filter((proposal) => releaseTarget(proposal.metadata, release, stages)),
        release,
      ),
    );
  let everything: string | undefined;
  const all = () => {
    everything ??= combine('all', site.proposals, [site.repositoryFindings, site.history?.head ?? null]);
    return everything;
  };
  return (sitePath) => (images.has(sitePath) ? undefined : (byPath.get(sitePath) ?? all)());
}

/**
 * What every page depends on besides the proposals: kepkit's build, the profile, the config and rule
 * settings, the options of the site, the shared input files (template, groups, approvers, skip list), the
 * releases (every page's navigation links the newest) and which proposals exist (pages link each other by
 * id and number): a change to any of these renders every page again.
 */
function siteWideKey(site: Site): string {
  const { lint } = site.options;
  const located = locateInputs(site.root, lint.profile, lint);
  const shared = [
    lint.profile.template,
    lint.profile.templateMetadata,
    lint.profile.toc?.skipListFile,
    'kep.config.json',
  ]
    .filter((file): file is string => file !== undefined)
    .map((file) => path.join(site.root, file))
    .concat([located.groupsFile, located.ownersAliasesFile].filter((file) => file !== undefined))
    .map((file) => {
      const read = readFingerprinted(file);
      return [path.relative(site.root, file), read ? hashBytes(read.bytes) : null];
    });
  return hashBytes(
    JSON.stringify({
      build: buildHash(),
      profile: profileFingerprint(lint.profile),
      config: lint.configText ?? '',
      rules: lint.rules ?? {},
      release: lint.release ?? null,
      template: lint.template ?? null,
      baseUrl: site.options.baseUrl,
      linkBase: site.options.linkBase ?? null,
      liveReloadScript: site.options.liveReloadScript ?? null,
      shared,
      releases: site.releases,
      proposals: site.proposals.map((proposal) => [proposal.dir, proposal.id, proposal.number]),
    }),
  );
}

/** A proposal's own inputs: its files' hashes, read problems, findings, stage history and images. */
function proposalKey(site: Site, proposal: Proposal): string {
  return hashBytes(
    JSON.stringify([
      proposal.dir,
      proposal.metadataFile?.file.hash ?? null,
      proposal.readme?.file.hash ?? null,
      proposal.prrPath ?? null,
      proposal.prr?.file.file.hash ?? null,
      proposal.problems,
      site.findings.get(proposal.dir) ?? [],
      site.history?.byDir.get(proposal.dir) ?? null,
      [...proposalImages(site, proposal).keys()],
    ]),
  );
}
