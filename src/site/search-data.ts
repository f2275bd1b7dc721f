// What the list's filters and the search read about each proposal: one small JSON the pages load
// (`api/list.json`), and the plain text of each README that the full-text indexes (Pagefind in a built site,
// MiniSearch in `kep serve`) are built from.
import { type Diagnostic, forJson, type Proposal } from '../model/index.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

export const LIST_JSON_PATH = 'api/list.json';
/** Longer search queries are refused (400 from `api/search`; the box takes no more): each term costs a lookup. */
export const MAX_QUERY_LENGTH = 200;

/** One proposal as the list's filters, its sorting and the metadata search see it. */
export interface ListDocument {
  /** The proposal id (`2033`, or a path below the proposals root): the key rows and results share. */
  id: string;
  number: number | null;
  title: string;
  url: string;
  owningGroup: string;
  participatingGroups: string[];
  status: string;
  stage: string;
  latestMilestone: string;
  /** Stage → milestone (`{alpha: "v1.30"}`). */
  milestones: Record<string, string>;
  authors: string[];
  approvers: string[];
  /** PRR approvers named in the PRR file, any stage. */
  prrApprovers: string[];
  errors: number;
  warnings: number;
}

function findingCounts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

export function listDocument(site: Site, proposal: Proposal): ListDocument {
  const { metadata } = proposal;
  return {
    id: proposal.id,
    number: proposal.number,
    title: metadata.title || proposal.dir,
    url: site.options.baseUrl + proposalPath(proposal),
    owningGroup: metadata.owningGroup ?? '',
    participatingGroups: metadata.participatingGroups,
    status: metadata.status ?? '',
    stage: metadata.stage ?? '',
    latestMilestone: metadata.latestMilestone ?? '',
    milestones: metadata.milestones,
    authors: metadata.authors,
    approvers: metadata.approvers,
    prrApprovers: Object.values(proposal.prr?.approvers ?? {}).filter(
      (approver): approver is string => typeof approver === 'string' && approver !== '',
    ),
    ...findingCounts(site.findings.get(proposal.dir) ?? []),
  };
}

export function listJson(site: Site): string {
  return forJson(
    JSON.stringify({ proposals: site.proposals.map((proposal) => listDocument(site, proposal)) }),
  );
}

/** A README is indexed up to this many characters: a huge file must not make every search slow. */
export const MAX_INDEXED_CHARS = 400_000;

/**
 * The README as words to index and quote in excerpts: markdown's markup (fences, emphasis, link targets, HTML
 * tags and comments, table pipes) taken out, whitespace folded. Rough on purpose: it feeds a word index, not a page.
 */
export function readmeText(proposal: Proposal): string {
  const lines = proposal.readme?.lines;
  if (!lines) return '';
  let text = '';
  for (const line of lines) {
    if (text.length >= MAX_INDEXED_CHARS) break;
    if (/^\s*(```|~~~)/.test(line)) continue;
    text += `${line}\n`;
  }
  // Bounded patterns only (no unbounded scan from every `[` or `<`): a hostile README stays linear.
  return withoutComments(text.slice(0, MAX_INDEXED_CHARS))
    .replace(/<\/?[a-zA-Z][^<>\n]{0,300}>/g, ' ')
    .replace(/!?\[([^[\]\n]{0,300})\]\([^()\s]{0,500}\)/g, '$1')
    .replace(/^[ \t]{0,3}(#{1,6}|>|[-*+]|\d{1,9}[.)])[ \t]+/gm, '')
    .replace(/[*_`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** HTML comments out, by one forward scan (an unclosed comment runs to the end, as in a browser). */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open < 0) return out + text.slice(at);
    out += `${text.slice(at, open)} `;
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
}
