// The Atom feed (RFC 4287) of changes: the latest status, stage and milestone changes from the git history, one
// entry per proposal and commit, each linking to the proposal's page by its absolute URL (the site's URL is
// needed for that: no URL, no feed). Without history, the proposals' last-updated dates stand in.
import { forXml, type Proposal } from '../model/index.js';
import type { Site } from './site.js';
import { FEED_PATH, proposalPath } from './urls.js';

/** How many entries the feed holds, newest first. */
export const FEED_ENTRIES = 50;

export interface FeedEntry {
  proposal: Proposal;
  /** RFC 3339, UTC. */
  updated: string;
  /** Unique for the proposal: the commit, or `last-updated-<date>`. */
  key: string;
  changes: string[];
}

/** An instant as RFC 3339 in UTC without fractions (`2021-02-01T17:54:41Z`); undefined when it is no date. */
export function rfc3339(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const shown = (value: string | null) => value ?? '(none)';

/** The entries from the history: one per proposal and commit that changed a tracked field, newest first. */
export function historyEntries(site: Site, limit = FEED_ENTRIES): FeedEntry[] {
  const history = site.history;
  if (!history) return [];
  const byDir = new Map(site.proposals.map((proposal) => [proposal.dir, proposal]));
  const entries: FeedEntry[] = [];
  for (const kep of history.histories) {
    const proposal = kep.removed ? undefined : byDir.get(kep.path);
    if (!proposal) continue;
    let current: FeedEntry | undefined;
    for (const event of kep.events) {
      if (current?.key !== event.commit) {
        const updated = rfc3339(event.date);
        if (!updated) continue;
        current = { proposal, updated, key: event.commit, changes: [] };
        entries.push(current);
      }
      current.changes.push(`${event.field}: ${shown(event.from)} → ${shown(event.to)}`);
    }
  }
  return newestFirst(entries).slice(0, limit);
}

/** Without history: each proposal's last-updated date (a valid YYYY-MM-DD), newest first. */
export function lastUpdatedEntries(site: Site, limit = FEED_ENTRIES): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const proposal of site.proposals) {
    const date = proposal.metadata.lastUpdated?.trim();
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const updated = rfc3339(`${date}T00:00:00Z`);
    if (!updated) continue;
    const { status, stage, latestMilestone } = proposal.metadata;
    entries.push({
      proposal,
      updated,
      key: `last-updated-${date}`,
      changes: [
        `last-updated: ${date}`,
        `status: ${status ?? '(none)'}, stage: ${stage ?? '(none)'}, latest-milestone: ${latestMilestone ?? '(none)'}`,
      ],
    });
  }
  return newestFirst(entries).slice(0, limit);
}

function newestFirst(entries: FeedEntry[]): FeedEntry[] {
  return entries.sort(
    (a, b) =>
      b.updated.localeCompare(a.updated) ||
      a.proposal.id.localeCompare(b.proposal.id, 'en', { numeric: true }) ||
      a.key.localeCompare(b.key),
  );
}

/** The feed's URL, for the page heads' `<link rel="alternate">`: only when the site's URL is known. */
export function feedUrl(site: Site): string | undefined {
  return site.options.siteUrl ? site.options.siteUrl + FEED_PATH : undefined;
}

/** The Atom feed, or undefined when the site's absolute URL is not known. */
export function atomFeed(site: Site): string | undefined {
  const siteUrl = site.options.siteUrl;
  if (!siteUrl) return undefined;
  const fromHistory = site.history !== undefined;
  const entries = fromHistory ? historyEntries(site) : lastUpdatedEntries(site);
  // The newest entry's date, so that a build of an unchanged repository writes the same bytes.
  const updated = entries[0]?.updated ?? '1970-01-01T00:00:00Z';
  const name = site.facts.profile.name;
  const items = entries.map((entry) => {
    const url = siteUrl + proposalPath(entry.proposal);
    const title = entry.proposal.metadata.title || entry.proposal.dir;
    const number = entry.proposal.number === null ? entry.proposal.id : String(entry.proposal.number);
    const what = entry.changes.join('; ');
    const commit = fromHistory ? ` (commit ${entry.key.slice(0, 12)})` : '';
    return `<entry>
<title>${forXml(`${number}: ${title}`)}</title>
<link rel="alternate" type="text/html" href="${forXml(url)}"/>
<id>${forXml(`${url}#${entry.key}`)}</id>
<updated>${entry.updated}</updated>
<summary type="text">${forXml(what + commit)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${forXml(`Proposals (${name} process): changes`)}</title>
<subtitle>${forXml(fromHistory ? 'The latest status, stage and milestone changes, from the git history.' : 'The proposals by their last-updated date (no git history here).')}</subtitle>
<link rel="self" type="application/atom+xml" href="${forXml(siteUrl + FEED_PATH)}"/>
<link rel="alternate" type="text/html" href="${forXml(siteUrl)}"/>
<id>${forXml(siteUrl + FEED_PATH)}</id>
<updated>${updated}</updated>
<author><name>${forXml(`The ${name} proposals`)}</name></author>
<generator>kepkit</generator>
${items.join('\n')}
</feed>
`;
}
