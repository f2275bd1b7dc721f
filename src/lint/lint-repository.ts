// `lintRepository`: one pipeline that the data walks once, in order — gather the inputs, answer what the cache
// can, check the rest (on worker threads when there is enough of it), store, finish with severities and the
// repository-level rules. Only light modules are imported statically: a run answered from the cache never
// loads the parsers.
import { buildHash, cacheDirFor } from '../load/cache.js';
import { FingerprintStore } from '../load/fingerprint.js';
import { scanLatestRelease } from '../load/locate.js';
import { withFileFacts } from '../load/paths.js';
import {
  type LintCache,
  lookUp,
  readLintCache,
  readReleaseScan,
  remember,
  writeLintCache,
  writeReleaseScan,
} from './cache.js';
import type { RuleTimings } from './engine.js';
import { finish } from './finish.js';
import { cacheContext, gatherInputs, profileFingerprint } from './inputs.js';
import { hasBadDirectives } from './suppress.js';
import {
  type TemplateHistorySource,
  type TemplateMode,
  templateHistoryFor,
  templateKey,
  withTexts,
} from './template-history.js';
import type { LintOptions, LintResult, ProposalResult } from './types.js';
import { checkProposals, defaultWorkers } from './worker-pool.js';

export interface RepositoryLintOptions extends LintOptions {
  /** Use the on-disk cache (default true). */
  cache?: boolean;
  /** The config file's text (its rule settings and inputs are already part of the options). */
  configText?: string;
  /** Worker threads to use besides this one (default: `defaultWorkers()`). */
  workers?: number;
  /** Which template proposals are judged by (default `history`: the one of when each last moved, from git). */
  template?: TemplateMode;
  /** Reads the template's history with git; without it, every proposal is judged by today's template. */
  templateSource?: () => Promise<TemplateHistorySource>;
}

/**
 * Lint a repository: proposals whose files (and the shared inputs: groups, approvers, template, config, file
 * list, rules, profile, release, build) are unchanged since the last run come from the cache; the rest are
 * checked.
 */
export async function lintRepository(root: string, options: RepositoryLintOptions): Promise<LintResult> {
  const useCache = options.cache !== false;
  const cacheDir = cacheDirFor(root);
  const store = useCache ? FingerprintStore.open(cacheDir, root, buildHash()) : undefined;
  const hashOf = (file: string): string | null => store?.hash(file) ?? null;

  // 1. Inputs, and which template each proposal is judged by.
  const knownScan = useCache ? readReleaseScan(cacheDir) : undefined;
  const inputs = gatherInputs(root, options, hashOf, knownScan);
  const mode = options.template ?? 'history';
  const templates = await templateHistoryFor(root, options.profile, profileFingerprint(options.profile), {
    mode,
    source: options.templateSource,
    cacheDir: useCache ? cacheDir : undefined,
  });
  const notices = templates.notice ? [templates.notice] : [];
  const context = store ? cacheContext(root, inputs, options.configText ?? '', hashOf, mode) : '';
  const cache = store ? withValidDirectives(readLintCache(cacheDir, context)) : undefined;

  // 2. What the cache answers.
  const templateOf = (dir: string) => templateKey(templates.history, dir);
  const { entries, answered, stale } = lookUp(root, cache, context, inputs.dirs, hashOf, templateOf);

  // 3. Check the rest.
  const timings: RuleTimings | undefined = options.timing ? {} : undefined;
  let checkWith = inputs.checkOptions;
  let textsRead = true;
  if (stale.length > 0 && templates.history && options.templateSource) {
    const read = await withTexts(root, templates.history, stale, options.templateSource);
    checkWith = { ...checkWith, templateHistory: read.history };
    if (read.notice) notices.push(read.notice);
    textsRead = read.notice === undefined;
  }
  const checked: ProposalResult[] =
    stale.length > 0
      ? await checkProposals(
          root,
          inputs.layout,
          checkWith,
          stale,
          inputs.ruleIds,
          options.workers ?? defaultWorkers(),
          timings,
        )
      : [];
  const results = new Map(answered);
  for (const result of checked) {
    // Checked by today's template when the texts could not be read: kept as such, so the next run checks again.
    const template = textsRead ? templateOf(result.dir) : undefined;
    if (template !== undefined) result.template = template;
    results.set(result.dir, result);
  }

  // 4. Store.
  if (store) {
    remember(entries, checked, inputs.layout.files, hashOf);
    if (checked.length > 0 || !cache) writeLintCache(cacheDir, { context, entries });
    if (inputs.releaseScan && inputs.releaseScan.digest !== knownScan?.digest)
      writeReleaseScan(cacheDir, inputs.releaseScan);
    store.save();
  }

  // 5. Finish: severities and the repository-level rules, which need only the profile and the layout.
  const { layout, checkOptions } = inputs;
  const facts = withFileFacts({
    root,
    profile: options.profile,
    files: layout.files,
    proposalDirs: new Set(layout.proposalDirs),
    release: checkOptions.release ?? scanLatestRelease(root, layout, options.profile),
    notices: [...inputs.located.notices, ...notices],
  });
  const result = finish(
    layout,
    facts,
    inputs.dirs.map((dir) => results.get(dir)!),
    // A shared input among the paths selects everything: the repository-level findings too.
    inputs.selectsEverything ? { ...options, paths: undefined } : options,
  );
  const skipped = inputs.skippedPaths.length > 0 ? { skippedPaths: inputs.skippedPaths } : {};
  return timings ? { ...result, ...skipped, timings } : { ...result, ...skipped };
}

/** The cache without entries whose directives do not have this build's shape: each becomes a miss. */
function withValidDirectives(cache: LintCache | undefined): LintCache | undefined {
  if (!cache) return cache;
  for (const [dir, entry] of Object.entries(cache.entries))
    if (hasBadDirectives(entry.result)) delete cache.entries[dir];
  return cache;
}
