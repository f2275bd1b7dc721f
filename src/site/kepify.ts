// keps.json: every proposal in the shape of kubernetes/enhancements' `api.Proposal` as its tools write it
// (`kepify`, `kepctl query --output json`, which kubernetes.dev reads), the README as `markdown`: the same
// records as `kep index --format kepify` (one builder, query's), as a download for other tools; no page loads it.
import { forJson, type Proposal } from '../model/index.js';
import { type KepifyRecord, kepifyMarkdown, kepMetadataRecord } from '../query/catalog/record.js';
import type { Site } from './site.js';

/** Whether the metadata parsed to a mapping: `kep index` (like upstream's kepify, which fails) leaves others out. */
function hasMetadata(proposal: Proposal): boolean {
  const data = proposal.metadataFile?.data;
  return !!data && typeof data === 'object' && !Array.isArray(data);
}

export function kepifyRecords(site: Site): KepifyRecord[] {
  const { profile } = site.facts;
  return site.proposals.filter(hasMetadata).map((proposal) => ({
    ...kepMetadataRecord(proposal, profile),
    markdown: kepifyMarkdown(proposal.readme?.file.text),
  }));
}

/**
 * Every proposal, as one JSON array. Like Go's encoder, `<`, `>` and `&` are written as `\u` escapes (the file
 * is safe to inline anywhere), and so are the characters a terminal should not receive raw (`forJson`).
 */
export function kepsJson(site: Site): string {
  const json = JSON.stringify(kepifyRecords(site));
  return forJson(json.replace(/[<>&]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`));
}
