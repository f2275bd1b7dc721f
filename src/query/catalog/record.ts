import { createHash } from 'node:crypto';
import { withAliases } from '../../load/conforms.js';
import type { ProcessProfile, Proposal } from '../../model/index.js';

/** `milestone` as upstream's `api.Milestone` marshals it: every stage key present, `""` when unset. */
export interface KepifyMilestone {
  alpha: string;
  beta: string;
  stable: string;
  deprecated: string;
  removed: string;
  disabled: string;
}

export interface KepifyFeatureGate {
  name: string;
  components: string[] | null;
}

/**
 * One KEP as upstream's `kepify` writes it (`json.Marshal` of `api.Proposal`): same keys, same order,
 * strings `""` when unset, lists `null` when the key is absent or empty-valued (Go's nil slice).
 */
export interface KepifyRecord {
  /** md5 hex of `owningSig + ":" + title`, as `api.KEPHandler.Parse` computes it. */
  id: string;
  /** The directory name (`2033-kubelet-in-userns`). */
  name: string;
  /** The directory below the proposals root (`sig-node/2033-kubelet-in-userns`). */
  path: string;
  title: string;
  kepNumber: string;
  authors: string[] | null;
  owningSig: string;
  participatingSigs: string[] | null;
  reviewers: string[] | null;
  approvers: string[] | null;
  editor: string;
  creationDate: string;
  lastUpdated: string;
  status: string;
  seeAlso: string[] | null;
  replaces: string[] | null;
  supersededBy: string[] | null;
  stage: string;
  latestMilestone: string;
  milestone: KepifyMilestone;
  featureGates: KepifyFeatureGate[] | null;
  disableSupported: boolean;
  metrics: string[] | null;
  /** The README text (kepify: the document body after the YAML front matter). */
  markdown: string;
}

/** The record without its README text: what queries and the metadata cache keep. */
export type KepMetadataRecord = Omit<KepifyRecord, 'markdown'>;

function kepifyId(owningSig: string, title: string): string {
  return createHash('md5').update(`${owningSig}:${title}`).digest('hex');
}

const MILESTONE_KEYS = ['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled'] as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A list as Go decodes it: null unless the YAML holds a sequence; null items become `""`. */
function list(value: unknown): string[] | null {
  return Array.isArray(value) ? value.map(text) : null;
}

/**
 * The kepify record of a proposal, built from the metadata as written (the failsafe parse keeps every
 * scalar as its text, as Go's decoder into string fields does). Keys with a wrong type count as unset.
 */
export function kepMetadataRecord(proposal: Proposal, profile: ProcessProfile): KepMetadataRecord {
  const data = proposal.metadataFile?.data;
  const raw =
    data && typeof data === 'object' && !Array.isArray(data)
      ? withAliases(profile.metadata.fields, data as Record<string, unknown>)
      : {};
  const bad = new Set(proposal.metadataIssues.map((issue) => String(issue.path[0])));
  return metadataRecord(proposal.dir, raw, bad, profile);
}

/** The record from the metadata data as parsed; `bad` holds the top-level keys whose values have the wrong type. */
export function metadataRecord(
  dir: string,
  raw: Record<string, unknown>,
  bad: ReadonlySet<string>,
  profile: ProcessProfile,
): KepMetadataRecord {
  const keys = profile.metadata.keys;
  const field = (key: string): unknown => (bad.has(key) ? undefined : raw[key]);
  const milestoneRaw = field(keys.milestones);
  const milestoneData =
    milestoneRaw && typeof milestoneRaw === 'object' && !Array.isArray(milestoneRaw)
      ? (milestoneRaw as Record<string, unknown>)
      : {};
  const milestone = {} as KepifyMilestone;
  for (const key of MILESTONE_KEYS) milestone[key] = text(milestoneData[key]);
  const optionalField = (key: string | undefined): unknown => (key === undefined ? undefined : field(key));
  const gates = optionalField(keys.featureGates);
  const owningSig = text(field(keys.owningGroup));
  const title = text(field(keys.title));
  const prefix = `${profile.layout.proposalsRoot}/`;
  return {
    id: kepifyId(owningSig, title),
    name: dir.slice(dir.lastIndexOf('/') + 1),
    path: dir.startsWith(prefix) ? dir.slice(prefix.length) : dir,
    title,
    kepNumber: text(field(keys.number)),
    authors: list(field(keys.authors)),
    owningSig,
    participatingSigs: list(field(keys.participatingGroups)),
    reviewers: list(field(keys.reviewers)),
    approvers: list(field(keys.approvers)),
    editor: text(optionalField(keys.editor)),
    creationDate: text(field(keys.creationDate)),
    lastUpdated: text(field(keys.lastUpdated)),
    status: text(field(keys.status)),
    seeAlso: list(field(keys.seeAlso)),
    replaces: list(field(keys.replaces)),
    supersededBy: list(field(keys.supersededBy)),
    stage: text(field(keys.stage)),
    latestMilestone: text(field(keys.latestMilestone)),
    milestone,
    featureGates: Array.isArray(gates)
      ? gates.map((gate) => {
          const entry =
            gate && typeof gate === 'object' && !Array.isArray(gate) ? (gate as Record<string, unknown>) : {};
          return { name: text(entry.name), components: list(entry.components) };
        })
      : null,
    // As the profile maps it to Metadata.disableSupported: a YAML boolean written as true.
    disableSupported: /^(true|yes|on|y)$/i.test(text(optionalField(keys.disableSupported))),
    metrics: list(optionalField(keys.metrics)),
  };
}

/** The README body as kepify keeps it: the text after a leading YAML front-matter block, if any. */
export function kepifyMarkdown(readmeText: string | undefined): string {
  if (readmeText === undefined) return '';
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(readmeText);
  return match ? readmeText.slice(match[0].length) : readmeText;
}
