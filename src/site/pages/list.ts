// The list page: every proposal, one table row each, with its findings. Without JavaScript it is the whole
// table; with it (assets/list.js) the filter form appears, the column headers sort, and the URL's query string
// holds the view (`?sig=sig-node&stage=beta&sort=-number`), read from `api/list.json`.
import { compareMilestones, forHtml, MILESTONE_FORMAT, type Proposal } from '../../model/index.js';
import { LIST_SCRIPT_PATH } from '../client-assets.js';
import type { Site } from '../site.js';
import { proposalPath, releasePath } from '../urls.js';
import { cell, findingsCell, groupsOf, page } from './layout.js';

/** The sortable columns: their `sort=` names, in column order (a `-` before one sorts descending). */
export const LIST_COLUMNS = [
  ['number', 'Number'],
  ['title', 'Title'],
  ['groups', 'Groups'],
  ['status', 'Status'],
  ['stage', 'Stage'],
  ['latest-milestone', 'Latest milestone'],
  ['findings', 'Findings'],
] as const;

const distinct = (values: Iterable<string | undefined>): string[] =>
  [...new Set([...values].filter((value): value is string => Boolean(value)))].sort();

function options(values: readonly string[], labels: Record<string, string> = {}): string {
  return values
    .map((value) => `<option value="${forHtml(value)}">${forHtml(labels[value] ?? value)}</option>`)
    .join('');
}

function select(
  name: string,
  label: string,
  values: readonly string[],
  labels: Record<string, string> = {},
): string {
  const id = `filter-${name}`;
  return `<div class="filter"><label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">any</option>${options(values, labels)}</select></div>`;
}

function textInput(name: string, label: string, hint: string): string {
  const id = `filter-${name}`;
  return `<div class="filter"><label for="${id}">${label}</label><input id="${id}" name="${name}" type="search" maxlength="100" autocomplete="off" placeholder="${hint}"></div>`;
}

/** The filter form: one control per `kep query` filter the list can answer, named as the URL's parameters. */
function filterForm(site: Site): string {
  const proposals = site.proposals;
  const milestonesDesc = (values: Iterable<string | undefined>) =>
    distinct(values)
      .filter((value) => MILESTONE_FORMAT.test(value))
      .sort((a, b) => compareMilestones(b, a));
  const stages = distinct(proposals.map((proposal) => proposal.metadata.stage));
  const hasNoStage = proposals.some((proposal) => !proposal.metadata.stage);
  const sortOptions = LIST_COLUMNS.flatMap(([key, label]) => [
    [key, `${label}, ascending`],
    [`-${key}`, `${label}, descending`],
  ]);
  const base = forHtml(site.options.baseUrl);
  return `<form id="list-filters" class="list-filters" action="${base}" method="get" hidden>
<details id="list-filters-details"><summary>Filter and sort</summary>
<div class="filter-grid">
${textInput('text', 'Title or number', 'e.g. sidecar')}
${select('sig', 'Owning group', distinct(proposals.map((proposal) => proposal.metadata.owningGroup)))}
${select('participating-sig', 'Participating group', distinct(proposals.flatMap((proposal) => proposal.metadata.participatingGroups)))}
${select('status', 'Status', distinct(proposals.map((proposal) => proposal.metadata.status)))}
${select('stage', 'Stage', hasNoStage ? [...stages, 'none'] : stages, { none: 'none (no stage)' })}
${select('milestone', 'Milestone (any stage)', milestonesDesc(proposals.flatMap((proposal) => [proposal.metadata.latestMilestone, ...Object.values(proposal.metadata.milestones)])))}
${select('latest-milestone', 'Latest milestone', milestonesDesc(proposals.map((proposal) => proposal.metadata.latestMilestone)))}
${textInput('author', 'Author', '@handle')}
${textInput('approver', 'Approver', '@handle')}
${textInput('prr', 'PRR approver', '@handle')}
${select('findings', 'Findings', ['errors', 'no-errors', 'warnings', 'any', 'none'], { errors: 'with errors', 'no-errors': 'without errors', warnings: 'with warnings', any: 'with any finding', none: 'with no finding' })}
<div class="filter"><label for="filter-sort">Sort by</label><select id="filter-sort" name="sort"><option value="">repository order</option>${sortOptions.map(([value, label]) => `<option value="${value}">${label}</option>`).join('')}</select></div>
<div class="filter-actions"><button type="submit">Apply</button> <a href="${base}">Clear filters</a></div>
</div>
</details>
</form>`;
}

function row(site: Site, proposal: Proposal): string {
  const { metadata } = proposal;
  const base = site.options.baseUrl;
  const link = `<a href="${forHtml(base + proposalPath(proposal))}">${forHtml(metadata.title || proposal.dir)}</a>`;
  return `<tr data-id="${forHtml(proposal.id)}">${cell(proposal.number === null ? proposal.id : String(proposal.number))}<td>${link}</td>${cell(groupsOf(proposal).join(', '))}${cell(metadata.status)}${cell(metadata.stage)}${cell(metadata.latestMilestone)}${findingsCell(site.findings.get(proposal.dir) ?? [])}</tr>`;
}

/** The list of every proposal: one table row each. */
export function listPage(site: Site): string {
  const base = site.options.baseUrl;
  const releases = site.releases
    .map((release) => `<li><a href="${forHtml(base + releasePath(release))}">${forHtml(release)}</a></li>`)
    .join('');
  const headers = LIST_COLUMNS.map(([key, label]) => `<th scope="col" data-sort="${key}">${label}</th>`).join(
    '',
  );
  const body = `<h1>Proposals</h1>
${filterForm(site)}
<p id="list-count" class="muted" role="status" data-total="${site.proposals.length}">${site.proposals.length} proposals (${forHtml(site.facts.profile.name)} process).</p>
<div class="table-scroll" role="region" aria-labelledby="list-caption" tabindex="0">
<table class="proposal-list">
<caption id="list-caption" class="muted">Every proposal with its lint findings</caption>
<thead><tr>${headers}</tr></thead>
<tbody>
${site.proposals.map((proposal) => row(site, proposal)).join('\n')}
</tbody>
</table>
</div>
${releases ? `<h2>Releases</h2>\n<ul class="releases">${releases}</ul>` : ''}`;
  return page(site, 'Proposals', body, [], [LIST_SCRIPT_PATH]);
}
