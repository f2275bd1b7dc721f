// A release's page: the `kep release` report, every KEP that targets it judged criterion by criterion, with
// charts of its totals per stage, per group and per criterion; and the index of every release.
import { loadFacts, loadProposal } from '../../load/index.js';
import { compareMilestones, forHtml } from '../../model/index.js';
import {
  type ReleaseReport,
  type ReleaseTotals,
  releaseReport,
  releaseTarget,
} from '../../query/release/release.js';
import { type ChartData, chartFigure, chartSvg } from '../charts.js';
import type { Site } from '../site.js';
import { SORT_TABLE_SCRIPT_PATH } from '../sort-table.js';
import { stageOrderOf, stageSeries } from '../statistics.js';
import { proposalPath, releasePath } from '../urls.js';
import { cell, page } from './layout.js';

/** The `kep release` report of a release: totals per stage and group, every KEP judged criterion by criterion. */
export function releaseReportFor(site: Site, release: string): ReleaseReport {
  const facts = loadFacts(site.root, site.layout, { ...site.options.lint, release });
  // A release before the current one is looked back on (`kep release vX.Y --current`): what shipped is ready.
  const current = site.facts.release;
  if (current && compareMilestones(current, release) > 0) facts.currentRelease = current;
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

/** The script a page with sortable tables loads (a file of the site: the CSP allows no inline script). */
export function sortScript(site: Site): string {
  return `<script type="module" src="${forHtml(site.options.baseUrl + SORT_TABLE_SCRIPT_PATH)}"></script>`;
}

/** Ready and not ready per category (stage, group): a stacked bar each. */
function readinessChart(
  id: string,
  title: string,
  categoryHeading: string,
  totals: Record<string, ReleaseTotals>,
  release: string,
): ChartData {
  const entries = Object.entries(totals);
  return {
    id,
    title,
    description: `KEPs targeting ${release} per ${categoryHeading.toLowerCase()}, ready and not ready for the enhancements freeze.`,
    categoryHeading,
    categories: entries.map(([name]) => name || '(none)'),
    series: [
      { name: 'Ready', tone: 'pass', values: entries.map(([, t]) => t.ready) },
      { name: 'Not ready', tone: 'error', values: entries.map(([, t]) => t.notReady) },
    ],
  };
}

/** Per criterion, how many KEPs pass, fail and are skipped. */
function criteriaChart(report: ReleaseReport): ChartData {
  const count = (id: string, verdict: string) =>
    report.keps.filter((kep) => kep.criteria.some((c) => c.id === id && c.verdict === verdict)).length;
  return {
    id: 'release-criteria',
    title: 'Readiness per criterion',
    description: `For each freeze criterion, how many KEPs targeting ${report.release} pass, fail or skip it.`,
    categoryHeading: 'Criterion',
    categories: report.criteria.map((c) => c.id),
    series: [
      { name: 'Pass', tone: 'pass', values: report.criteria.map((c) => count(c.id, 'pass')) },
      { name: 'Fail', tone: 'error', values: report.criteria.map((c) => count(c.id, 'fail')) },
      { name: 'Skip', tone: 'muted', values: report.criteria.map((c) => count(c.id, 'skip')) },
    ],
  };
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
    const number = kep.kepNumber || kep.proposalId;
    return `<tr><td data-sort="${forHtml(String(kep.number ?? number))}">${forHtml(number)}</td><td>${link(kep.dir, kep.title)}</td>${cell(kep.owningSig)}${cell(kep.stage)}${verdict}${verdicts}</tr>`;
  });
  const apart = (title: string, keps: ReleaseReport['planned']) =>
    keps.length === 0
      ? ''
      : `<h2>${forHtml(title)}</h2><ul>${keps.map((kep) => `<li>${link(kep.dir, kep.title)} <span class="muted">${forHtml(kep.status)} · ${forHtml(kep.targetedBy)}</span></li>`).join('')}</ul>`;
  const { all } = report.totals;
  const body = `<h1>Release ${forHtml(report.release)}</h1>
<p>${all.keps} KEPs target ${forHtml(report.release)}: <span class="pass">${all.ready} ready</span>, <span class="error">${all.notReady} not ready</span> for the enhancements freeze.</p>
${report.currentRelease && report.currentRelease !== report.release ? `<p class="muted">Looked back on from ${forHtml(report.currentRelease)}: a KEP that has shipped since is judged as such.</p>` : ''}
${report.notices.map((notice) => `<p class="muted">${forHtml(notice)}</p>`).join('\n')}
${
  report.keps.length === 0
    ? ''
    : `<h2>Totals</h2>
${chartFigure(readinessChart('release-stages', 'Totals per stage', 'Stage', report.totals.byStage, report.release), { sortable: true })}
${chartFigure(readinessChart('release-groups', 'Totals per group', 'Group', report.totals.bySig, report.release), { sortable: true })}
${chartFigure(criteriaChart(report), { sortable: true })}`
}
<h2>KEPs</h2>
<p class="muted no-print">Sort a table by a column with its heading's button.</p>
<table class="sortable" id="release-keps"><caption class="muted">Every KEP targeting ${forHtml(report.release)}, by number, with its verdict per criterion</caption><thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Group</th><th scope="col">Stage</th><th scope="col">Verdict</th>${criteriaHead}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
${apart('Planned, not opted in', report.planned)}
${apart('Stopped', report.stopped)}
${sortScript(site)}`;
  return page(site, `Release ${report.release}`, body);
}

/** A release's place in the index: what targets it now (latest-milestone at HEAD), per stage, and what plans it. */
interface ReleaseSummary {
  release: string;
  byStage: Map<string, number>;
  targeted: number;
  planned: number;
}

function releaseSummaries(site: Site): ReleaseSummary[] {
  const { stages } = site.facts.profile.metadata;
  return site.releases.map((release) => {
    const summary: ReleaseSummary = { release, byStage: new Map(), targeted: 0, planned: 0 };
    for (const proposal of site.proposals) {
      const target = releaseTarget(proposal.metadata, release, stages);
      if (!target) continue;
      if (target.kind === 'planned') {
        summary.planned++;
        continue;
      }
      summary.targeted++;
      const stage = stageSeries(site.facts.profile, target.stage);
      summary.byStage.set(stage, (summary.byStage.get(stage) ?? 0) + 1);
    }
    return summary;
  });
}

/** Every release a latest-milestone names, newest first: its KEPs per stage, charted and in a sortable table. */
export function releasesPage(site: Site): string {
  const base = site.options.baseUrl;
  const summaries = releaseSummaries(site);
  const columns = stageOrderOf(
    site.facts.profile,
    summaries.flatMap((summary) => [...summary.byStage.keys()]),
  );
  const chart: ChartData = {
    id: 'releases-stages',
    title: 'KEPs per release and stage',
    description:
      'For each release, the KEPs whose latest-milestone names it today, by the stage they have (a KEP that moved on to a later release counts there only).',
    categoryHeading: 'Release',
    categories: summaries.map((summary) => summary.release),
    series: columns.map((stage) => ({
      name: stage,
      values: summaries.map((summary) => summary.byStage.get(stage) ?? 0),
    })),
  };
  const rows = summaries.map((summary) => {
    const current = summary.release === site.facts.release ? ' <span class="muted">(current)</span>' : '';
    const [major, minor] = summary.release.slice(1).split('.').map(Number);
    return `<tr><td data-sort="${major! * 10_000 + minor!}"><a href="${forHtml(base + releasePath(summary.release))}">${forHtml(summary.release)}</a>${current}</td><td class="number">${summary.targeted}</td>${columns
      .map((stage) => `<td class="number">${summary.byStage.get(stage) ?? 0}</td>`)
      .join('')}<td class="number">${summary.planned}</td></tr>`;
  });
  const body = `<h1>Releases</h1>
<p class="muted">${summaries.length} releases that a KEP’s latest-milestone names, newest first. Each release’s page judges the KEPs targeting it for the enhancements freeze (<code>kep release</code>).</p>
${
  summaries.length === 0
    ? '<p>No proposal names a release in its latest-milestone.</p>'
    : `<figure class="chart-figure">${chartSvg(chart)}
<table class="sortable" id="releases-table"><caption>Releases and their KEPs</caption><thead><tr><th scope="col">Release</th><th scope="col" class="number">KEPs</th>${columns
        .map((stage) => `<th scope="col" class="number">${forHtml(stage)}</th>`)
        .join('')}<th scope="col" class="number">Planned, not opted in</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></figure>
${sortScript(site)}`
}`;
  return page(site, 'Releases', body);
}
