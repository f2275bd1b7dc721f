// A release's page: the `kep release` report, every KEP that targets it judged criterion by criterion.
import { loadFacts, loadProposal } from '../../load/index.js';
import { forHtml } from '../../model/index.js';
import { type ReleaseReport, releaseReport, releaseTarget } from '../../query/release/release.js';
import type { Site } from '../site.js';
import { proposalPath } from '../urls.js';
import { cell, page } from './layout.js';

/** The `kep release` report of a release: totals per stage and group, every KEP judged criterion by criterion. */
export function releaseReportFor(site: Site, release: string): ReleaseReport {
  const facts = loadFacts(site.root, site.layout, { ...site.options.lint, release });
  const { stages } = site.facts.profile.metadata;
  const dirs = site.proposals
    .filter((proposal) => releaseTarget(proposal.metadata, release, stages))
    .map((proposal) => proposal.dir);
  return releaseReport({
    release,
    freeze: 'enhancements',
    proposals: dirs.map((dir) => loadProposal(facts, dir)),
    facts,
    ruleById: site.options.ruleById,
  });
}

export function releasePage(site: Site, report: ReleaseReport): string {
  const base = site.options.baseUrl;
  const byDir = new Map(site.proposals.map((proposal) => [proposal.dir, proposal]));
  const link = (dir: string, title: string) => {
    const proposal = byDir.get(dir);
    const text = forHtml(title || dir);
    return proposal ? `<a href="${forHtml(base + proposalPath(proposal))}">${text}</a>` : text;
  };
  const criteriaHead = report.criteria
    .map((c) => `<th scope="col" title="${forHtml(c.title)}">${forHtml(c.id)}</th>`)
    .join('');
  const rows = report.keps.map((kep) => {
    const verdicts = kep.criteria
      .map((c) => {
        const shown =
          c.verdict === 'pass'
            ? '<span class="pass">pass</span>'
            : c.verdict === 'fail'
              ? '<span class="error">fail</span>'
              : 'skip';
        return `<td title="${forHtml(c.reason)}">${shown}</td>`;
      })
      .join('');
    const verdict =
      kep.verdict === 'ready' ? '<td class="pass">ready</td>' : '<td class="error">not ready</td>';
    return `<tr>${cell(kep.kepNumber || kep.proposalId)}<td>${link(kep.dir, kep.title)}</td>${cell(kep.owningSig)}${cell(kep.stage)}${verdict}${verdicts}</tr>`;
  });
  const totals = (title: string, entries: [string, { keps: number; ready: number; notReady: number }][]) =>
    `<table><caption>${forHtml(title)}</caption><thead><tr><th scope="col">${forHtml(title.split(' ').pop()!)}</th><th scope="col">KEPs</th><th scope="col">Ready</th><th scope="col">Not ready</th></tr></thead><tbody>${entries
      .map(
        ([name, t]) =>
          `<tr>${cell(name)}${cell(String(t.keps))}${cell(String(t.ready))}${cell(String(t.notReady))}</tr>`,
      )
      .join('')}</tbody></table>`;
  const apart = (title: string, keps: ReleaseReport['planned']) =>
    keps.length === 0
      ? ''
      : `<h2>${forHtml(title)}</h2><ul>${keps.map((kep) => `<li>${link(kep.dir, kep.title)} <span class="muted">${forHtml(kep.status)} · ${forHtml(kep.targetedBy)}</span></li>`).join('')}</ul>`;
  const { all } = report.totals;
  const body = `<h1>Release ${forHtml(report.release)}</h1>
<p>${all.keps} KEPs target ${forHtml(report.release)}: <span class="pass">${all.ready} ready</span>, <span class="error">${all.notReady} not ready</span> for the enhancements freeze.</p>
${report.notices.map((notice) => `<p class="muted">${forHtml(notice)}</p>`).join('\n')}
${totals('Totals per stage', Object.entries(report.totals.byStage))}
${totals('Totals per group', Object.entries(report.totals.bySig))}
<h2>KEPs</h2>
<table><thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Group</th><th scope="col">Stage</th><th scope="col">Verdict</th>${criteriaHead}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
${apart('Planned, not opted in', report.planned)}
${apart('Stopped', report.stopped)}`;
  return page(site, `Release ${report.release}`, body);
}
