import path from 'node:path';
import type {
  ProcessProfile,
  Proposal,
  Repository,
  RepositoryFacts,
  TemplateHistory,
} from '../model/index.js';
import { compareMilestones, parseMilestone } from '../model/milestone.js';
import { LoadError, loadGroups, loadOwnersAliases } from './facts.js';
import { MAX_MARKDOWN_LINES, readSource } from './files.js';
import { locateInputs, scanLatestRelease } from './locate.js';
import { parseMarkdown } from './markdown.js';
import { withFileFacts } from './paths.js';
import { loadProposal } from './proposal.js';
import { readSkipList } from './skip-list.js';
import { withTemplateVersions } from './template-versions.js';
import { type RepositoryLayout, walkRepository } from './walk.js';
import { parseYaml } from './yaml.js';

export interface LoadOptions {
  profile: ProcessProfile;
  /** Explicit groups file (`--groups`); else the profile's candidates. */
  groupsFile?: string;
  /** Explicit OWNERS_ALIASES (`--owners-aliases`); else the profile's candidates. */
  ownersAliasesFile?: string;
  /** The current release for time-dependent rules; else the highest latest-milestone in the repo. */
  release?: string;
  /** Which template each proposal was written to, from git (`kep lint --template history`); else the current one. */
  templateHistory?: TemplateHistory;
}

/** Everything rules need besides the proposals themselves; cheap, so each worker builds its own. */
export function loadFacts(root: string, layout: RepositoryLayout, options: LoadOptions): RepositoryFacts {
  const { profile } = options;
  const notices: string[] = [];
  const facts = withFileFacts({
    root,
    profile,
    files: layout.files,
    proposalDirs: new Set(layout.proposalDirs),
    release: options.release,
    notices,
  });
  const inputs = locateInputs(root, profile, options);
  notices.push(...inputs.notices);
  if (inputs.groupsFile)
    facts.groups = loadGroups(root, inputs.groupsFile, profile, {
      explicit: options.groupsFile !== undefined,
    });
  else if (profile.groups.names)
    facts.groups = {
      source: profile.source ?? `the ${profile.name} profile`,
      names: new Set(profile.groups.names),
    };
  else if (profile.groups.fromDirectories)
    facts.groups = { source: profile.layout.proposalsRoot, names: groupDirectories(layout, profile) };
  if (profile.prr && inputs.ownersAliasesFile) {
    facts.ownersAliases = loadOwnersAliases(root, inputs.ownersAliasesFile, {
      explicit: options.ownersAliasesFile !== undefined,
    });
    const names = new Set<string>();
    for (const alias of profile.prr.approverAliases) {
      for (const name of facts.ownersAliases.get(alias) ?? []) names.add(name);
    }
    facts.prrApprovers = {
      source: path.relative(root, inputs.ownersAliasesFile).split(path.sep).join('/'),
      names,
    };
  }
  facts.release ??= scanLatestRelease(root, layout, profile);
  if (profile.toc) facts.tocSkipList = readSkipList(root, profile.toc);
  const template = readSource(root, profile.template, undefined, { maxLines: MAX_MARKDOWN_LINES });
  if (template.ok) facts.template = parseMarkdown(template.file);
  if (profile.templateMetadata) {
    const templateMetadata = readSource(root, profile.templateMetadata);
    if (templateMetadata.ok)
      facts.templateMetadata = parseYaml(templateMetadata.file, { splitOnDashes: true });
  }
  if (options.templateHistory) withTemplateVersions(facts, options.templateHistory);
  return facts;
}

/** The directories just below the proposals root that hold proposals (templates aside): the groups. */
function groupDirectories(layout: RepositoryLayout, profile: ProcessProfile): Set<string> {
  const prefix = `${profile.layout.proposalsRoot}/`;
  const names = new Set<string>();
  for (const dir of layout.proposalDirs) {
    if (!dir.startsWith(prefix) || profile.layout.templateDirs.includes(dir)) continue;
    const rest = dir.slice(prefix.length);
    if (rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')));
  }
  return names;
}

/** The highest `vX.Y` latest-milestone among proposals: the default "current release". */
export function latestRelease(proposals: Proposal[]): string | undefined {
  let best: string | undefined;
  for (const proposal of proposals) {
    const milestone = proposal.metadata.latestMilestone;
    if (!milestone || !parseMilestone(milestone)) continue;
    if (!best || compareMilestones(milestone, best) > 0) best = milestone;
  }
  return best;
}

/** Load a whole repository in this thread. */
export function loadRepository(root: string, options: LoadOptions): Repository {
  const layout = walkRepository(root, options.profile);
  if (layout.proposalDirs.length === 0 && layout.problems.length === 0) {
    throw new LoadError(
      `${path.join(root, options.profile.layout.proposalsRoot)}: no proposals found (no ${options.profile.layout.metadataFile} under it)`,
    );
  }
  const facts = loadFacts(root, layout, options);
  const proposals = layout.proposalDirs.map((dir) => loadProposal(facts, dir));
  facts.release ??= latestRelease(proposals);
  return { ...facts, proposals, orphanReadmes: layout.orphanReadmes, problems: layout.problems };
}
