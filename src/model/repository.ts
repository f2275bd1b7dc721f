import type { Position } from './diagnostic.js';
import type { MarkdownDocument } from './document.js';
import type { ProcessProfile } from './profile.js';
import type { Proposal } from './proposal.js';
import type { ReadProblem, YamlDocument } from './source.js';

/** A named list loaded from a file (groups from sigs.yaml, approvers from OWNERS_ALIASES). */
export interface NameList {
  /** Repo-relative (or absolute, when outside the repo) path of the file it came from. */
  source: string;
  names: Set<string>;
}

/**
 * An OWNERS file as Prow reads it (`yaml.Unmarshal` into `{reviewers, approvers []string}`): the names as
 * written, a null item as `''`; or why it cannot be read that way, with the position to report it at.
 */
export type OwnersFile =
  | { kind: 'missing' }
  | { kind: 'broken'; file: string; position: Position; message: string }
  | { kind: 'ok'; doc: YamlDocument; reviewers: string[]; approvers: string[] };

/** The facts that rules need beyond one proposal. */
export interface RepositoryFacts {
  root: string;
  profile: ProcessProfile;
  groups?: NameList;
  prrApprovers?: NameList;
  /** Alias name → members, from OWNERS_ALIASES. */
  ownersAliases?: Map<string, string[]>;
  template?: MarkdownDocument;
  /** The template's own metadata file (the profile's `templateMetadata`), parsed. */
  templateMetadata?: YamlDocument;
  /**
   * The version of the template a proposal was written to, when the repository's git history says it is
   * another than the current one (`kep lint --template history`); undefined: judge it by `template`.
   */
  templateVersionOf?(proposal: Proposal): TemplateVersion | undefined;
  /** Files whose table of contents is not checked (the profile's skip-list file). */
  tocSkipList?: ReadonlySet<string>;
  /** Every file under the proposals root, repo-relative. */
  files: Set<string>;
  /** Repo-relative proposal directories. */
  proposalDirs: Set<string>;
  /** The release that is "current" for time-dependent rules (e.g. `v1.37`). */
  release?: string;
  /**
   * The release the repository has reached, when `release` is judged as a past one (`kep release v1.37
   * --current v1.38`): a KEP implemented in a past release has shipped. Unset: `release` is current.
   */
  currentRelease?: string;
  /** Notes for the user about checks that could not run (a missing groups file, …). */
  notices: string[];
  /**
   * Whether a repo-relative path exists, as a file or a directory. Rules ask this rather than the file
   * system: the answer is remembered for the run, and recorded in `pathChecks` while a proposal is checked.
   */
  pathExists(path: string): boolean;
  /** The OWNERS file at this repo-relative path, read (confined and size-limited) and parsed. */
  ownersFile(path: string): OwnersFile;
  /** While the engine checks a proposal: the paths outside the proposals root asked about, and the answers. */
  pathChecks?: Map<string, boolean>;
}

export interface Repository extends RepositoryFacts {
  proposals: Proposal[];
  orphanReadmes: string[];
  problems: ReadProblem[];
}

/** An older version of the template, read from git: its text parsed, and the commit that wrote it. */
export interface TemplateVersion {
  doc: MarkdownDocument;
  /** The commit that wrote this version of the template (full sha). */
  commit: string;
  /** That commit's author date, strict ISO 8601. */
  date: string;
}

/**
 * Which template each proposal is judged by, as plain data (it crosses to worker threads and into the cache):
 * per proposal, the template blob at the commit where its latest-milestone last changed.
 */
export interface TemplateHistory {
  /** The HEAD commit the history is of. */
  head: string;
  /** Template blob id → the commit that wrote that version and its author date. */
  versions: Record<string, { commit: string; date: string }>;
  /**
   * Proposal directory → the blob of the template at its moved commit (`moved`), and its latest-milestone at HEAD
   * (null when it has none): a work tree that says otherwise has moved it since.
   */
  proposals: Record<string, { blob: string; moved: string; latestMilestone: string | null }>;
  /** Blob id → text, for the versions the proposals being checked need (absent when none is checked). */
  texts?: Record<string, string>;
}
