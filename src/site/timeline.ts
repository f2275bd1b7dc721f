// A proposal's stage timeline, from the site's git history: each change of its stage (alpha, beta, stable) or
// status, with the commit's date and the milestone the proposal then targeted for that stage.
import { forHtml, type Proposal } from '../model/index.js';
import type { HistoryEvent, KepHistory } from '../query/history/history.js';
import { commitUrl } from './forge.js';
import type { Site } from './site.js';

export interface TimelineEntry {
  date: string;
  commit: string;
  field: 'stage' | 'status';
  from: string | null;
  to: string | null;
  /** For a stage: `milestone.<stage>` as it stood after that commit, else `latest-milestone`. */
  milestone: string | null;
}

/** The stage and status changes of a history, each with the milestone it stood at after its commit. */
export function timelineEntries(history: KepHistory): TimelineEntry[] {
  const milestones = new Map<string, string | null>();
  let latest: string | null = null;
  const entries: TimelineEntry[] = [];
  const events = history.events;
  for (let i = 0; i < events.length; ) {
    // One commit's events together: a stage change and its milestone land in the same commit.
    let end = i;
    while (end < events.length && events[end]!.commit === events[i]!.commit) end++;
    const commitEvents: HistoryEvent[] = events.slice(i, end);
    for (const event of commitEvents) {
      if (event.field === 'latest-milestone') latest = event.to;
      else if (event.field.startsWith('milestone.')) milestones.set(event.field.slice(10), event.to);
    }
    for (const event of commitEvents) {
      if (event.field !== 'stage' && event.field !== 'status') continue;
      const milestone = event.field === 'stage' && event.to ? (milestones.get(event.to) ?? latest) : latest;
      entries.push({
        date: event.date,
        commit: event.commit,
        field: event.field,
        from: event.from,
        to: event.to,
        milestone,
      });
    }
    i = end;
  }
  return entries;
}

/** The timeline section of a proposal's page; when there is none, a line saying why. */
export function timelineSection(site: Site, proposal: Proposal): string {
  const heading = '<h2 id="timeline">Stage timeline</h2>';
  const history = site.history?.byDir.get(proposal.dir);
  let why: string | undefined;
  if (!site.history)
    why = site.options.history
      ? 'No git history was read (the repository is not a git work tree, is a shallow clone, or git failed), so there is no timeline.'
      : 'This site was built without git history, so there is no timeline.';
  else if (!history) why = 'No commit records this proposal’s metadata yet, so there is no timeline.';
  const entries = history ? timelineEntries(history) : [];
  if (!why && entries.length === 0) why = 'No commit changed this proposal’s stage or status.';
  if (why)
    return `<section aria-labelledby="timeline">${heading}\n<p class="muted">${forHtml(why)}</p>\n</section>`;
  const forge = site.options.forge;
  const items = entries.map((entry) => {
    const day = entry.date.slice(0, 10);
    const change =
      entry.to === null
        ? `${entry.field} ${forHtml(entry.from ?? '')} removed`
        : `${entry.field === 'stage' ? '' : 'status '}<strong>${forHtml(entry.to)}</strong>`;
    const from = entry.from && entry.to ? ` <span class="muted">(from ${forHtml(entry.from)})</span>` : '';
    const milestone = entry.milestone ? ` in ${forHtml(entry.milestone)}` : '';
    const short = forHtml(entry.commit.slice(0, 7));
    const commit = forge
      ? `<a href="${forHtml(commitUrl(forge, entry.commit))}">${short}</a>`
      : `<code>${short}</code>`;
    return `<li class="timeline-${entry.field}"><time datetime="${forHtml(entry.date)}">${forHtml(day)}</time> ${change}${milestone}${from} <span class="muted">commit</span> ${commit}</li>`;
  });
  return `<section aria-labelledby="timeline">${heading}\n<ol class="timeline">\n${items.join('\n')}\n</ol>\n</section>`;
}
