// `kep index`: every proposal as one JSON document. `kepify` is upstream's shape, so that sites built on
// kepify's keps.json can switch; `kepkit` adds what kepkit knows: diagnostics, PRR approvals, history.
import type { Diagnostic } from '../../model/index.js';
import { type Catalog, type KepEntry, readmeOf } from '../catalog/catalog.js';
import { type KepifyRecord, kepifyMarkdown } from '../catalog/record.js';
import { ownerOf } from '../search/diagnostics.js';

/** The history of one proposal as the index carries it (see `kep history`). */
export interface IndexHistory {
  /** Every directory the proposal has lived in, oldest first. */
  paths: string[];
  events: unknown[];
}

/** The git repository a history is read from: a repository root below its top reads the top's history. */
export interface HistorySource {
  /** The git work tree's top directory. */
  gitRepository: string;
  /** The repository root's path inside it, with `/` ('' when it is the top). */
  subdirectory: string;
  /** The HEAD commit read. */
  head: string;
}

/** One proposal of the kepkit index: the kepify record and kepkit's additions. */
export interface KepkitProposal extends KepifyRecord {
  /** Repo-relative directory. */
  dir: string;
  /** The number as a number (metadata, else directory name), or null. */
  number: number | null;
  /** Repo-relative README path, or null when the proposal has none. */
  readme: string | null;
  /** The PRR approval file and its approver per stage, or null when there is none. */
  prr: { file: string; approvers: Record<string, string> } | null;
  errors: number;
  warnings: number;
  /** `kep lint` diagnostics of the proposal's files (metadata, README, PRR file, others in its directory). */
  diagnostics: Diagnostic[];
  /** null when the history is not available (not a git repository, or not asked for). */
  history: IndexHistory | null;
  /** Its id: the number where it has one, else its path below the proposals root. */
  proposalId: string;
}

export interface KepkitIndex {
  format: 'kepkit-index';
  /** Bumped when a field changes meaning or goes away; additions keep the version. */
  version: 1;
  /** The kepkit release that wrote it. */
  kepkit: string;
  profile: string;
  /** The release used for time-dependent rules (the highest latest-milestone unless configured). */
  release: string | null;
  /** Whether per-proposal history is filled in (and from which git repository), and why not. */
  history: ({ available: true } & Partial<HistorySource>) | { available: false; reason: string };
  proposals: KepkitProposal[];
  /** Diagnostics about no single proposal (orphan READMEs, unreadable directories). */
  diagnostics: Diagnostic[];
  notices: string[];
}

export interface IndexOptions {
  /**
   * README text of an entry, undefined when it has none. With `markdown: false` only whether it exists
   * matters: any text will do.
   */
  readme: (entry: KepEntry) => string | undefined;
  /** Leave `markdown` empty: a much smaller document. */
  markdown?: boolean;
}

/** The kepify records, in walk order. Proposals whose metadata does not parse are left out (kepify fails on them). */
export function kepifyIndex(
  catalog: Catalog,
  options: IndexOptions,
): { records: KepifyRecord[]; skipped: string[] } {
  const records: KepifyRecord[] = [];
  const skipped: string[] = [];
  for (const entry of catalog.entries) {
    if (!entry.metadataOk) {
      skipped.push(entry.dir);
      continue;
    }
    records.push(kepifyRecord(entry, options));
  }
  return { records, skipped };
}

function kepifyRecord(entry: KepEntry, options: IndexOptions, text = options.readme(entry)): KepifyRecord {
  return { ...entry.record, markdown: options.markdown === false ? '' : kepifyMarkdown(text) };
}

export interface KepkitIndexInputs extends IndexOptions {
  version: string;
  release?: string;
  diagnostics: Diagnostic[];
  notices: string[];
  /** Histories by directory at HEAD, or the reason there are none. */
  histories: Map<string, IndexHistory> | { unavailable: string };
  /** Where the history comes from, when it is available. */
  historySource?: HistorySource;
}

export function kepkitIndex(catalog: Catalog, inputs: KepkitIndexInputs): KepkitIndex {
  const owner = ownerOf(catalog.entries);
  const byDir = new Map<string, Diagnostic[]>();
  const unowned: Diagnostic[] = [];
  for (const diagnostic of inputs.diagnostics) {
    const dir = owner(diagnostic.file)?.dir;
    if (dir === undefined) unowned.push(diagnostic);
    else {
      const list = byDir.get(dir);
      if (list) list.push(diagnostic);
      else byDir.set(dir, [diagnostic]);
    }
  }
  const histories = inputs.histories instanceof Map ? inputs.histories : undefined;
  const proposals = catalog.entries.map((entry): KepkitProposal => {
    const diagnostics = byDir.get(entry.dir) ?? [];
    const text = inputs.readme(entry);
    return {
      ...kepifyRecord(entry, inputs, text),
      dir: entry.dir,
      number: entry.number,
      readme: text === undefined ? null : readmeOf(catalog, entry),
      prr: entry.hasPrr && entry.prrPath ? { file: entry.prrPath, approvers: entry.prrApprovers } : null,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      diagnostics,
      history: histories?.get(entry.dir) ?? null,
      proposalId: entry.id,
    };
  });
  return {
    format: 'kepkit-index',
    version: 1,
    kepkit: inputs.version,
    profile: catalog.profileName,
    release: inputs.release ?? null,
    history: histories
      ? { available: true, ...inputs.historySource }
      : { available: false, reason: (inputs.histories as { unavailable: string }).unavailable },
    proposals,
    diagnostics: unowned,
    notices: inputs.notices,
  };
}
