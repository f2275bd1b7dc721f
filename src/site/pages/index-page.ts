// The index of proposals, as Python's PEP 0 is: every proposal by status, then by group, one compact line each
// (number, title, authors), for reading through and for print; and the downloads (keps.json, the feed).
import { forHtml, type Proposal } from '../../model/index.js';
import { feedUrl } from '../feed.js';
import { NO_FEED_NOTICE, type Site } from '../site.js';
import { KEPS_JSON_PATH, proposalPath } from '../urls.js';
import { cell, page } from './layout.js';

const NONE = '(none)';

/** By number (proposals without one after, by id). */
function byNumber(a: Proposal, b: Proposal): number {
  return (
    (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
    a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}

function grouped(proposals: readonly Proposal[], key: (proposal: Proposal) => string, order: string[]) {
  const groups = new Map<string, Proposal[]>();
  for (const name of order) groups.set(name, []);
  for (const proposal of proposals) {
    const name = key(proposal) || NONE;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(proposal);
  }
  return [...groups]
    .filter(([, list]) => list.length > 0)
    .map(([name, list]) => [name, list.sort(byNumber)] as const);
}

const anchor = (prefix: string, name: string) =>
  `${prefix}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export function indexPage(site: Site): string {
  const base = site.options.baseUrl;
  const { statuses } = site.facts.profile.metadata;
  const link = (proposal: Proposal) =>
    `<a href="${forHtml(base + proposalPath(proposal))}">${forHtml(proposal.metadata.title || proposal.dir)}</a>`;
  const number = (proposal: Proposal) =>
    cell(proposal.number === null ? proposal.id : String(proposal.number));
  const authors = (proposal: Proposal) => cell(proposal.metadata.authors.join(', '));
  const section = (
    prefix: string,
    entries: ReturnType<typeof grouped>,
    columns: string[],
    row: (proposal: Proposal) => string,
  ) =>
    entries
      .map(
        ([
          name,
          list,
        ]) => `<h3 id="${forHtml(anchor(prefix, name))}">${forHtml(name)} <span class="muted">(${list.length})</span></h3>
<table class="index-table"><thead><tr>${columns.map((column) => `<th scope="col">${column}</th>`).join('')}</tr></thead><tbody>
${list.map(row).join('\n')}
</tbody></table>`,
      )
      .join('\n');
  const byStatus = grouped(site.proposals, (proposal) => proposal.metadata.status ?? '', statuses);
  const byGroup = grouped(site.proposals, (proposal) => proposal.metadata.owningGroup ?? '', []).sort(
    ([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)),
  );
  const feed = feedUrl(site);
  const jump = (prefix: string, entries: ReturnType<typeof grouped>) =>
    entries
      .map(
        ([name, list]) =>
          `<li><a href="#${forHtml(anchor(prefix, name))}">${forHtml(name)}</a> ${list.length}</li>`,
      )
      .join('');
  const body = `<h1>Index of proposals</h1>
<p>${site.proposals.length} proposals (${forHtml(site.facts.profile.name)} process), by status and by owning group: number, title, authors.</p>
<ul class="no-print">
<li><a href="${forHtml(base + KEPS_JSON_PATH)}" download>keps.json</a>: every proposal’s metadata and README, in the shape kubernetes/enhancements’ kepify writes (large).</li>
<li>${feed ? `<a href="${forHtml(feed)}">Atom feed</a> of the latest status, stage and milestone changes.` : `<span class="muted">${forHtml(NO_FEED_NOTICE.replace(/^no feed\.xml/, 'No Atom feed'))}.</span>`}</li>
</ul>
<h2 id="by-status">By status</h2>
<ul class="inline no-print">${jump('status', byStatus)}</ul>
${section('status', byStatus, ['Number', 'Title', 'Authors', 'Group', 'Stage'], (proposal) => `<tr>${number(proposal)}<td>${link(proposal)}</td>${authors(proposal)}${cell(proposal.metadata.owningGroup)}${cell(proposal.metadata.stage)}</tr>`)}
<h2 id="by-group">By group</h2>
<ul class="inline no-print">${jump('group', byGroup)}</ul>
${section('group', byGroup, ['Number', 'Title', 'Authors', 'Status', 'Stage'], (proposal) => `<tr>${number(proposal)}<td>${link(proposal)}</td>${authors(proposal)}${cell(proposal.metadata.status)}${cell(proposal.metadata.stage)}</tr>`)}`;
  return page(site, 'Index of proposals', body);
}
