// A proposal's page: its metadata and approvals, its findings (listed at the top, and each shown beside what it
// points at: the README block holding its line, the metadata field it concerns), its stage timeline, a link to
// its files on the forge, its README.
import type { Diagnostic, MetadataKey, OptionalMetadataKey, Proposal } from '../../model/index.js';
import { forHtml } from '../../model/index.js';
import { fileUrl } from '../forge.js';
import { type BlockNote, renderMarkdown } from '../markdown.js';
import { MERMAID_INIT_PATH, MERMAID_SCRIPT_PATH } from '../mermaid.js';
import { ruleDocsHref } from '../rules-page.js';
import type { Site } from '../site.js';
import { timelineSection } from '../timeline.js';
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

/** The id of a finding's note on the page, where the findings list links to. */
const findingId = (index: number): string => `finding-${index + 1}`;

/** A finding, shown beside what it points at: severity, message, where, and its rule linked to the rule's docs. */
function findingNote(site: Site, diagnostic: Diagnostic, index: number): string {
  const rule = ruleDocsHref(site, diagnostic.rule);
  const ruleText = rule
    ? `<a href="${forHtml(rule)}">${forHtml(diagnostic.rule)}</a>`
    : `<code>${forHtml(diagnostic.rule)}</code>`;
  return `<div class="finding-note ${diagnostic.severity}-note" id="${findingId(index)}" role="note" aria-label="${diagnostic.severity}"><span class="${diagnostic.severity}">${diagnostic.severity}</span> <span class="muted">${forHtml(`${diagnostic.file}:${diagnostic.line}`)}</span> ${forHtml(diagnostic.message)} ${ruleText}</div>\n`;
}

/** A link to a repo-relative file on the forge (or under the profile's link base); undefined when neither is http(s). */
function forgeHref(site: Site, file: string): string | undefined {
  const forge = site.options.forge;
  const href = forge
    ? fileUrl(forge, file)
    : site.options.linkBase
      ? encodeURI(site.options.linkBase + file)
      : undefined;
  // Only a forge over http(s) is linked: the base comes from a config or a profile, the path from the repository.
  return href && /^https?:\/\//.test(href) ? href : undefined;
}

/** The forge's name for the link text: `GitHub`, `GitLab`…, else the host. */
function forgeName(site: Site, href: string): string {
  const kind = site.options.forge?.kind;
  if (kind === 'github') return 'GitHub';
  if (kind === 'gitlab') return 'GitLab';
  if (kind === 'bitbucket') return 'Bitbucket';
  return new URL(href).host;
}

interface Row {
  label: string;
  /** The metadata field the row shows: the kep.yaml findings on its key are shown in it. */
  key?: MetadataKey | OptionalMetadataKey;
  value: string;
  /** Shown only beside a finding (the title is the page's heading already). */
  onlyWithNotes?: boolean;
}

/** Which metadata field a line of the metadata file belongs to: the last top-level key at or before it. */
function metadataFieldAt(proposal: Proposal): (line: number) => string | undefined {
  const doc = proposal.metadataFile;
  const data = doc?.data;
  if (!doc || !data || typeof data !== 'object' || Array.isArray(data)) return () => undefined;
  const starts = Object.keys(data)
    .map((key) => ({ key, line: doc.keyPosition([key]).line }))
    .sort((a, b) => a.line - b.line);
  return (line) => {
    let found: string | undefined;
    for (const start of starts) if (start.line <= line) found = start.key;
    return found;
  };
}

function definitionList(rows: Row[], notesFor: (row: Row) => string, className = 'metadata'): string {
  const items = rows
    .map((row) => ({ row, notes: notesFor(row) }))
    .filter(({ row, notes }) => (row.value && !row.onlyWithNotes) || notes)
    .map(
      ({ row, notes }) =>
        `<dt>${forHtml(row.label)}</dt><dd>${row.value || '<span class="muted">not set</span>'}${notes}</dd>`,
    );
  return items.length === 0 ? '' : `<dl class="${className}">${items.join('')}</dl>`;
}

const text = (value: string | undefined | null): string => forHtml(value ?? '');

/** The proposal's page and whether it draws diagrams (it then loads mermaid and allows inline styles). */
export function renderProposalPage(site: Site, proposal: Proposal): { html: string; hasMermaid: boolean } {
  const diagnostics = site.findings.get(proposal.dir) ?? [];
  const { metadata } = proposal;
  const keys = site.options.lint.profile.metadata.keys;
  const metadataPath = proposal.metadataFile?.file.path;
  const readmeText = proposal.readme?.file.text;
  // A one-file proposal's metadata is its README's front matter: those lines are metadata, not text.
  const frontMatterEnd =
    readmeText !== undefined && metadataPath === proposal.readmePath ? frontMatterLines(readmeText) : 0;
  const fieldAt = metadataFieldAt(proposal);

  // Where each finding is shown: a README block, a metadata row (by the kep.yaml key), the PRR row, or only the list.
  const readmeNotes: BlockNote[] = [];
  const byKey = new Map<string, string[]>();
  const prrNotes: string[] = [];
  const placed = new Set<number>();
  diagnostics.forEach((diagnostic, index) => {
    const note = findingNote(site, diagnostic, index);
    const inFrontMatter =
      diagnostic.file === metadataPath &&
      (metadataPath !== proposal.readmePath || diagnostic.line <= frontMatterEnd);
    if (inFrontMatter) {
      const key = fieldAt(diagnostic.line) ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), note]);
    } else if (diagnostic.file === proposal.readmePath && readmeText !== undefined) {
      readmeNotes.push({ line: Math.max(diagnostic.line, 1), html: note });
    } else if (proposal.prrPath && diagnostic.file === proposal.prrPath) {
      prrNotes.push(note);
    } else return;
    placed.add(index);
  });
  const notesOfKey = (yamlKey: string | undefined): string => {
    if (yamlKey === undefined) return '';
    const notes = byKey.get(yamlKey) ?? [];
    byKey.delete(yamlKey);
    return notes.join('');
  };
  const rowNotes = (row: Row) => notesOfKey(row.key ? keys[row.key] : undefined);

  const milestones = Object.entries(metadata.milestones)
    .map(([stage, milestone]) => `${text(stage)} ${text(milestone)}`)
    .join(', ');
  const related = (values: string[]) => values.map((value) => relatedLink(site, value)).join(', ');
  const metadataRows: Row[] = [
    { label: 'Title', key: 'title', value: text(metadata.title), onlyWithNotes: true },
    { label: 'Number', key: 'number', value: proposal.number === null ? '' : String(proposal.number) },
    { label: 'Status', key: 'status', value: text(metadata.status) },
    { label: 'Stage', key: 'stage', value: text(metadata.stage) },
    { label: 'Latest milestone', key: 'latestMilestone', value: text(metadata.latestMilestone) },
    { label: 'Milestones', key: 'milestones', value: milestones },
    { label: 'Owning group', key: 'owningGroup', value: text(metadata.owningGroup) },
    {
      label: 'Participating groups',
      key: 'participatingGroups',
      value: text(metadata.participatingGroups.join(', ')),
    },
    { label: 'Authors', key: 'authors', value: text(metadata.authors.join(', ')) },
    {
      label: 'Feature gates',
      key: 'featureGates',
      value: text(metadata.featureGates.map((gate) => gate.name).join(', ')),
    },
    { label: 'Created', key: 'creationDate', value: text(metadata.creationDate) },
    { label: 'Last updated', key: 'lastUpdated', value: text(metadata.lastUpdated) },
    { label: 'See also', key: 'seeAlso', value: related(metadata.seeAlso) },
    { label: 'Replaces', key: 'replaces', value: related(metadata.replaces) },
    { label: 'Superseded by', key: 'supersededBy', value: related(metadata.supersededBy) },
    { label: 'Directory', value: text(proposal.dir) },
  ];
  const approvalRows: Row[] = [
    { label: 'Approvers', key: 'approvers', value: text(metadata.approvers.join(', ')) },
    { label: 'Reviewers', key: 'reviewers', value: text(metadata.reviewers.join(', ')) },
  ];
  const approvals = definitionList(approvalRows, rowNotes, 'metadata approvals');
  const metadataList = definitionList(metadataRows, rowNotes);
  // Findings on keys no row shows (an unknown field, the document start), under the key as written.
  const otherRows = [...byKey.entries()].map(
    ([key, notes]) => `<dt>${key ? text(key) : text(metadataPath)}</dt><dd>${notes.join('')}</dd>`,
  );
  const otherMetadata = otherRows.length > 0 ? `<dl class="metadata">${otherRows.join('')}</dl>` : '';

  const prrStages = proposal.prr
    ? Object.entries(proposal.prr.approvers).map(
        ([stage, who]) =>
          `<tr><td>${text(stage)}</td><td>${who ? text(who) : '<span class="muted">none</span>'}</td></tr>`,
      )
    : [];
  const prrHref = proposal.prrPath ? forgeHref(site, proposal.prrPath) : undefined;
  const prrFile = proposal.prrPath
    ? prrHref
      ? `<a href="${forHtml(prrHref)}">${text(proposal.prrPath)}</a>`
      : `<code>${text(proposal.prrPath)}</code>`
    : '';
  const prr =
    prrStages.length > 0
      ? `<div class="table-scroll"><table class="prr"><caption>Production readiness approvers (${prrFile})</caption><thead><tr><th scope="col">Stage</th><th scope="col">PRR approver</th></tr></thead><tbody>${prrStages.join('')}</tbody></table></div>`
      : `<p class="muted">No production readiness approval file${proposal.prrPath ? ` (${prrFile})` : ''}.</p>`;

  const rendered =
    readmeText === undefined
      ? undefined
      : renderMarkdown(blankLines(readmeText, frontMatterEnd), {
          findingLines: readmeNotes.map((note) => note.line),
          notes: readmeNotes,
        });

  const items = diagnostics.map((diagnostic, index) => {
    const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
    const place = placed.has(index) ? `<a href="#${findingId(index)}">${forHtml(where)}</a>` : forHtml(where);
    return `<li><span class="${diagnostic.severity}">${diagnostic.severity}</span> ${place} ${forHtml(diagnostic.message)} <span class="muted">${forHtml(diagnostic.rule)}</span></li>`;
  });
  const findings =
    items.length === 0
      ? '<p class="pass">No lint findings.</p>'
      : `<ul class="findings">\n${items.join('\n')}\n</ul>`;

  const sources = [
    ['README', proposal.readme ? proposal.readmePath : undefined],
    ['metadata', metadataPath !== proposal.readmePath ? metadataPath : undefined],
  ]
    .map(([label, file]) => (file ? { label, file, href: forgeHref(site, file) } : undefined))
    .filter((source) => source?.href);
  const sourceLinks =
    sources.length > 0
      ? `<p class="source-links">Read on ${forHtml(forgeName(site, sources[0]!.href!))}: ${sources
          .map(
            (source) =>
              `<a href="${forHtml(source!.href!)}">${forHtml(source!.file.split('/').pop() ?? source!.file)}</a>`,
          )
          .join(' · ')}</p>`
      : '';

  const readme = rendered
    ? `<article class="readme" aria-label="README">\n${rendered.html}\n</article>`
    : `<p class="muted">No README (${forHtml(proposal.readmePath)}).</p>`;
  const title = metadata.title || proposal.dir;
  const body = `<h1>${forHtml(title)}</h1>
${sourceLinks}
${metadataList}${otherMetadata}
<section aria-labelledby="approvals"><h2 id="approvals">Approvals</h2>
${approvals}
${prr}${prrNotes.join('')}
</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findings}
</section>
${timelineSection(site, proposal)}
${readme}`;
  const hasMermaid = rendered?.hasMermaid === true;
  return {
    html: page(site, title, body, hasMermaid ? [MERMAID_SCRIPT_PATH, MERMAID_INIT_PATH] : [], [], {
      inlineStyles: hasMermaid,
    }),
    hasMermaid,
  };
}

/** A proposal: its metadata, approvals, findings (each beside what it points at), timeline and README. */
export function proposalPage(site: Site, proposal: Proposal): string {
  return renderProposalPage(site, proposal).html;
}

/** The number of lines a leading `---` front matter block takes (0 when the text has none). */
function frontMatterLines(text: string): number {
  if (!/^---\r?\n/.test(text)) return 0;
  const lines = text.split('\n', 2001);
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)\r?$/.test(lines[i]!)) return i + 1;
  return 0;
}

/** The text with its first `count` lines blanked: the rest keeps its line numbers. */
function blankLines(text: string, count: number): string {
  if (count === 0) return text;
  return text
    .split('\n')
    .map((line, index) => (index < count ? '' : line))
    .join('\n');
}
