// The statistics page: from the git history, proposals per stage per release, the time from the first stage to
// the last, perma-beta and the same per group; without history, what the metadata at HEAD tells (and why no more).
import { forHtml, type Proposal } from '../../model/index.js';
import { type ChartData, chartFigure } from '../charts.js';
import type { Site } from '../site.js';
import {
  type HistoryStatistics,
  historyStatistics,
  NO_STAGE,
  PERMA_BETA_RELEASES,
  stageOrderOf,
  stageSeries,
} from '../statistics.js';
import { proposalPath } from '../urls.js';
import { cell, page } from './layout.js';
import { sortScript } from './release.js';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Count the proposals by a key; the keys in first-seen order. */
function countBy(proposals: readonly Proposal[], key: (proposal: Proposal) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const proposal of proposals) counts.set(key(proposal), (counts.get(key(proposal)) ?? 0) + 1);
  return counts;
}

function barsOf(
  id: string,
  title: string,
  description: string,
  heading: string,
  counts: Map<string, number>,
  order: string[],
): ChartData {
  return {
    id,
    title,
    description,
    categoryHeading: heading,
    categories: order,
    series: [{ name: 'Proposals', values: order.map((name) => counts.get(name) ?? 0) }],
  };
}

/** Proposals now per stage, per status, and per group by stage: what the metadata at HEAD tells. */
function nowSection(site: Site, withGroups: boolean): string {
  const { proposals } = site;
  const { statuses } = site.facts.profile.metadata;
  const byStage = countBy(proposals, (proposal) => stageSeries(site.facts.profile, proposal.metadata.stage));
  const stages = stageOrderOf(site.facts.profile, byStage.keys());
  const byStatus = countBy(proposals, (proposal) => proposal.metadata.status || '(none)');
  const statusOrder = [
    ...statuses.filter((status) => byStatus.has(status)),
    ...[...byStatus.keys()].filter((status) => !statuses.includes(status)).sort(),
  ];
  const parts = [
    chartFigure(
      barsOf(
        'now-stages',
        'Proposals per stage now',
        'How many proposals have each stage in their metadata at HEAD.',
        'Stage',
        byStage,
        stages,
      ),
      { sortable: true },
    ),
    chartFigure(
      barsOf(
        'now-statuses',
        'Proposals per status now',
        'How many proposals have each status in their metadata at HEAD.',
        'Status',
        byStatus,
        statusOrder,
      ),
      { sortable: true },
    ),
  ];
  if (withGroups) {
    const groups = [
      ...new Set(proposals.map((proposal) => proposal.metadata.owningGroup || NO_STAGE)),
    ].sort();
    parts.push(
      chartFigure(
        {
          id: 'now-groups',
          title: 'Proposals per group and stage now',
          description: 'For each owning group, its proposals by the stage their metadata has at HEAD.',
          categoryHeading: 'Group',
          categories: groups,
          series: stages.map((stage) => ({
            name: stage,
            values: groups.map(
              (group) =>
                proposals.filter(
                  (proposal) =>
                    (proposal.metadata.owningGroup || NO_STAGE) === group &&
                    stageSeries(site.facts.profile, proposal.metadata.stage) === stage,
                ).length,
            ),
          })),
        },
        { sortable: true },
      ),
    );
  }
  return parts.join('\n');
}

function historySections(site: Site, stats: HistoryStatistics): string {
  const base = site.options.baseUrl;
  const byDir = new Map(site.proposals.map((proposal) => [proposal.dir, proposal]));
  const link = (path: string, id: string, title: string | null) => {
    const proposal = byDir.get(path);
    const text = forHtml(title || id);
    return proposal ? `<a href="${forHtml(base + proposalPath(proposal))}">${text}</a>` : text;
  };
  const { firstStage, lastStage, waitingStage } = stats;
  const perRelease: ChartData = {
    id: 'history-releases',
    title: 'Proposals per stage per release',
    description: `For each release, oldest first, the proposals whose latest-milestone named it, by the stage they had in the last version of their metadata that named it (from the git history).`,
    categoryHeading: 'Release',
    categories: stats.perRelease.map((entry) => entry.release),
    series: stats.stages.map((stage) => ({
      name: stage,
      values: stats.perRelease.map((entry) => entry.byStage.get(stage) ?? 0),
    })),
  };
  const distribution: ChartData = {
    id: 'history-alpha-stable',
    title: `Releases from ${firstStage} to ${lastStage}`,
    description: `How many proposals now ${lastStage} took each number of releases from their ${firstStage} release to their ${lastStage} release.`,
    categoryHeading: 'Releases',
    categories: [...stats.distribution.keys()].map(String),
    series: [{ name: 'Proposals', values: [...stats.distribution.values()] }],
  };
  const took = stats.alphaToStable.map(
    (entry) =>
      `<tr>${cell(entry.proposalId)}<td>${link(entry.path, entry.proposalId, entry.title)}</td>${cell(entry.first)}${cell(entry.last)}<td class="number">${entry.releases}</td>${cell(entry.source === 'milestone' ? 'milestones' : 'history')}</tr>`,
  );
  const stuck = stats.permaBeta.map(
    (entry) =>
      `<tr>${cell(entry.proposalId)}<td>${link(entry.path, entry.proposalId, entry.title)}</td>${cell(entry.status)}${cell(entry.since)}<td class="number">${entry.releases}</td></tr>`,
  );
  const groupStages = stats.stages.filter((stage) =>
    stats.perGroup.some((group) => group.byStage.has(stage)),
  );
  const perGroupChart: ChartData = {
    id: 'history-groups',
    title: 'Proposals per group and stage now',
    description: 'For each owning group, its proposals by the stage they have at HEAD.',
    categoryHeading: 'Group',
    categories: stats.perGroup.map((group) => group.group),
    series: groupStages.map((stage) => ({
      name: stage,
      values: stats.perGroup.map((group) => group.byStage.get(stage) ?? 0),
    })),
  };
  const groupRows = stats.perGroup.map(
    (group) =>
      `<tr><th scope="row">${forHtml(group.group)}</th><td class="number">${group.proposals}</td><td class="number">${group.reachedLast}</td><td class="number">${group.median ?? ''}</td><td class="number">${group.permaBeta}</td></tr>`,
  );
  return `<h2 id="per-release">Proposals per stage per release</h2>
${chartFigure(perRelease, { sortable: true })}
<h2 id="alpha-to-stable">Time from ${forHtml(firstStage)} to ${forHtml(lastStage)}</h2>
<p>${plural(stats.alphaToStable.length, 'proposal')} now ${forHtml(lastStage)} with a known ${forHtml(firstStage)} release${
    stats.median === undefined ? '.' : `: the median is <strong>${plural(stats.median, 'release')}</strong>.`
  } <span class="muted">The releases are <code>milestone.${forHtml(firstStage)}</code> and <code>milestone.${forHtml(lastStage)}</code> where set, else the first release the history shows at that stage.</span></p>
${stats.alphaToStable.length === 0 ? '' : chartFigure(distribution)}
${
  took.length === 0
    ? ''
    : `<details><summary>Every proposal from ${forHtml(firstStage)} to ${forHtml(lastStage)} (${took.length})</summary>
<table class="sortable" id="alpha-stable-table"><caption>Proposals from ${forHtml(firstStage)} to ${forHtml(lastStage)}</caption><thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">${forHtml(firstStage)}</th><th scope="col">${forHtml(lastStage)}</th><th scope="col" class="number">Releases</th><th scope="col">From</th></tr></thead><tbody>
${took.join('\n')}
</tbody></table></details>`
}
${
  waitingStage
    ? `<h2 id="perma-${forHtml(waitingStage)}">Perma-${forHtml(waitingStage)}</h2>
<p>${plural(stuck.length, 'open proposal')} in ${forHtml(waitingStage)} for ${PERMA_BETA_RELEASES} releases or more${stats.currentRelease ? ` up to ${forHtml(stats.currentRelease)}` : ''} (as <code>kep history --stuck</code> counts: from <code>milestone.${forHtml(waitingStage)}</code>, else the release when the stage was set).</p>
${
  stuck.length === 0
    ? ''
    : `<table class="sortable" id="perma-table"><caption>Perma-${forHtml(waitingStage)} proposals, longest first</caption><thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Since</th><th scope="col" class="number">Releases</th></tr></thead><tbody>
${stuck.join('\n')}
</tbody></table>`
}`
    : ''
}
<h2 id="per-group">Per group</h2>
${chartFigure(perGroupChart, { sortable: true })}
<table class="sortable" id="group-table"><caption>Per group: proposals, time from ${forHtml(firstStage)} to ${forHtml(lastStage)}, perma-${forHtml(waitingStage ?? '')}</caption><thead><tr><th scope="col">Group</th><th scope="col" class="number">Proposals</th><th scope="col" class="number">Now ${forHtml(lastStage)}, ${forHtml(firstStage)} known</th><th scope="col" class="number">Median releases ${forHtml(firstStage)} → ${forHtml(lastStage)}</th><th scope="col" class="number">Perma-${forHtml(waitingStage ?? '')}</th></tr></thead><tbody>
${groupRows.join('\n')}
</tbody></table>
<h2 id="now">Now</h2>
${nowSection(site, false)}`;
}

export function statisticsPage(site: Site): string {
  const history = site.history;
  let body: string;
  if (history) {
    const byDir = new Map(site.proposals.map((proposal) => [proposal.dir, proposal]));
    const stats = historyStatistics(
      history.histories,
      site.facts.profile,
      (dir) => {
        const proposal = byDir.get(dir);
        return proposal ? (proposal.metadata.owningGroup ?? '') : undefined;
      },
      site.facts.release ? { currentRelease: site.facts.release } : {},
    );
    body = `<h1>Statistics</h1>
<p class="muted">${plural(site.proposals.length, 'proposal')}; from the git history at ${forHtml(history.head.slice(0, 12))} (${plural(history.histories.length, 'metadata file')} followed).</p>
<nav aria-label="Sections" class="no-print"><ul class="inline"><li><a href="#per-release">Per release</a></li><li><a href="#alpha-to-stable">${forHtml(stats.firstStage)} to ${forHtml(stats.lastStage)}</a></li>${stats.waitingStage ? `<li><a href="#perma-${forHtml(stats.waitingStage)}">Perma-${forHtml(stats.waitingStage)}</a></li>` : ''}<li><a href="#per-group">Per group</a></li><li><a href="#now">Now</a></li></ul></nav>
${historySections(site, stats)}`;
  } else {
    body = `<h1>Statistics</h1>
<p class="notice">No git history here, so no statistics over time (stages per release, time from one stage to the next, perma-beta): run <code>kep serve</code> or <code>kep build-site</code> in a full git clone of the repository (not a shallow one). What the metadata at HEAD tells:</p>
${nowSection(site, true)}`;
  }
  return page(site, 'Statistics', `${body}\n${sortScript(site)}`);
}
