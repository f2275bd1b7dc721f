// keps.json: every proposal in the shape of kubernetes/enhancements' `api.Proposal` as its tools write it
// (`kepify`, `kepctl query --output json`, which kubernetes.dev reads): the kep.yaml fields under their JSON
// names, in the Go struct's order, plus the README as `markdown`. A download for other tools; no page loads it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { frontMatterOf } from '../load/layout.js';
import { forJson, type MetadataKey, type Proposal } from '../model/index.js';
import type { Site } from './site.js';

/** One proposal as kepify writes it (`api.Proposal`'s JSON tags; `prNumber` is never set from a checkout). */
export interface KepifyProposal {
  id: string;
  name?: string;
  path?: string;
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
  milestone: {
    alpha: string;
    beta: string;
    stable: string;
    deprecated: string;
    removed: string;
    disabled: string;
  };
  featureGates: { name: string; components: string[] | null }[] | null;
  disableSupported: boolean;
  metrics: string[] | null;
  markdown: string;
}

/** Upstream's id: the MD5 of `owning-sig:title`, in hex (`api.Proposal.ID`). */
export function kepifyId(owningSig: string, title: string): string {
  return createHash('md5').update(`${owningSig}:${title}`).digest('hex');
}

/** The value a key has in the metadata file as parsed (undefined when absent or not a mapping). */
function rawValue(proposal: Proposal, key: string | undefined): unknown {
  const data = proposal.metadataFile?.data;
  return key && data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

/** A Go slice decoded from YAML: the list when the file has one there, else (absent, empty value) Go's nil. */
function list(proposal: Proposal, key: string | undefined, values: string[]): string[] | null {
  return Array.isArray(rawValue(proposal, key)) || values.length > 0 ? values : null;
}

/** The README's markdown; of a one-file proposal, the text after its front matter (as upstream's parser keeps). */
function markdownOf(site: Site, proposal: Proposal): string {
  const text = proposal.readme?.file.text ?? '';
  if (site.facts.profile.layout.kind !== 'file') return text;
  const front = frontMatterOf(text);
  return front ? text.split('\n').slice(front.lines).join('\n') : text;
}

export function kepifyProposal(site: Site, proposal: Proposal): KepifyProposal {
  const { metadata } = proposal;
  const keys = site.facts.profile.metadata.keys as Record<MetadataKey, string> &
    Record<string, string | undefined>;
  const { proposalsRoot } = site.facts.profile.layout;
  const relative = proposal.dir.startsWith(`${proposalsRoot}/`)
    ? proposal.dir.slice(proposalsRoot.length + 1)
    : proposal.dir;
  const milestone = (stage: string) => metadata.milestones[stage] ?? '';
  const owningSig = metadata.owningGroup ?? '';
  const title = metadata.title ?? '';
  return {
    id: kepifyId(owningSig, title),
    name: path.posix.basename(proposal.dir).replace(/\.md$/, ''),
    path: relative,
    title,
    kepNumber: metadata.number ?? '',
    authors: list(proposal, keys.authors, metadata.authors),
    owningSig,
    participatingSigs: list(proposal, keys.participatingGroups, metadata.participatingGroups),
    reviewers: list(proposal, keys.reviewers, metadata.reviewers),
    approvers: list(proposal, keys.approvers, metadata.approvers),
    editor: metadata.editor ?? '',
    creationDate: metadata.creationDate ?? '',
    lastUpdated: metadata.lastUpdated ?? '',
    status: metadata.status ?? '',
    seeAlso: list(proposal, keys.seeAlso, metadata.seeAlso),
    replaces: list(proposal, keys.replaces, metadata.replaces),
    supersededBy: list(proposal, keys.supersededBy, metadata.supersededBy),
    stage: metadata.stage ?? '',
    latestMilestone: metadata.latestMilestone ?? '',
    milestone: {
      alpha: milestone('alpha'),
      beta: milestone('beta'),
      stable: milestone('stable'),
      deprecated: milestone('deprecated'),
      removed: milestone('removed'),
      disabled: milestone('disabled'),
    },
    featureGates:
      metadata.featureGates.length > 0 ||
      (keys.featureGates && proposal.metadataFile?.has([keys.featureGates]))
        ? metadata.featureGates.map((gate) => ({ name: gate.name, components: gate.components }))
        : null,
    disableSupported: metadata.disableSupported ?? false,
    metrics: list(proposal, keys.metrics, metadata.metrics),
    markdown: markdownOf(site, proposal),
  };
}

/**
 * Every proposal, as one JSON array. Like Go's encoder, `<`, `>` and `&` are written as `\u` escapes (the file
 * is safe to inline anywhere), and so are the characters a terminal should not receive raw (`forJson`).
 */
export function kepsJson(site: Site): string {
  const json = JSON.stringify(site.proposals.map((proposal) => kepifyProposal(site, proposal)));
  return forJson(json.replace(/[<>&]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`));
}
