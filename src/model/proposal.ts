import type { MarkdownDocument } from './document.js';
import type { ReadProblem, YamlDocument } from './source.js';

export interface FeatureGate {
  name: string;
  components: string[];
}

/**
 * The fields every process has in some form, mapped from the profile's metadata schema.
 * Values are kept as written when they have the right type, so rules can judge them.
 */
export interface Metadata {
  title?: string;
  /** As written (`"0752"`); see `Proposal.number` for the numeric value. */
  number?: string;
  status?: string;
  stage?: string;
  latestMilestone?: string;
  /** Stage → milestone, e.g. `{ alpha: "v1.30" }`. */
  milestones: Record<string, string>;
  owningGroup?: string;
  participatingGroups: string[];
  authors: string[];
  reviewers: string[];
  approvers: string[];
  editor?: string;
  creationDate?: string;
  lastUpdated?: string;
  seeAlso: string[];
  replaces: string[];
  supersededBy: string[];
  featureGates: FeatureGate[];
  disableSupported?: boolean;
  metrics: string[];
}

/** A problem found while validating metadata against the profile's schema. */
export interface MetadataIssue {
  kind: 'unknown-field' | 'type';
  path: (string | number)[];
  message: string;
}

export interface PrrApproval {
  file: YamlDocument;
  /** Strict-decoding problems: unknown fields, wrong types, a missing kep-number or approver. */
  issues: { message: string; path: (string | number)[] }[];
  number?: string;
  /** Stage → approver as written (often with a leading `@`). */
  approvers: Record<string, string | undefined>;
}

export interface Proposal {
  /**
   * The proposal's key, repo-relative: its directory (`keps/sig-node/2033-kubelet-in-userns`) in a directory
   * layout, its markdown file (`enhancements/auth/oidc.md`) in a one-file layout.
   */
  dir: string;
  /** Its id: the number where it has one (`2033`), else its path below the proposals root. */
  id: string;
  /** The group directory the proposal lives in (first path segment under the proposals root). */
  groupDir: string;
  /** The number, from where the profile's layout says (the metadata, else the name); null when none. */
  number: number | null;
  /** Number parsed from the directory (or file) name by the layout's pattern (`0752-foo` → 752), or null. */
  dirNumber: number | null;
  /** Whether this directory is one of the profile's templates (parsed, not reported as a proposal). */
  isTemplate: boolean;
  metadataFile?: YamlDocument;
  /** Schema problems in the metadata (unknown fields, wrong types). */
  metadataIssues: MetadataIssue[];
  metadata: Metadata;
  readme?: MarkdownDocument;
  /** Path of the README even when absent, so rules can point at it. */
  readmePath: string;
  prrPath?: string;
  prr?: PrrApproval;
  /** Files of this proposal that could not be read or decoded. */
  problems: ReadProblem[];
}
