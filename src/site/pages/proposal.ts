// A proposal's page: its metadata, its findings (each linked to the README block it points into), its README.
import { forHtml, type Proposal } from '../../model/index.js';
import { blockLineFor, lineId, renderMarkdown } from '../markdown.js';
import type { Site } from '../site.js';
import { proposalPath } from '../urls.js';
import { page } from './layout.js';

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
