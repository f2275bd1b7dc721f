// The statistics page's numbers, from the git history of the proposals' stage and milestones (`site.history`):
// what each release carried per stage, how many releases proposals took from the first stage to the last, which
// stay in the one before the last (perma-beta), and the same per group. Pure functions of the histories.
import { type ProcessProfile, parseMilestone } from '../model/index.js';
import type { KepHistory } from '../query/history/history.js';
import { type StuckProposal, stuckProposals } from '../query/history/history-stuck.js';

/** In the stage before the last (beta) for this many releases or more is perma-beta. */
export const PERMA_BETA_RELEASES = 3;

/** A release as `vMAJOR.MINOR` (`1.30` and `v1.30.0` are `v1.30`); undefined for none or a major 0 (`0.0`). */
export function releaseOf(value: string | null | undefined): string | undefined {
  const milestone = parseMilestone(value ?? undefined);
  return milestone && milestone.major > 0 ? `v${milestone.major}.${milestone.minor}` : undefined;
}

function compareReleases(a: string, b: string): number {
  const [left, right] = [parseMilestone(a)!, parseMilestone(b)!];
  return left.major - right.major || left.minor - right.minor;
}

/**
 * The stage a proposal had in each release it targeted: its history replayed commit by commit, and for each
 * release its latest-milestone named, the stage it had in the last version that named it.
 */
export function stageByRelease(history: KepHistory, profile: ProcessProfile): Map<string, string | null> {
  const { stage: stageKey, latestMilestone: latestKey } = profile.metadata.keys;
  const byRelease = new Map<string, string | null>();
  let stage: string | null = null;
  let latest: string | null = null;
  const { events } = history;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.field === stageKey) stage = event.to;
    else if (event.field === latestKey) latest = event.to;
    // One commit's events are applied together: the state after the commit is what it released.
    if (events[i + 1]?.commit === event.commit) continue;
    const release = releaseOf(latest);
    if (release) byRelease.set(release, stage);
  }
  return byRelease;
}

export interface StagesInRelease {
  release: string;
  /** Stage (or `(other)`, `(none)`) → proposals that targeted the release at that stage. */
  byStage: Map<string, number>;
}

export interface AlphaToStable {
  proposalId: string;
  path: string;
  title: string | null;
  /** The release of the first stage (alpha) and of the last (stable). */
  first: string;
  last: string;
  releases: number;
  /** Where the two releases come from: `milestone.<stage>` at HEAD, else the replayed history. */
  source: 'milestone' | 'history';
}

export interface GroupStatistics {
  group: string;
  proposals: number;
  /** Current stage (or `(none)`) → proposals. */
  byStage: Map<string, number>;
  /** Proposals with a known time from the first stage to the last, and its median in releases. */
  reachedLast: number;
  median: number | undefined;
  permaBeta: number;
}

export interface HistoryStatistics {
  /** The stages in the order the charts stack them: the profile's, then `(other)`, then `(none)`. */
  stages: string[];
  firstStage: string;
  lastStage: string;
  /** The stage before the last (beta), whose long stays are perma-beta. */
  waitingStage: string | undefined;
  /** Oldest release first. */
  perRelease: StagesInRelease[];
  alphaToStable: AlphaToStable[];
  /** Releases taken → proposals, for every count from 0 to the largest. */
  distribution: Map<number, number>;
  median: number | undefined;
  /** The release perma-beta is counted up to. */
  currentRelease: string | undefined;
  permaBeta: StuckProposal[];
  perGroup: GroupStatistics[];
}

export const NO_STAGE = '(none)';
/** Where a stage value the profile does not know (`ALPHA`, `alpha (deprecated)`) counts: one series, not dozens. */
export const OTHER_STAGE = '(other)';

/** The series a stage value counts in: a stage of the profile, else other, else none. */
export function stageSeries(profile: ProcessProfile, stage: string | null | undefined): string {
  if (!stage) return NO_STAGE;
  return profile.metadata.stages.includes(stage) ? stage : OTHER_STAGE;
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The stages in chart order: the profile's that occur, then other values seen (sorted), other, none. */
export function stageOrderOf(profile: ProcessProfile, seen: Iterable<string>): string[] {
  const present = new Set(seen);
  const { stages } = profile.metadata;
  return [
    ...stages.filter((stage) => present.has(stage)),
    ...[...present]
      .filter((stage) => stage !== NO_STAGE && stage !== OTHER_STAGE && !stages.includes(stage))
      .sort(),
    ...(present.has(OTHER_STAGE) ? [OTHER_STAGE] : []),
    ...(present.has(NO_STAGE) ? [NO_STAGE] : []),
  ];
}

/**
 * The time from the first stage to the last of a proposal now in the last stage, in releases (the difference
 * of minor versions; milestones of two major versions are left out): `milestone.<stage>` at HEAD where it is a
 * release, else the first release the history shows it targeting at that stage.
 */
function alphaToStableOf(
  history: KepHistory,
  byRelease: Map<string, string | null>,
  firstStage: string,
  lastStage: string,
): AlphaToStable | undefined {
  if (history.current.stage !== lastStage) return undefined;
  let source: AlphaToStable['source'] = 'milestone';
  const releaseAt = (stage: string) => {
    const declared = releaseOf(history.current.milestones[stage]);
    if (declared) return declared;
    source = 'history';
    return [...byRelease]
      .filter(([, value]) => value === stage)
      .map(([release]) => release)
      .sort(compareReleases)[0];
  };
  const first = releaseAt(firstStage);
  const last = releaseAt(lastStage);
  if (!first || !last) return undefined;
  const [from, to] = [parseMilestone(first)!, parseMilestone(last)!];
  if (from.major !== to.major || to.minor < from.minor) return undefined;
  return {
    proposalId: history.proposalId,
    path: history.path,
    title: history.title,
    first,
    last,
    releases: to.minor - from.minor,
    source,
  };
}

/**
 * The statistics of the histories. `groupOf` names the owning group of a proposal present at HEAD (by its
 * directory), undefined for one that is not; removed proposals count in the releases they took part in only.
 */
export function historyStatistics(
  histories: readonly KepHistory[],
  profile: ProcessProfile,
  groupOf: (path: string) => string | undefined,
  options: { currentRelease?: string } = {},
): HistoryStatistics {
  const order = profile.metadata.stageOrder;
  const firstStage = order[0] ?? 'alpha';
  const lastStage = order[order.length - 1] ?? 'stable';
  const waitingStage = order.length > 1 ? order[order.length - 2] : undefined;
  const perRelease = new Map<string, Map<string, number>>();
  const alphaToStable: AlphaToStable[] = [];
  const seen = new Set<string>();
  for (const history of histories) {
    const byRelease = stageByRelease(history, profile);
    for (const [release, stage] of byRelease) {
      const name = stageSeries(profile, stage);
      seen.add(name);
      const counts = perRelease.get(release) ?? new Map<string, number>();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      perRelease.set(release, counts);
    }
    if (history.removed) continue;
    const took = alphaToStableOf(history, byRelease, firstStage, lastStage);
    if (took) alphaToStable.push(took);
  }
  const distribution = new Map<number, number>();
  const longest = Math.max(-1, ...alphaToStable.map((entry) => entry.releases));
  for (let releases = 0; releases <= longest; releases++) distribution.set(releases, 0);
  for (const entry of alphaToStable) distribution.set(entry.releases, distribution.get(entry.releases)! + 1);

  const stuck = stuckProposals([...histories], profile, {
    releases: PERMA_BETA_RELEASES - 1,
    ...(options.currentRelease ? { release: options.currentRelease } : {}),
  });
  const permaBeta = stuck.stuck.filter((entry) => entry.stage === waitingStage);

  const groups = new Map<string, GroupStatistics & { times: number[] }>();
  const groupEntry = (group: string) => {
    let entry = groups.get(group);
    if (!entry) {
      entry = {
        group,
        proposals: 0,
        byStage: new Map(),
        reachedLast: 0,
        median: undefined,
        permaBeta: 0,
        times: [],
      };
      groups.set(group, entry);
    }
    return entry;
  };
  const presentGroup = (path: string) => {
    const group = groupOf(path);
    return group === undefined ? undefined : groupEntry(group || NO_STAGE);
  };
  for (const history of histories) {
    if (history.removed) continue;
    const entry = presentGroup(history.path);
    if (!entry) continue;
    entry.proposals++;
    const stage = stageSeries(profile, history.current.stage);
    seen.add(stage);
    entry.byStage.set(stage, (entry.byStage.get(stage) ?? 0) + 1);
  }
  for (const took of alphaToStable) {
    const entry = presentGroup(took.path);
    if (!entry) continue;
    entry.reachedLast++;
    entry.times.push(took.releases);
  }
  for (const stuckOne of permaBeta) {
    const entry = presentGroup(stuckOne.path);
    if (entry) entry.permaBeta++;
  }
  const perGroup = [...groups.values()]
    .map(({ times, ...entry }) => ({ ...entry, median: median(times) }))
    .sort((a, b) => a.group.localeCompare(b.group));

  return {
    stages: stageOrderOf(profile, seen),
    firstStage,
    lastStage,
    waitingStage,
    perRelease: [...perRelease]
      .sort(([a], [b]) => compareReleases(a, b))
      .map(([release, byStage]) => ({ release, byStage })),
    alphaToStable: alphaToStable.sort(
      (a, b) => a.releases - b.releases || a.proposalId.localeCompare(b.proposalId, 'en', { numeric: true }),
    ),
    distribution,
    median: median(alphaToStable.map((entry) => entry.releases)),
    currentRelease: stuck.release,
    permaBeta,
    perGroup,
  };
}
