// Building the catalog: the walk, the plain path for metadata files, the full loader for the rest, and
// how entries are stored. Imported by load.ts only when something changed, so that a query answered
// from the cache loads none of it.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { conformsPlainly, withAliases } from '../../load/conforms.js';
import { frontMatterOf, metadataPathOf, proposalId, proposalNumber } from '../../load/layout.js';
import { prrPathOf, withFileFacts } from '../../load/paths.js';
import { METADATA_LIMITS, parsePlainYaml } from '../../load/plain-yaml.js';
import { type RepositoryLayout, walkRepository } from '../../load/walk.js';
import type { ProcessProfile, RepositoryFacts } from '../../model/index.js';
import {
  type CachedEntry,
  type CatalogContext,
  derivedPrrPath,
  Files,
  type Fingerprint,
  type KepEntry,
  type Layout,
  relativeTo,
  SETTLE_MS,
  type StoredEntry,
  type StoredWalk,
} from './catalog.js';
import { type KepMetadataRecord, kepMetadataRecord, metadataRecord } from './record.js';

/** As the loader: larger files take the full loader's path, which reports them. */
const MAX_BYTES = METADATA_LIMITS.maxBytes;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Walk the proposals root, remembering each directory's mtime; none when the walk met a problem. */
export function walkAndRemember(root: string, layout: Layout): StoredWalk & { problems: boolean } {
  const started = Date.now();
  const walk: RepositoryLayout = walkRepository(root, { layout } as ProcessProfile);
  const templates = new Set(layout.templateDirs);
  const proposalDirs = walk.proposalDirs.filter((dir) => !templates.has(dir));
  const stored = {
    dirs: {} as Record<string, number>,
    proposalDirs,
    problems: walk.problems.length > 0 || !walk.dirs,
  };
  const proposals = new Set(walk.proposalDirs);
  for (const dir of walk.dirs ?? []) {
    if (proposals.has(dir)) continue;
    try {
      const { mtimeMs } = statSync(path.join(root, dir));
      // Changed during the walk, or too recently to tell a later change apart: do not trust it.
      stored.dirs[dir] = mtimeMs > started - SETTLE_MS ? -1 : mtimeMs;
    } catch {
      stored.dirs[dir] = -1;
    }
  }
  return stored;
}

const RECORD_KEYS: (keyof KepMetadataRecord)[] = [
  'id',
  'name',
  'path',
  'title',
  'kepNumber',
  'authors',
  'owningSig',
  'participatingSigs',
  'reviewers',
  'approvers',
  'editor',
  'creationDate',
  'lastUpdated',
  'status',
  'seeAlso',
  'replaces',
  'supersededBy',
  'stage',
  'latestMilestone',
  'milestone',
  'featureGates',
  'disableSupported',
  'metrics',
];
const DERIVED = new Set<keyof KepMetadataRecord>(['name', 'path']);

/** Leave out what `unpack` derives (name, path) and the empty values (``, null, false, unset milestones). */
export function pack(built: CachedEntry, layout: Layout): StoredEntry {
  const { entry } = built;
  const metadataPath = metadataPathOf(layout, entry.dir);
  const record: Partial<KepMetadataRecord> = {};
  for (const key of RECORD_KEYS) {
    const value = entry.record[key];
    if (DERIVED.has(key) || value === '' || value === null || value === false) continue;
    if (key === 'milestone') {
      const set = Object.fromEntries(Object.entries(entry.record.milestone).filter(([, v]) => v !== ''));
      if (Object.keys(set).length > 0) record.milestone = set as KepMetadataRecord['milestone'];
      continue;
    }
    (record as Record<string, unknown>)[key] = value;
  }
  const stored: StoredEntry = { metadata: built.deps[metadataPath]!, number: entry.number, record };
  if (entry.prrPath && built.deps[entry.prrPath]) stored.prr = built.deps[entry.prrPath];
  const derived = derivedPrrPath(entry.record, layout);
  if (entry.prrPath !== derived) stored.prrPath = entry.prrPath ?? null;
  if (entry.hasPrr) stored.hasPrr = true;
  if (Object.keys(entry.prrApprovers).length > 0) stored.prrApprovers = entry.prrApprovers;
  if (!entry.metadataOk) stored.metadataOk = false;
  return stored;
}

/**
 * Group names as kepctl finds them for `--sig`: every `- dir: NAME` line of the groups file (upstream's
 * RemoteGroupFetcher), which needs no YAML parse of a large file. `kep lint` reads the file as YAML.
 */
function groupNames(root: string, file: string): string[] {
  const names = new Set<string>();
  for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(
    /^\s*- dir:[ \t]*(.+?)[ \t]*$/gm,
  )) {
    names.add(match[1]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return [...names].sort();
}

export async function loadGroupNames(
  root: string,
  context: CatalogContext,
  files: Files,
): Promise<{ groups: string[]; groupsDeps: Record<string, Fingerprint>; notices: string[] }> {
  const { profile, load } = context;
  if (profile.groups.names && !load.groupsFile)
    return { groups: [...profile.groups.names], groupsDeps: {}, notices: [] };
  // Groups that are directories: `--sig` then matches the proposals' owning groups, as without a groups file.
  if (profile.groups.fromDirectories && !load.groupsFile) return { groups: [], groupsDeps: {}, notices: [] };
  // An explicit file (flag or config) is resolved as the loader does: against the working directory.
  const candidates = load.groupsFile
    ? [relativeTo(root, path.resolve(load.groupsFile))]
    : profile.groups.candidates.map((candidate) => relativeTo(root, candidate));
  const groupsDeps: Record<string, Fingerprint> = {};
  for (const candidate of candidates) {
    const fingerprint = files.fingerprint(candidate);
    groupsDeps[candidate] = fingerprint;
    if (fingerprint[0] !== null) return { groups: groupNames(root, candidate), groupsDeps, notices: [] };
  }
  if (load.groupsFile) {
    const { LoadError } = await import('../../load/errors.js');
    throw new LoadError(`${load.groupsFile}: file not found`);
  }
  return {
    groups: [],
    groupsDeps,
    notices: [
      `no groups file found (looked for ${candidates.join(', ')}); --sig matches the owning SIGs of the proposals only`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The plain path: kep.yaml and PRR files that the plain reader handles and whose every field has the shape
// the kubernetes schema expects. Anything else goes to the full loader, so both paths yield the same entry
// (the catalog tests compare them on every corpus proposal).

type Data = Record<string, unknown>;
const isMap = (value: unknown): value is Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A file's text when it is one the loader would read without a problem (size, NUL, UTF-8). */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.length > MAX_BYTES || bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** As the loader: the number in the metadata, else the directory name's. */

export function plainEntry(dir: string, profile: ProcessProfile, files: Files): CachedEntry | undefined {
  const metadataPath = metadataPathOf(profile.layout, dir);
  const metadata = files.read(metadataPath);
  const whole = metadata ? textOf(metadata.bytes) : undefined;
  // A one-file layout's metadata is the file's front matter; a file without one takes the full loader.
  const text = profile.layout.kind === 'file' && whole !== undefined ? frontMatterOf(whole)?.yaml : whole;
  if (!metadata || text === undefined) return undefined;
  const parsed = parsePlainYaml(text);
  const data = isMap(parsed) ? withAliases(profile.metadata.fields, parsed) : parsed;
  if (!isMap(data) || !conformsPlainly(profile.metadata, data)) return undefined;
  const deps: Record<string, Fingerprint> = { [metadataPath]: metadata.fingerprint };

  const owningGroup = data[profile.metadata.keys.owningGroup];
  const number = data[profile.metadata.keys.number];
  const stages = new Set(profile.metadata.stages);
  let prrPath: string | undefined;
  let hasPrr = false;
  const prrApprovers: Record<string, string> = {};
  prrPath = prrPathOf(profile.layout, owningGroup, number, profile.prr?.path);
  if (prrPath) {
    const prr = files.read(prrPath);
    if (prr) {
      const prrText = textOf(prr.bytes);
      const prrData = prrText === undefined ? undefined : parsePlainYaml(prrText);
      if (!isMap(prrData)) return undefined;
      // As the loader decodes PRR approvals: an approver is a text `approver` under a stage key.
      for (const [stage, value] of Object.entries(prrData)) {
        if (!stages.has(stage) || !isMap(value)) continue;
        const approver = value[profile.prr?.approverField ?? 'approver'];
        if (typeof approver === 'string' && approver) prrApprovers[stage] = approver;
      }
      hasPrr = true;
    }
    deps[prrPath] = prr?.fingerprint ?? [null, -1, -1];
  }
  return {
    deps,
    entry: {
      dir,
      id: proposalId(profile.layout, dir, proposalNumber(profile.layout, dir, number)),
      number: proposalNumber(profile.layout, dir, number),
      record: metadataRecord(dir, data, new Set(), profile),
      prrPath,
      hasPrr,
      prrApprovers,
      metadataOk: true,
    },
  };
}

/** The full loader, for files the plain path does not take: positions, strict decoding, every problem. */
export class SlowLoader {
  private constructor(
    private readonly facts: RepositoryFacts,
    private readonly load: typeof import('../../load/proposal.js').loadProposal,
  ) {}

  static async open(root: string, profile: ProcessProfile, proposalDirs: string[]): Promise<SlowLoader> {
    const { loadProposal } = await import('../../load/proposal.js');
    // The README is skipped, so the facts need no file list.
    return new SlowLoader(
      withFileFacts({ root, profile, files: new Set(), proposalDirs: new Set(proposalDirs), notices: [] }),
      loadProposal,
    );
  }

  entry(dir: string, files: Files): CachedEntry {
    const { profile } = this.facts;
    const proposal = this.load(this.facts, dir, { readme: 'skip' });
    const data = proposal.metadataFile?.data;
    const metadataPath = metadataPathOf(profile.layout, dir);
    const deps: Record<string, Fingerprint> = { [metadataPath]: files.fingerprint(metadataPath) };
    if (proposal.prrPath) deps[proposal.prrPath] = files.fingerprint(proposal.prrPath);
    return {
      deps,
      entry: {
        dir,
        id: proposal.id,
        number: proposal.number,
        record: kepMetadataRecord(proposal, profile),
        prrPath: proposal.prrPath,
        hasPrr:
          proposal.prr !== undefined ||
          proposal.problems.some((problem) => problem.path === proposal.prrPath),
        prrApprovers: Object.fromEntries(
          Object.entries(proposal.prr?.approvers ?? {}).filter((pair): pair is [string, string] => !!pair[1]),
        ),
        metadataOk: isMap(data),
      },
    };
  }
}

/** Build entries with the full loader, for comparison with the plain path (tests). */
export async function loadedEntries(
  root: string,
  profile: ProcessProfile,
  dirs: string[],
): Promise<KepEntry[]> {
  const slow = await SlowLoader.open(root, profile, walkRepository(root, profile).proposalDirs);
  const files = new Files(root);
  return dirs.map((dir) => slow.entry(dir, files).entry);
}

/** Build an entry with the plain path, or undefined when it does not take the files (tests). */
export function plainlyReadEntry(root: string, profile: ProcessProfile, dir: string): KepEntry | undefined {
  return plainEntry(dir, profile, new Files(root))?.entry;
}
