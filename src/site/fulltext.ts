// `kep serve`'s full-text search: a MiniSearch index of every proposal (title, metadata, README text) kept in
// the server's memory and updated from each refreshed site (only proposals whose text changed are re-indexed),
// so a save is searchable at once with no Pagefind rebuild. Answers `api/search?q=` (see searchJson).
import MiniSearch, { type SearchResult } from 'minisearch';
import { forJson, type Proposal } from '../model/index.js';
import { MAX_QUERY_LENGTH, readmeText } from './search-data.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

export const SEARCH_ENDPOINT_PATH = 'api/search';
export { MAX_QUERY_LENGTH };

const MAX_RESULTS = 20;
const EXCERPT_CHARS = 180;

interface IndexedDocument {
  id: string;
  number: string;
  title: string;
  groups: string;
  people: string;
  text: string;
}

/** One hit: where it links, and an excerpt with the matched words as [start, end) offsets into it. */
export interface FullTextHit {
  id: string;
  number: number | null;
  title: string;
  url: string;
  score: number;
  excerpt: string;
  highlights: [number, number][];
}

/** Words are runs of letters and digits, lower-cased: `kube-proxy` is `kube` and `proxy`. */
export const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function documentOf(proposal: Proposal): IndexedDocument {
  const { metadata } = proposal;
  return {
    id: proposal.id,
    number: proposal.number === null ? '' : String(proposal.number),
    title: metadata.title || proposal.dir,
    groups: [metadata.owningGroup ?? '', ...metadata.participatingGroups].join(' '),
    people: [...metadata.authors, ...metadata.approvers].join(' '),
    text: readmeText(proposal),
  };
}

const sameDocument = (a: IndexedDocument, b: IndexedDocument): boolean =>
  a.title === b.title &&
  a.text === b.text &&
  a.groups === b.groups &&
  a.people === b.people &&
  a.number === b.number;

/** The longest the first indexing runs without letting a request through (measured in `npm run bench serve`). */
const YIELD_EVERY_MS = 8;

export class FullTextIndex {
  private readonly index = new MiniSearch<IndexedDocument>({
    fields: ['number', 'title', 'groups', 'people', 'text'],
    tokenize,
    searchOptions: {
      boost: { number: 4, title: 3, groups: 1.5, people: 1.5 },
      prefix: (term, position, terms) => position === terms.length - 1 && term.length >= 2,
      fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
      combineWith: 'AND',
    },
  });
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly proposals = new Map<string, Proposal>();
  private site: Site | undefined;

  private updating: Promise<unknown> = Promise.resolve();

  /**
   * Bring the index to this site: add new proposals, drop gone ones, re-index those whose text changed. Calls
   * run one after another; each yields to the event loop every few milliseconds, so a server answers while the
   * first one (seconds on a large repository) runs. Searches wait for the updates asked for before them.
   */
  update(site: Site): Promise<{ added: number; replaced: number; removed: number }> {
    const run = this.updating.then(() => this.apply(site));
    this.updating = run.catch(() => {});
    return run;
  }

  private async apply(site: Site): Promise<{ added: number; replaced: number; removed: number }> {
    const counts = { added: 0, replaced: 0, removed: 0 };
    const present = new Set<string>();
    let lastYield = performance.now();
    for (const proposal of site.proposals) {
      // Two proposals with one id (a duplicated number) are one document: the first, as the routes do.
      if (present.has(proposal.id)) continue;
      present.add(proposal.id);
      // A proposal refreshSite kept is the same object: nothing to read again.
      if (this.proposals.get(proposal.id) === proposal) continue;
      this.proposals.set(proposal.id, proposal);
      const document = documentOf(proposal);
      const old = this.documents.get(proposal.id);
      if (old && sameDocument(old, document)) continue;
      if (old) {
        this.index.replace(document);
        counts.replaced++;
      } else {
        this.index.add(document);
        counts.added++;
      }
      this.documents.set(proposal.id, document);
      // By time, not by count: one README can take tens of milliseconds to turn into text on a slow machine.
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    for (const id of [...this.documents.keys()]) {
      if (present.has(id)) continue;
      this.index.discard(id);
      this.documents.delete(id);
      this.proposals.delete(id);
      counts.removed++;
    }
    this.site = site;
    return counts;
  }

  /** Search once every update asked for so far is done. */
  async search(query: string): Promise<FullTextHit[]> {
    await this.updating;
    return this.searchNow(query);
  }

  get size(): number {
    return this.documents.size;
  }

  private searchNow(query: string): FullTextHit[] {
    const site = this.site;
    if (!site || tokenize(query).length === 0) return [];
    return this.index
      .search(query)
      .slice(0, MAX_RESULTS)
      .map((result) => this.hit(site, result));
  }

  private hit(site: Site, result: SearchResult): FullTextHit {
    const document = this.documents.get(String(result.id))!;
    const proposal = this.proposals.get(document.id)!;
    const { excerpt, highlights } = excerptOf(document.text || document.title, result.terms);
    return {
      id: document.id,
      number: proposal.number,
      title: document.title,
      url: site.options.baseUrl + proposalPath(proposal),
      score: Math.round(result.score * 1000) / 1000,
      excerpt,
      highlights,
    };
  }
}

/**
 * A window of the text around the first matched word, and every matched word in it as offsets. Offsets, not
 * markup: the page builds text nodes and `<mark>` elements from them, so no repository text is ever HTML.
 */
export function excerptOf(
  text: string,
  terms: readonly string[],
): { excerpt: string; highlights: [number, number][] } {
  const wanted = new Set(terms.map((term) => term.toLowerCase()));
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const first = words.find((word) => wanted.has(word[0].toLowerCase()));
  const center = first?.index ?? 0;
  let start = Math.max(0, center - Math.floor(EXCERPT_CHARS / 3));
  // Start at a word boundary, never in the middle of a word.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space < 0 || space > center ? start : space + 1;
  }
  let end = Math.min(text.length, start + EXCERPT_CHARS);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > center) end = space;
  }
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const highlights: [number, number][] = [];
  for (const word of words) {
    const at = word.index ?? 0;
    if (at < start || at + word[0].length > end) continue;
    if (wanted.has(word[0].toLowerCase()))
      highlights.push([at - start + prefix.length, at - start + prefix.length + word[0].length]);
  }
  return { excerpt: prefix + text.slice(start, end) + suffix, highlights };
}

/** A search request that cannot be answered: the message goes back with status 400. */
export class SearchQueryError extends Error {}

/**
 * The `q` parameter of a raw request URL (as the client sent it, still percent-encoded). Missing is empty; one
 * that does not decode, or is longer than MAX_QUERY_LENGTH, is a SearchQueryError.
 */
export function searchQueryOf(rawUrl: string): string {
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  const values = query
    .split('&')
    .filter((pair) => pair === 'q' || pair.startsWith('q='))
    .map((pair) => pair.slice(2));
  if (values.length > 1) throw new SearchQueryError('give q once');
  const raw = values[0] ?? '';
  if (raw.length > MAX_QUERY_LENGTH * 12)
    throw new SearchQueryError(`q is longer than ${MAX_QUERY_LENGTH} characters`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new SearchQueryError('q is not valid percent-encoded UTF-8');
  }
  if (decoded.length > MAX_QUERY_LENGTH)
    throw new SearchQueryError(`q is longer than ${MAX_QUERY_LENGTH} characters`);
  if ([...decoded].some((char) => char.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(char)))
    throw new SearchQueryError('q holds control characters');
  return decoded;
}

/** The endpoint's answer: `{query, results: FullTextHit[]}`, best first, at most 20. */
export async function searchJson(index: FullTextIndex, query: string): Promise<string> {
  const results = await index.search(query);
  return forJson(JSON.stringify({ query, results }));
}
