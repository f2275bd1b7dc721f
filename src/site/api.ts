// The JSON beside the pages: the list (what the list page shows) and one proposal with its findings. Stable
// shapes (see the README): fields are only ever added.
import { type Diagnostic, forJson, type Proposal } from '../model/index.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

export const PROPOSALS_JSON_PATH = 'api/proposals.json';

/** A proposal's JSON, below the site's base: `api/keps/2033.json`. */
export function proposalJsonPath(proposal: Pick<Proposal, 'id'>): string {
  return `api/${proposalPath(proposal).replace(/\/$/, '')}.json`;
}

function findingCounts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

function summary(site: Site, proposal: Proposal) {
  const { metadata } = proposal;
  return {
    id: proposal.id,
    number: proposal.number,
    dir: proposal.dir,
    title: metadata.title ?? '',
    owningGroup: metadata.owningGroup ?? '',
    participatingGroups: metadata.participatingGroups,
    status: metadata.status ?? '',
    stage: metadata.stage ?? '',
    latestMilestone: metadata.latestMilestone ?? '',
    findings: findingCounts(site.findings.get(proposal.dir) ?? []),
    url: site.options.baseUrl + proposalPath(proposal),
  };
}

export function proposalsJson(site: Site): string {
  return forJson(JSON.stringify({ proposals: site.proposals.map((proposal) => summary(site, proposal)) }));
}

export function proposalJson(site: Site, proposal: Proposal): string {
  const findings = (site.findings.get(proposal.dir) ?? []).map(({ fix: _fix, ...diagnostic }) => diagnostic);
  return forJson(JSON.stringify({ ...summary(site, proposal), metadata: proposal.metadata, findings }));
}
