// The list page: every proposal, one table row each, with its findings.
import { forHtml } from '../../model/index.js';
import type { Site } from '../site.js';
import { proposalPath, releasePath } from '../urls.js';
import { cell, findingsCell, groupsOf, page } from './layout.js';

/** The list of every proposal: one table row each. */
export function listPage(site: Site): string {
  const base = site.options.baseUrl;
  const rows = site.proposals.map((proposal) => {
    const { metadata } = proposal;
    const link = `<a href="${forHtml(base + proposalPath(proposal))}">${forHtml(metadata.title || proposal.dir)}</a>`;
    return `<tr>${cell(proposal.number === null ? proposal.id : String(proposal.number))}<td>${link}</td>${cell(groupsOf(proposal).join(', '))}${cell(metadata.status)}${cell(metadata.stage)}${cell(metadata.latestMilestone)}${findingsCell(site.findings.get(proposal.dir) ?? [])}</tr>`;
  });
  const releases = site.releases
    .map((release) => `<li><a href="${forHtml(base + releasePath(release))}">${forHtml(release)}</a></li>`)
    .join('');
  const body = `<h1>Proposals</h1>
<p class="muted">${site.proposals.length} proposals (${forHtml(site.facts.profile.name)} process).</p>
<table>
<caption class="muted">Every proposal with its lint findings</caption>
<thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Groups</th><th scope="col">Status</th><th scope="col">Stage</th><th scope="col">Latest milestone</th><th scope="col">Findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${releases ? `<h2>Releases</h2>\n<ul class="releases">${releases}</ul>` : ''}`;
  return page(site, 'Proposals', body);
}
