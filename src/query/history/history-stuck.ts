// "Perma-beta": proposals that have stayed in a pre-final stage (alpha or beta) for more releases than the
// process allows, judged from milestone data, with the history as the fallback and as the "since when".
import type { ProcessProfile } from '../../model/index.js';
import { compareMilestones, parseMilestone } from '../../model/milestone.js';
import type { KepHistory } from './history.js';

export interface StuckOptions {
  /** More than this many releases in the stage is stuck (default 3). */
  releases?: number;
  /** The current release; default: the highest `vX.Y` latest-milestone among the proposals at HEAD. */
  release?: string;
}

export interface StuckProposal {
  kep: number | null;
  /** Its id: the number where it has one, else its path below the proposals root. */
  proposalId: string;
  path: string;
  title: string | null;
  status: string | null;
  /** The current stage (alpha or beta: every stage of the profile's stage order but the last). */
  stage: string;
  /** The milestone the stage was reached in. */
  since: string;
  /** Where `since` came from: `milestone.<stage>` at HEAD, or the history (see `stuckProposals`). */
  source: 'milestone' | 'history';
  /** Releases from `since` to the current release. */
  releases: number;
  /** The current release the count ends at. */
  release: string;
  /** When the stage last became the current one, from the history (null when that is older than it). */
  date: string | null;
  commit: string | null;
}

export interface StuckReport {
  /** The current release used; undefined when neither given nor found (then nothing is stuck). */
  release: string | undefined;
  releases: number;
  stages: string[];
  stuck: StuckProposal[];
}

/** The highest `vX.Y` latest-milestone among the proposals in HEAD. */
export function currentRelease(histories: KepHistory[]): string | undefined {
  let best: string | undefined;
  for (const history of histories) {
    const milestone = history.current.latestMilestone;
    if (history.removed || !milestone || !/^v?\d+\.\d+$/.test(milestone.trim())) continue;
    if (!best || compareMilestones(milestone, best) > 0) best = milestone;
  }
  return best;
}

/**
 * Proposals in HEAD whose stage is a pre-final one (alpha or beta) and whose status means `open` in the
 * profile (Kubernetes: provisional, implementable; an unknown status counts as open), that reached that stage more than `releases` releases before the
 * current release. The milestone the stage was reached in is `milestone.<stage>` at HEAD when that is a
 * valid milestone; else the `latest-milestone` in effect just after the commit where `stage` last became
 * its current value (from the history); a proposal with neither is left out. The count is the difference
 * of minor versions (`v1.33` → `v1.37` is 4 releases); milestones of another major version are left out.
 */
export function stuckProposals(
  histories: KepHistory[],
  profile: ProcessProfile,
  options: StuckOptions = {},
): StuckReport {
  const releases = options.releases ?? 3;
  const order = profile.metadata.stageOrder;
  const stages = order.slice(0, -1);
  const release = options.release ?? currentRelease(histories);
  const report: StuckReport = { release, releases, stages, stuck: [] };
  const current = parseMilestone(release);
  if (!release || !current) return report;
  const meanings = profile.metadata.statusMeanings;
  const stageKey = profile.metadata.keys.stage;
  const latestKey = profile.metadata.keys.latestMilestone;
  for (const history of histories) {
    const { stage, status, milestones } = history.current;
    if (history.removed || !stage || !stages.includes(stage)) continue;
    // Only a proposal still moving can be stuck: done and stopped ones are not, whatever their stage says.
    // A status the profile does not know (or none) counts as open, as it always did.
    if (status && (meanings[status] ?? 'open') !== 'open') continue;
    // Replay the history: the last commit that set the stage, and the latest-milestone right after it.
    let became: { date: string; commit: string; latest: string | null } | undefined;
    let latest: string | null = null;
    for (let i = 0; i < history.events.length; i++) {
      const event = history.events[i]!;
      if (event.field === latestKey) latest = event.to;
      if (event.field !== stageKey) continue;
      if (event.to !== stage) {
        became = undefined;
        continue;
      }
      // The latest-milestone events of the same commit may come after the stage event.
      let after = latest;
      for (let j = i + 1; j < history.events.length && history.events[j]!.commit === event.commit; j++) {
        if (history.events[j]!.field === latestKey) after = history.events[j]!.to;
      }
      became = { date: event.date, commit: event.commit, latest: after };
    }
    const declared = milestones[stage];
    let since: string | undefined;
    let source: StuckProposal['source'] = 'milestone';
    if (declared && parseMilestone(declared)) since = declared;
    else if (became?.latest && parseMilestone(became.latest)) {
      since = became.latest;
      source = 'history';
    }
    const start = parseMilestone(since);
    if (!since || !start || start.major !== current.major) continue;
    const count = current.minor - start.minor;
    if (count <= releases) continue;
    report.stuck.push({
      kep: history.kep,
      path: history.path,
      title: history.title,
      status: status ?? null,
      stage,
      since,
      source,
      releases: count,
      release,
      date: became?.date ?? null,
      commit: became?.commit ?? null,
      proposalId: history.proposalId,
    });
  }
  report.stuck.sort(
    (a, b) =>
      b.releases - a.releases || (a.kep ?? Number.MAX_SAFE_INTEGER) - (b.kep ?? Number.MAX_SAFE_INTEGER),
  );
  return report;
}
