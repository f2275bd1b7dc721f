// `kep lint`'s baseline flags: which baseline a run reads, applying it to each lint, and writing it
// (`--baseline-write`, `--baseline-prune`), with what was done said on stderr.
import {
  applyBaseline,
  type Baseline,
  type BaselineScope,
  baselineScope,
  countFindings,
  type Lowerable,
  locateBaseline,
  lowerCounts,
  readBaseline,
  totalCount,
  writeBaseline,
} from '../lint/baseline.js';
import type { LintOptions, LintResult } from '../lint/index.js';
import { LoadError } from '../load/errors.js';
import { CliError, duringWrites, printNotice } from './common.js';

export interface BaselineFlags {
  /** `--baseline FILE`, or false for `--no-baseline`. */
  baseline?: string | false;
  baselineWrite?: boolean;
  baselinePrune?: boolean;
}

/** Notices of counts that can be lowered, at most this many a run (then how many more). */
const MAX_LOWERABLE_NOTICES = 20;

export interface BaselineRun {
  /** Apply the baseline to a lint's result (unchanged without one, or while it is being rewritten). */
  apply(result: LintResult): LintResult;
  /** After the last lint: write or prune the file as the flags ask, or say which counts can be lowered. */
  finish(result: LintResult): Promise<LintResult>;
}

/** The baseline a run uses: the repo's `kep-baseline.json`, `--baseline FILE`, or none (`--no-baseline`). */
export async function baselineRun(
  root: string,
  flags: BaselineFlags,
  options: LintOptions,
): Promise<BaselineRun> {
  if (flags.baseline === false && (flags.baselineWrite || flags.baselinePrune))
    throw new CliError(
      `--no-baseline with --baseline-${flags.baselineWrite ? 'write' : 'prune'}: choose one`,
    );
  if (flags.baselineWrite && flags.baselinePrune)
    throw new CliError('--baseline-write and --baseline-prune: choose one (write rewrites every count)');
  if (flags.baseline === false) return { apply: (result) => result, finish: async (result) => result };
  const named = flags.baseline;
  const scope = baselineScope(options);
  const baseline = await openBaseline(root, named, flags.baselineWrite === true);
  if (!baseline.counts && named !== undefined && !flags.baselineWrite)
    throw new CliError(`--baseline ${named}: no such file (kep lint --baseline-write makes it)`);
  let lowerable: Lowerable[] = [];
  return {
    apply(result) {
      if (!baseline.counts || flags.baselineWrite) return result;
      const applied = applyBaseline(result, baseline.counts, scope);
      lowerable = applied.lowerable;
      return applied.result;
    },
    async finish(result) {
      if (flags.baselineWrite) return write(root, baseline, result, scope);
      if (!baseline.counts || lowerable.length === 0) return result;
      if (flags.baselinePrune) {
        await duringWrites(() => writeBaseline(root, baseline, lowerCounts(baseline.counts!, lowerable)));
        printNotice(
          `${baseline.shown}: lowered ${lowerable.length} count${lowerable.length === 1 ? '' : 's'} to the findings left`,
        );
        return result;
      }
      for (const { file, rule, allowed, found } of lowerable.slice(0, MAX_LOWERABLE_NOTICES))
        printNotice(
          `${baseline.shown}: ${file} ${rule} allows ${allowed}, found ${found}; run kep lint --baseline-prune to lower it`,
        );
      if (lowerable.length > MAX_LOWERABLE_NOTICES)
        printNotice(
          `${baseline.shown}: ${lowerable.length - MAX_LOWERABLE_NOTICES} more counts can be lowered (kep lint --baseline-prune)`,
        );
      return result;
    },
  };
}

/** Read the baseline; one that is to be rewritten may be unreadable (a merge conflict): it is replaced. */
async function openBaseline(root: string, named: string | undefined, rewriting: boolean): Promise<Baseline> {
  try {
    return await readBaseline(root, named);
  } catch (error) {
    if (!(error instanceof LoadError) || !rewriting) throw error;
    printNotice(`${error.message}; replacing it`);
    return locateBaseline(root, named);
  }
}

/** `--baseline-write`: every finding left counted (beside the counts this run could not judge), then suppressed. */
async function write(
  root: string,
  baseline: Baseline,
  result: LintResult,
  scope: BaselineScope,
): Promise<LintResult> {
  const counts = countFindings(result.diagnostics, baseline.counts, scope);
  await duringWrites(() => writeBaseline(root, baseline, counts));
  const total = totalCount(counts);
  printNotice(
    `${baseline.shown}: wrote ${total} finding${total === 1 ? '' : 's'} in ${counts.size} file${counts.size === 1 ? '' : 's'}; kep lint suppresses them from now on`,
  );
  return applyBaseline(result, counts, scope).result;
}
