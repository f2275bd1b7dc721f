// `--template history`: which version of the template each proposal is judged by. The map is cached in
// templates.json under the HEAD commit (read from git's files, not from git), so that a lint the cache answers
// runs no git at all; git is asked only when HEAD moved, and for the texts of the versions a check needs.
import {
  buildHash,
  isPlainObject,
  isString,
  nullable,
  readJsonCache,
  recordOf,
  shape,
  writeJsonCache,
} from '../load/cache.js';
import { MAX_FILE_BYTES } from '../load/files.js';
import { readGitHead } from '../load/git-head.js';
import type { ProcessProfile, TemplateHistory } from '../model/index.js';

/** `history`: each proposal by the template of when it last moved (the default); `current`: by today's. */
export type TemplateMode = 'history' | 'current';

/** Reads the history with git: given by the caller (the query part holds the git history reader). */
export interface TemplateHistorySource {
  /** The map at HEAD; throws an error whose message the user can act on (a shallow clone, git missing). */
  read(root: string, profile: ProcessProfile, cacheDir: string | undefined): Promise<TemplateHistory>;
  /** The texts of template versions, by blob id. */
  texts(root: string, blobs: readonly string[], maxBytes: number): Promise<Record<string, string>>;
}

const FILE = 'templates.json';

interface StoredTemplates {
  build: string;
  profile: string;
  history: TemplateHistory;
}

const isStored = shape<StoredTemplates>({
  build: isString,
  profile: isString,
  history: shape<Omit<TemplateHistory, 'texts'>>({
    head: isString,
    versions: recordOf(shape({ commit: isString, date: isString })),
    proposals: recordOf(shape({ blob: isString, moved: isString, latestMilestone: nullable(isString) })),
  }),
});

/**
 * The history to judge by, or none (today's template for all): none in `current` mode, outside a git work tree,
 * or when the template has no history; a notice when git cannot say (a shallow clone, git missing).
 */
export async function templateHistoryFor(
  root: string,
  profile: ProcessProfile,
  profileKey: string,
  options: { mode: TemplateMode; source?: () => Promise<TemplateHistorySource>; cacheDir?: string },
): Promise<{ history?: TemplateHistory; notice?: string }> {
  if (options.mode === 'current' || !options.source) return {};
  const head = readGitHead(root);
  if (head.kind === 'none') return {};
  if (head.kind === 'shallow')
    return {
      notice: fallback(
        `${root}: a shallow clone has only part of the history; run \`git fetch --unshallow\` first`,
      ),
    };
  const { cacheDir } = options;
  if (head.kind === 'head' && cacheDir) {
    const stored = readJsonCache(cacheDir, FILE, (value) =>
      isPlainObject(value) && isStored(value) ? value : undefined,
    );
    if (stored?.build === buildHash() && stored.profile === profileKey && stored.history.head === head.head)
      return { history: stored.history };
  }
  let history: TemplateHistory;
  try {
    history = await (await options.source()).read(root, profile, cacheDir);
  } catch (error) {
    return { notice: fallback(error instanceof Error ? error.message : String(error)) };
  }
  if (cacheDir)
    writeJsonCache(cacheDir, FILE, {
      build: buildHash(),
      profile: profileKey,
      history,
    } satisfies StoredTemplates);
  return { history };
}

/** The history with the texts of the versions the proposals in `dirs` are judged by (none when git fails). */
export async function withTexts(
  root: string,
  history: TemplateHistory,
  dirs: readonly string[],
  source: () => Promise<TemplateHistorySource>,
): Promise<{ history: TemplateHistory; notice?: string }> {
  const blobs = new Set<string>();
  for (const dir of dirs) {
    const entry = history.proposals[dir];
    if (entry) blobs.add(entry.blob);
  }
  if (blobs.size === 0) return { history };
  try {
    return { history: { ...history, texts: await (await source()).texts(root, [...blobs], MAX_FILE_BYTES) } };
  } catch (error) {
    return {
      history: { ...history, texts: {} },
      notice: fallback(error instanceof Error ? error.message : String(error)),
    };
  }
}

/**
 * What the lint cache keeps with a result: the template version the proposal is judged by (its blob and the
 * commit its findings name); undefined for today's template.
 */
export function templateKey(history: TemplateHistory | undefined, dir: string): string | undefined {
  const entry = history?.proposals[dir];
  if (!entry) return undefined;
  return `${entry.blob} ${history!.versions[entry.blob]?.commit ?? ''}`;
}

function fallback(reason: string): string {
  return `no template history, README rules use the current template: ${reason}`;
}
