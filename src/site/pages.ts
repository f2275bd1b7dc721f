// The pages, as HTML strings: real HTML that reads without JavaScript. Every text from the repository goes
// through `forHtml` (or, a README, through the sanitizer); nothing here runs a script.
import { loadFacts, loadProposal } from '../load/index.js';
import { type Diagnostic, forHtml, type Proposal } from '../model/index.js';
import { type ReleaseReport, releaseReport, releaseTarget } from '../query/release/release.js';
import { blockLineFor, lineId, renderMarkdown } from './markdown.js';
import type { Site } from './site.js';
import { proposalPath, releasePath, STYLESHEET_PATH } from './urls.js';

function page(site: Site, title: string, body: string): string {
  const base = forHtml(site.options.baseUrl);
  const releases = site.releases[0]
    ? `<a href="${base}${releasePath(site.releases[0])}">Release ${forHtml(site.releases[0])}</a>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${forHtml(title)}</title>
<link rel="stylesheet" href="${base}${STYLESHEET_PATH}">${
    site.options.liveReloadScript
      ? `\n<script src="${base}${forHtml(site.options.liveReloadScript)}" defer></script>`
      : ''
  }
</head>
<body>
<header><nav aria-label="Site"><a href="${base}">Proposals</a>${releases}</nav></header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

const cell = (text: string | undefined | null): string => `<td>${forHtml(text ?? '')}</td>`;

function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

function findingsCell(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = counts(diagnostics);
  if (errors + warnings === 0) return '<td class="pass">none</td>';
  const parts = [
    errors > 0 ? `<span class="error">${errors} error${errors === 1 ? '' : 's'}</span>` : '',
    warnings > 0 ? `<span class="warning">${warnings} warning${warnings === 1 ? '' : 's'}</span>` : '',
  ];
  return `<td>${parts.filter(Boolean).join(', ')}</td>`;
}

function groupsOf(proposal: Proposal): string[] {
  const { owningGroup, participatingGroups } = proposal.metadata;
  return [...new Set([owningGroup ?? '', ...participatingGroups].filter(Boolean))];
}

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

/**
 * A see-also, replaces or superseded-by entry: a link to the proposal's page when it names one of the
 * repository's proposals (`/keps/sig-node/2400-node-swap`, `2400`), a link when it is an http(s) URL, else text.
 */
function relatedLink(site: Site, value: string): string {
  const key = value.trim().replace(/^\/+|\/+$/g, '');
  const proposal = site.proposals.find(
    (p) =>
      p.dir === key || p.dir === key.replace(/\.md$/, '') || (/^\d+$/.test(key) && p.number === Number(key)),
  );
  if (proposal)
    return `<a href="${forHtml(site.options.baseUrl + proposalPath(proposal))}">${forHtml(value)}</a>`;
  const url = /^https?:\/\/\S+/.exec(value.trim())?.[0];
  if (url) return `<a href="${forHtml(url)}" rel="nofollow">${forHtml(value)}</a>`;
  return forHtml(value);
}

function metadataList(site: Site, proposal: Proposal): string {
  const { metadata } = proposal;
  const milestones = Object.entries(metadata.milestones)
    .map(([stage, milestone]) => `${stage} ${milestone}`)
    .join(', ');
  const rows: [string, string | undefined][] = [
    ['Number', proposal.number === null ? undefined : String(proposal.number)],
    ['Status', metadata.status],
    ['Stage', metadata.stage],
    ['Latest milestone', metadata.latestMilestone],
    ['Milestones', milestones],
    ['Owning group', metadata.owningGroup],
    ['Participating groups', metadata.participatingGroups.join(', ')],
    ['Authors', metadata.authors.join(', ')],
    ['Reviewers', metadata.reviewers.join(', ')],
    ['Approvers', metadata.approvers.join(', ')],
    [
      'PRR approvers',
      proposal.prr
        ? Object.entries(proposal.prr.approvers)
            .map(([stage, who]) => `${stage} ${who ?? ''}`)
            .join(', ')
        : undefined,
    ],
    ['Feature gates', metadata.featureGates.map((gate) => gate.name).join(', ')],
    ['Created', metadata.creationDate],
    ['Last updated', metadata.lastUpdated],
    ['Directory', proposal.dir],
  ];
  const items = rows
    .filter(([, value]) => value)
    .map(([name, value]) => `<dt>${forHtml(name)}</dt><dd>${forHtml(value!)}</dd>`);
  for (const [name, values] of [
    ['See also', metadata.seeAlso],
    ['Replaces', metadata.replaces],
    ['Superseded by', metadata.supersededBy],
  ] as const) {
    if (values.length > 0)
      items.push(`<dt>${name}</dt><dd>${values.map((value) => relatedLink(site, value)).join(', ')}</dd>`);
  }
  const linkBase = site.options.linkBase;
  if (linkBase) {
    const href = linkBase + proposal.dir;
    // Only a forge over http(s) is linked: the base comes from a profile, the path from the repository.
    if (/^https?:\/\//.test(href))
      items.push(
        `<dt>Source</dt><dd><a href="${forHtml(encodeURI(href))}">${forHtml(proposal.dir)}</a></dd>`,
      );
  }
  return `<dl class="metadata">${items.join('')}</dl>`;
}

/** A proposal: its metadata, its findings (each linked to the block of the README it points into), its README. */
export function proposalPage(site: Site, proposal: Proposal): string {
  const diagnostics = site.findings.get(proposal.dir) ?? [];
  const readmeFindings = diagnostics.filter((diagnostic) => diagnostic.file === proposal.readmePath);
  const readmeText = proposal.readme?.file.text;
  const rendered =
    readmeText === undefined
      ? undefined
      : renderMarkdown(
          readmeText,
          readmeFindings.map((d) => d.line),
        );
  const items = diagnostics.map((diagnostic) => {
    const block =
      rendered && diagnostic.file === proposal.readmePath
        ? blockLineFor(rendered.blockLines, diagnostic.line)
        : undefined;
    const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
    const place = block === undefined ? forHtml(where) : `<a href="#${lineId(block)}">${forHtml(where)}</a>`;
    return `<li><span class="${diagnostic.severity}">${diagnostic.severity}</span> ${place} ${forHtml(diagnostic.message)} <span class="muted">${forHtml(diagnostic.rule)}</span></li>`;
  });
  const title = proposal.metadata.title || proposal.dir;
  const findings =
    items.length === 0
      ? '<p class="pass">No lint findings.</p>'
      : `<ul class="findings">\n${items.join('\n')}\n</ul>`;
  const readme = rendered
    ? `<article class="readme" aria-label="README">\n${rendered.html}\n</article>`
    : `<p class="muted">No README (${forHtml(proposal.readmePath)}).</p>`;
  const body = `<h1>${forHtml(title)}</h1>
${metadataList(site, proposal)}
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findings}
</section>
${readme}`;
  return page(site, title, body);
}

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
