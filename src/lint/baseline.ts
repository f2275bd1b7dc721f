// The baseline (`kep-baseline.json`), in the manner of ESLint's bulk suppressions (eslint-suppressions.json): per
// file and rule, how many findings are known and tolerated. A run suppresses up to that many, reports any beyond,
// and says when a count can be lowered. The file is repo content: read confined and size-limited, its shape
// checked with zod (loaded only when there is a baseline), and every problem names it, with the line.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../load/atomic-write.js';
import { LoadError } from '../load/errors.js';
import { readSource } from '../load/files.js';
import type { Diagnostic, SuppressedDiagnostic } from '../model/index.js';
import { ruleById } from '../rules/registry.js';
import { sortDiagnostics } from './engine.js';
import { selectedBy } from './finish.js';
import { effectiveSeverity } from './settings.js';
import type { LintOptions, LintResult } from './types.js';

export const BASELINE_FILE = 'kep-baseline.json';
/** A baseline of every finding of a 20,000-proposal repository is a few MB; beyond this it is not read. */
export const MAX_BASELINE_BYTES = 16 * 1024 * 1024;
/** No file has this many findings of one rule: a count above it is a mistake (or an attack on a counter). */
const MAX_COUNT = 1_000_000;

/** File → rule id → findings tolerated (always at least 1). */
export type BaselineCounts = Map<string, Map<string, number>>;

export interface Baseline {
  /** Where it is read from and written to. */
  file: string;
  /** How it is named in messages: repo-relative when inside the repository. */
  shown: string;
  /** The repo's own (repo content: confined to the repository), not a file the user named. */
  confined: boolean;
  /** Undefined when the file does not exist (yet: `--baseline-write` makes it). */
  counts?: BaselineCounts;
}

/** A count that is higher than the findings it covers now. */
export interface Lowerable {
  file: string;
  rule: string;
  allowed: number;
  found: number;
}

/** What of the baseline a run can judge: the files it selected, the rules it ran. Others are left as they are. */
export interface BaselineScope {
  covers(file: string, rule: string): boolean;
}

export function baselineScope(options: LintOptions): BaselineScope {
  const selected = selectedBy(options.paths);
  return {
    covers(file, ruleId) {
      if (!selected(file)) return false;
      const rule = ruleById(ruleId);
      // A rule this build does not have is judged: its findings are none, so its counts can go.
      return rule === undefined || effectiveSeverity(rule, options) !== null;
    },
  };
}

/** The baseline's path: `--baseline FILE` (relative to the working directory) or the repo's own. */
export function locateBaseline(root: string, named: string | undefined): Baseline {
  const file = named !== undefined ? path.resolve(named) : path.join(root, BASELINE_FILE);
  const relative = path.relative(root, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return { file, shown: inside ? relative.split(path.sep).join('/') : file, confined: named === undefined };
}

/**
 * Read the baseline: the repo's `kep-baseline.json` (confined to the repository: it is repo content) or the
 * file `--baseline` names. Without counts when the file does not exist; a bad file is a LoadError naming it.
 */
export async function readBaseline(root: string, named: string | undefined): Promise<Baseline> {
  const baseline = locateBaseline(root, named);
  if (!existsSync(baseline.file)) return baseline;
  const read = baseline.confined
    ? readSource(root, BASELINE_FILE, MAX_BASELINE_BYTES)
    : readSource(path.dirname(baseline.file), path.basename(baseline.file), MAX_BASELINE_BYTES, {
        confine: false,
      });
  if (!read.ok) throw new LoadError(`${baseline.shown}: ${read.problem.message}`);
  return { ...baseline, counts: await parseBaseline(read.file.text, baseline.shown) };
}

/** The schema of the file: `{ "<file>": { "<rule id>": { "count": N } } }`, as ESLint's suppressions file. */
function baselineSchema() {
  const z = (createRequire(import.meta.url)('zod') as { z: typeof import('zod').z }).z;
  return z.record(
    z.string().min(1).max(4096),
    z.record(z.string().min(1).max(200), z.strictObject({ count: z.number().int().min(1).max(MAX_COUNT) })),
  );
}

/** Parse and check a baseline's text; a problem is a LoadError with the file, line and column. */
export async function parseBaseline(text: string, shown: string): Promise<BaselineCounts> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of JSON/.test(message) ? text.length : 0;
    const { line, column } = lineAndColumn(text, offset);
    throw new LoadError(
      `${shown}:${line}:${column}: invalid JSON: ${message.replace(/ in JSON at .*$/, '')}`,
    );
  }
  const result = baselineSchema().safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const at = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    // JSON is YAML: the YAML reader finds where the offending key or value was written. Loaded only now: a
    // run answered from the cache loads no parser.
    const { parseYaml } = await import('../load/yaml.js');
    const doc = parseYaml(
      { path: shown, text, hash: '' },
      { maxBytes: MAX_BASELINE_BYTES, plainReader: false },
    );
    const { line, column } = at.length > 0 ? doc.valuePosition(at) : { line: 1, column: 1 };
    const where = at.length > 0 ? ` ${at.map((key) => JSON.stringify(key)).join(' → ')}:` : '';
    throw new LoadError(
      `${shown}:${line}:${column}:${where} ${issue.message} (expected { "<file>": { "<rule id>": { "count": N } } })`,
    );
  }
  // Maps, not the parsed objects: a file or rule named `__proto__` stays a name.
  const counts: BaselineCounts = new Map();
  for (const [file, rules] of Object.entries(data as Record<string, Record<string, { count: number }>>)) {
    const byRule = new Map<string, number>();
    for (const [rule, { count }] of Object.entries(rules)) byRule.set(rule, count);
    if (byRule.size > 0) counts.set(file, byRule);
  }
  return counts;
}

/**
 * Suppress up to the baseline's count of each file's findings of each rule (the first ones, in report order),
 * report the rest, and list the counts the findings no longer reach.
 */
export function applyBaseline(
  result: LintResult,
  counts: BaselineCounts,
  scope: BaselineScope,
): { result: LintResult; lowerable: Lowerable[] } {
  const used = new Map<string, Map<string, number>>();
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const diagnostic of result.diagnostics) {
    const allowed = counts.get(diagnostic.file)?.get(diagnostic.rule) ?? 0;
    const byRule = used.get(diagnostic.file) ?? new Map<string, number>();
    used.set(diagnostic.file, byRule);
    const found = (byRule.get(diagnostic.rule) ?? 0) + 1;
    byRule.set(diagnostic.rule, found);
    if (found <= allowed) suppressed.push({ ...diagnostic, suppression: 'external' });
    else diagnostics.push(diagnostic);
  }
  const lowerable: Lowerable[] = [];
  for (const [file, byRule] of counts)
    for (const [rule, allowed] of byRule) {
      const found = used.get(file)?.get(rule) ?? 0;
      if (found < allowed && scope.covers(file, rule)) lowerable.push({ file, rule, allowed, found });
    }
  return {
    result: {
      ...result,
      diagnostics,
      suppressed:
        suppressed.length > 0 ? sortDiagnostics([...result.suppressed, ...suppressed]) : result.suppressed,
    },
    lowerable,
  };
}

/**
 * The counts of these findings, for `--baseline-write`: with the earlier baseline's counts for what this run
 * could not judge (files it did not select, rules it did not run), which stay as they were.
 */
export function countFindings(
  diagnostics: readonly Diagnostic[],
  previous: BaselineCounts | undefined,
  scope: BaselineScope,
): BaselineCounts {
  const counts: BaselineCounts = new Map();
  const add = (file: string, rule: string, count: number) => {
    const byRule = counts.get(file) ?? new Map<string, number>();
    counts.set(file, byRule);
    byRule.set(rule, (byRule.get(rule) ?? 0) + count);
  };
  for (const [file, byRule] of previous ?? [])
    for (const [rule, count] of byRule) if (!scope.covers(file, rule)) add(file, rule, count);
  for (const diagnostic of diagnostics) add(diagnostic.file, diagnostic.rule, 1);
  return counts;
}

/** The counts lowered to what was found (`--baseline-prune`); a count that reaches 0 is removed. */
export function lowerCounts(counts: BaselineCounts, lowerable: readonly Lowerable[]): BaselineCounts {
  const lowered: BaselineCounts = new Map([...counts].map(([file, byRule]) => [file, new Map(byRule)]));
  for (const { file, rule, found } of lowerable) {
    const byRule = lowered.get(file)!;
    if (found > 0) byRule.set(rule, found);
    else byRule.delete(rule);
    if (byRule.size === 0) lowered.delete(file);
  }
  return lowered;
}

/** Stable, diff-friendly JSON: files, then rules, sorted; one key a line. */
export function formatBaseline(counts: BaselineCounts): string {
  const sorted: Record<string, Record<string, { count: number }>> = {};
  for (const file of [...counts.keys()].sort()) {
    const byRule = counts.get(file)!;
    if (byRule.size === 0) continue;
    const rules: Record<string, { count: number }> = {};
    for (const rule of [...byRule.keys()].sort()) rules[rule] = { count: byRule.get(rule)! };
    Object.defineProperty(sorted, file, {
      value: rules,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Write the baseline atomically; the repo's own stays inside the repository (links followed). */
export function writeBaseline(root: string, baseline: Baseline, counts: BaselineCounts): void {
  try {
    writeFileAtomic(baseline.file, formatBaseline(counts), baseline.confined ? { within: root } : {});
  } catch (error) {
    throw new LoadError(`${baseline.shown}: not written: ${(error as Error).message}`);
  }
}

/** How many findings the counts tolerate in all. */
export function totalCount(counts: BaselineCounts): number {
  let total = 0;
  for (const byRule of counts.values()) for (const count of byRule.values()) total += count;
  return total;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
