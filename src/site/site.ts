// What the web UI shows, loaded once from the repository: every proposal (README parsed), its lint findings,
// and the releases that proposals target. `kep serve` reloads it when the repository changes; `kep
// build-site` renders every page of it once.
import { lintRepository, type RepositoryLintOptions } from '../lint/index.js';
import { readGitHead } from '../load/git-head.js';
import { loadFacts, loadProposal, type RepositoryLayout, walkRepository } from '../load/index.js';
import {
  compareDiagnostics,
  compareMilestones,
  type Diagnostic,
  MILESTONE_FORMAT,
  type Proposal,
  type RepositoryFacts,
} from '../model/index.js';
import {
  buildHistory,
  HistoryError,
  type HistoryOptions,
  type KepHistory,
} from '../query/history/history.js';
import type { ProposalCheck } from '../query/release/release.js';
import { ownerOf } from '../query/search/diagnostics.js';
import type { Forge } from './forge.js';

/** What the rules page shows of a rule. */
export interface RuleDoc {
  id: string;
  description: string;
  rationale: string;
  severity: string;
  appliesTo?: string;
}

/** What to say where the Atom feed would be, when the site's absolute URL is unknown. */
export const NO_FEED_NOTICE =
  'no feed.xml (an Atom feed of changes needs absolute links): set "site": {"url": "https://…/"} in kep.config.json or pass --site-url';

export interface SiteOptions {
  /** How to lint (the profile, load options, rule settings, cache): the findings are `kep lint`'s. */
  lint: RepositoryLintOptions;
  /** The lint rules by id, for the release pages (the caller passes the registry's lookup). */
  ruleById: (id: string) => ProposalCheck | undefined;
  /** The path the site is served under, with a trailing slash (`/`, `/enhancements/`). */
  baseUrl: string;
  /** The site's absolute URL (`https://example.org/enhancements/`, trailing slash): the feed's links; no feed when unset. */
  siteUrl?: string;
  /** The forge URL a repo-relative path is appended to (the profile's `links.base`), if known. */
  linkBase?: string;
  /** The rules the rules page documents (a finding's rule id links there); no page when unset. */
  rules?: readonly RuleDoc[];
  /** The forge the files are read on (config `site.repository`, else git's origin): preferred to `linkBase`. */
  forge?: Forge;
  /** The script path pages load to reload themselves when the repository changes (`kep serve`); none when unset. */
  liveReloadScript?: string;
  /** The full-text search endpoint below the base (`kep serve`'s `api/search`); unset: the built site's Pagefind index. */
  searchEndpoint?: string;
  /** Read the stage timelines and statistics from the repository's git history (cached as `kep history`'s); none when unset. */
  history?: HistoryOptions;
}

/** The git history of the proposals' status, stage and milestones, at one HEAD. */
export interface SiteHistory {
  head: string;
  histories: KepHistory[];
  /** The history of each proposal present at HEAD, by its directory (`Proposal.dir`). */
  byDir: Map<string, KepHistory>;
}

export interface Site {
  root: string;
  options: SiteOptions;
  layout: RepositoryLayout;
  facts: RepositoryFacts;
  /** Proposals, templates left out, in walk order (by directory). */
  proposals: Proposal[];
  /** Each proposal's findings (its own files and its PRR file), by its key (`Proposal.dir`), sorted. */
  findings: Map<string, Diagnostic[]>;
  /** Findings that belong to no single proposal (repository-level rules). */
  repositoryFindings: Diagnostic[];
  /** Every `vX.Y` that a proposal's latest-milestone names, newest first. */
  releases: string[];
  /** Undefined when history is not asked for, or the repository is not a git work tree (a notice says why). */
  history: SiteHistory | undefined;
  notices: string[];
}

/** Load the repository, lint it (through the lint cache) and gather what the pages show. */
export async function loadSite(root: string, options: SiteOptions): Promise<Site> {
  return assemble(root, options, () => undefined, undefined);
}

/**
 * The site again after files changed (repo-relative paths): proposals none of whose files changed are kept as
 * they were parsed; a change outside every proposal (groups, approvers, the template, the config) reloads all.
 * Lint findings come from the lint cache, which re-checks only what changed.
 */
export async function refreshSite(site: Site, changed: readonly string[]): Promise<Site> {
  const byDir = new Map(site.proposals.map((proposal) => [proposal.dir, proposal]));
  const owning = ownerOf(site.proposals);
  const touched = new Set<string>();
  for (const file of changed) {
    const owner = owning(file);
    if (!owner) return loadSite(site.root, site.options);
    touched.add(owner.dir);
  }
  return assemble(
    site.root,
    site.options,
    (dir) => (touched.has(dir) ? undefined : byDir.get(dir)),
    site.history,
  );
}

async function assemble(
  root: string,
  options: SiteOptions,
  kept: (dir: string) => Proposal | undefined,
  keptHistory: SiteHistory | undefined,
): Promise<Site> {
  const layout = walkRepository(root, options.lint.profile);
  const facts = loadFacts(root, layout, options.lint);
  const proposals = layout.proposalDirs
    .map((dir) => kept(dir) ?? loadProposal(facts, dir))
    .filter((proposal) => !proposal.isTemplate);
  const lint = await lintRepository(root, options.lint);
  const { findings, repositoryFindings } = findingsByProposal(proposals, lint.diagnostics);
  const releases = [
    ...new Set(
      proposals
        .map((proposal) => proposal.metadata.latestMilestone)
        .filter((value): value is string => value !== undefined && MILESTONE_FORMAT.test(value)),
    ),
  ].sort((a, b) => compareMilestones(b, a));
  const history = options.history ? await siteHistory(root, options, keptHistory) : undefined;
  return {
    root,
    options,
    layout,
    facts,
    proposals,
    findings,
    repositoryFindings,
    releases,
    history: history?.history,
    notices: [
      ...facts.notices,
      ...lint.notices,
      ...(history?.notices ?? []),
      ...(options.siteUrl ? [] : [NO_FEED_NOTICE]),
    ],
  };
}

/**
 * A finding belongs to the proposal whose directory (or file) holds its file, else to the proposal with its
 * KEP number (the PRR file lives apart), else to the repository.
 */
function findingsByProposal(
  proposals: readonly Proposal[],
  diagnostics: readonly Diagnostic[],
): { findings: Map<string, Diagnostic[]>; repositoryFindings: Diagnostic[] } {
  const owning = ownerOf(proposals);
  const byNumber = new Map<number, Proposal>();
  for (const proposal of proposals)
    if (proposal.number !== null && !byNumber.has(proposal.number)) byNumber.set(proposal.number, proposal);
  const findings = new Map<string, Diagnostic[]>(proposals.map((proposal) => [proposal.dir, []]));
  const repositoryFindings: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const owner =
      owning(diagnostic.file) ?? (diagnostic.kep === null ? undefined : byNumber.get(diagnostic.kep));
    if (owner) findings.get(owner.dir)!.push(diagnostic);
    else repositoryFindings.push(diagnostic);
  }
  for (const list of findings.values()) list.sort(compareDiagnostics);
  return { findings, repositoryFindings };
}

/**
 * The history at HEAD: the one already loaded while HEAD has not moved (a save does not commit), else read
 * through `kep history`'s cache. No git repository, a shallow clone or a git error is a notice, not a failure.
 */
async function siteHistory(
  root: string,
  options: SiteOptions,
  kept: SiteHistory | undefined,
): Promise<{ history?: SiteHistory; notices: string[] }> {
  const head = readGitHead(root);
  if (head.kind === 'none')
    return { notices: [`${root} is not a git work tree: no stage timelines or statistics`] };
  if (kept && head.kind === 'head' && head.head === kept.head) return { history: kept, notices: [] };
  try {
    const result = await buildHistory(root, options.lint.profile, options.history);
    const byDir = new Map<string, KepHistory>();
    for (const history of result.histories) if (!history.removed) byDir.set(history.path, history);
    return { history: { head: result.head, histories: result.histories, byDir }, notices: result.notices };
  } catch (error) {
    if (error instanceof HistoryError)
      return { notices: [`no stage timelines or statistics: ${error.message}`] };
    throw error;
  }
}
