// Which version of the template each proposal was written to (`kep lint --template history`): the template as
// it was at the commit where the proposal's latest-milestone last changed. The moves come from the stage
// history (`buildHistory`, cached in history.json); the template's versions from one `git log --raw` of it;
// the version at each moved commit from one `git cat-file --batch-check`, and the texts from one `--batch`.
import type { ProcessProfile, TemplateHistory } from '../../model/index.js';
import { buildHistory, type KepHistory } from './history.js';
import { BlobReader, logChanges, openRepository, resolveObjects } from './history-git.js';

export interface TemplateHistoryOptions {
  /** Directory of the history cache (history.json, shared with `kep history`); none when undefined. */
  cacheDir?: string;
  /** Version of the code, for the history cache. */
  version?: string;
  git?: string;
}

/** The template a proposal of the repository at `root` was written to; throws HistoryError when git cannot say. */
export async function readTemplateHistory(
  root: string,
  profile: ProcessProfile,
  options: TemplateHistoryOptions = {},
): Promise<TemplateHistory> {
  const git = options.git ?? 'git';
  const repo = await openRepository(root, git);
  const none: TemplateHistory = { head: repo.head, versions: {}, proposals: {} };
  const template = profile.template;
  // A path git's line protocol cannot carry has no history here.
  if (/[\n\r]/.test(template)) return none;
  const templateLog = await logChanges(repo, {
    range: repo.head,
    pathspec: `:(literal)${template}`,
    git,
    onBlob() {},
  });
  // Oldest first: every commit that wrote a version of the template.
  const writers = new Map<string, { commit: string; date: string }[]>();
  for (const commit of templateLog) {
    for (const change of commit.changes) {
      if (!change.newBlob) continue;
      const list = writers.get(change.newBlob) ?? [];
      list.push({ commit: commit.sha, date: commit.authorDate });
      writers.set(change.newBlob, list);
    }
  }
  // No history of the template: every proposal is judged by today's, as without git.
  if (writers.size === 0) return none;

  const { histories } = await buildHistory(root, profile, {
    cacheDir: options.cacheDir,
    version: options.version,
    git,
  });
  const moves = histories.flatMap((history) => {
    const moved = movedEvent(history, profile.metadata.keys.latestMilestone);
    return moved && !history.removed ? [{ history, moved }] : [];
  });
  const commits = [...new Set(moves.map(({ moved }) => moved.commit))];
  const blobs = await resolveObjects(
    repo,
    commits.map((commit) => `${commit}:${repo.prefix}${template}`),
    git,
  );
  const blobAt = new Map(commits.map((commit, index) => [commit, blobs[index] ?? null]));

  const result: TemplateHistory = { head: repo.head, versions: {}, proposals: {} };
  for (const { history, moved } of moves) {
    const blob = blobAt.get(moved.commit);
    // No template at that commit: the proposal predates it, and today's is all there is to judge it by.
    if (!blob) continue;
    result.proposals[history.path] = {
      blob,
      moved: moved.commit,
      latestMilestone: history.current.latestMilestone,
    };
    result.versions[blob] ??= writerOf(writers.get(blob), moved);
  }
  return result;
}

/** The texts of template versions (blob ids), by one `git cat-file --batch`. */
export async function readTemplateTexts(
  root: string,
  blobs: readonly string[],
  options: { git?: string; maxBytes?: number } = {},
): Promise<Record<string, string>> {
  const reader = new BlobReader({ cwd: root }, options.git ?? 'git', options.maxBytes);
  for (const blob of blobs) reader.request(blob);
  return Object.fromEntries(await reader.done());
}

/**
 * When the proposal last moved: the last change of its latest-milestone, else (a proposal that never had one)
 * of any field its history tracks; undefined when its history holds no change.
 */
function movedEvent(
  history: KepHistory,
  latestMilestoneKey: string,
): KepHistory['events'][number] | undefined {
  const events = history.events;
  for (let index = events.length - 1; index >= 0; index--)
    if (events[index]!.field === latestMilestoneKey) return events[index];
  return events[events.length - 1];
}

/**
 * The commit that wrote this version, as the finding names it: of the commits that wrote the same text (a
 * revert writes an older one again), the last one not after the move; a version no commit of the template's
 * log wrote (a merge's own resolution) is named by the moved commit.
 */
function writerOf(
  writers: { commit: string; date: string }[] | undefined,
  moved: { commit: string; date: string },
): { commit: string; date: string } {
  if (!writers || writers.length === 0) return { commit: moved.commit, date: moved.date };
  const movedAt = Date.parse(moved.date);
  let chosen = writers[0]!;
  for (const writer of writers) if (Date.parse(writer.date) <= movedAt) chosen = writer;
  return chosen;
}
