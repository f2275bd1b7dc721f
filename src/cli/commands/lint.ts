import { Command, Option } from 'commander';
import { type LintResult, lintRepository } from '../../lint/index.js';
import { isRuleSetting, type RuleSetting } from '../../lint/settings.js';
import type { TemplateMode } from '../../lint/template-history.js';
import { type ChangedFiles, ChangedFilesError, changedFiles } from '../../load/git-changes.js';
import type { Diagnostic } from '../../model/index.js';
import { formatGithub, formatJson, formatSarif, formatStylish } from '../../report/index.js';
import { allRules } from '../../rules/index.js';
import {
  addRepoOptions,
  CliError,
  duringWrites,
  kepkitVersion,
  printNotice,
  removeLeftovers,
  repoContext,
  repoRelativePaths,
  templateOptions,
} from '../common.js';
import { type BaselineFlags, baselineRun } from '../lint-baseline.js';
import { useColour, writeOutput } from '../output.js';

interface LintFlags extends BaselineFlags {
  output?: string;
  repo?: string;
  groups?: string;
  ownersAliases?: string;
  format: 'stylish' | 'json' | 'sarif' | 'github';
  rule: string[];
  strict?: boolean;
  quiet?: boolean;
  cache: boolean;
  release?: string;
  color?: boolean;
  fix?: boolean;
  jobs?: number;
  timing?: boolean;
  template?: TemplateMode;
  maxWarnings?: number;
  changed?: boolean;
  base?: string;
  ignoreUnmatched?: boolean;
}

function parseJobs(value: string): number {
  if (!/^[1-9]\d?$/.test(value))
    throw new CliError(`--jobs ${value}: expected a number of threads from 1 to 99`);
  return Number(value);
}

function parseMaxWarnings(value: string): number {
  if (!/^\d{1,9}$/.test(value))
    throw new CliError(`--max-warnings ${value}: expected a number of warnings, 0 or more`);
  return Number(value);
}

function parseRuleFlag(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--rule ID=SETTING` flags, checked against the known rule ids and groups. */
function ruleSettings(flags: string[]): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  const groups = new Set(allRules.map((rule) => rule.id.split('/')[0]!));
  for (const flag of flags) {
    const match = /^([^=]+)=(.+)$/.exec(flag);
    if (!match || !isRuleSetting(match[2])) throw new CliError(`--rule ${flag}: expected ID=off|warn|error`);
    const id = match[1]!;
    const known =
      id === '*' || allRules.some((rule) => rule.id === id) || groups.has(id.replace(/\/\*$/, ''));
    if (!known) throw new CliError(`--rule ${flag}: unknown rule "${id}" (see kep rules)`);
    settings[id] = match[2];
  }
  return settings;
}

/** `--fix`: apply every fix the diagnostics carry; report what was done on stderr. Whether a file changed. */
async function applyFixesOf(root: string, diagnostics: Diagnostic[]): Promise<boolean> {
  const fixes = diagnostics.flatMap((diagnostic) => (diagnostic.fix ? [diagnostic.fix] : []));
  if (fixes.length === 0) return false;
  const { applyFixes } = await import('../../edit/fixes.js');
  let fixed = 0;
  let files = 0;
  for (const outcome of await duringWrites(() => applyFixes(root, fixes))) {
    if (outcome.written) {
      files++;
      fixed += outcome.applied.length;
    }
    for (const { fix, reason } of outcome.skipped)
      printNotice(`${outcome.file}: not fixed (${fix.description}): ${reason}`);
  }
  if (files > 0)
    process.stderr.write(
      `kep: fixed ${fixed} problem${fixed === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`,
    );
  return files > 0;
}

/** `--timing`: each rule's time summed over the proposals checked (and threads), slowest first. */
function formatTimings(timings: Record<string, number>): string {
  const rows = Object.entries(timings).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0)
    return 'kep: --timing: every proposal came from the cache; no rule ran (add --no-cache)\n';
  const total = rows.reduce((sum, [, time]) => sum + time, 0);
  const width = Math.max(4, ...rows.map(([name]) => name.length));
  const lines = [`${'Rule'.padEnd(width)}  ${'Time (ms)'.padStart(10)}  ${'Relative'.padStart(8)}`];
  for (const [name, time] of rows)
    lines.push(
      `${name.padEnd(width)}  ${time.toFixed(1).padStart(10)}  ${`${((time / total) * 100).toFixed(1)}%`.padStart(8)}`,
    );
  return `${lines.join('\n')}\n`;
}

/** `--changed`: the changed files from git, or a usage error (exit 2) saying what to do. */
function changedSince(root: string, ref: string | undefined): ChangedFiles {
  try {
    return changedFiles(root, ref === undefined ? {} : { ref });
  } catch (error) {
    if (error instanceof ChangedFilesError) throw new CliError(error.message);
    throw error;
  }
}

function nothingChecked(): LintResult {
  return { diagnostics: [], suppressed: [], notices: [], proposalsChecked: 0 };
}

export function lintCommand(): Command {
  const command = new Command('lint')
    .description('check proposals against the upstream rules and kepkit’s own')
    .argument('[path...]', 'proposal directories or files to check (default: the whole repository)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['stylish', 'json', 'sarif', 'github'])
        .default('stylish'),
    )
    .option(
      '--rule <id=setting>',
      'set a rule or group to off, warn or error (repeatable)',
      parseRuleFlag,
      [],
    )
    .option('--strict', 'treat warnings as errors')
    .option('--quiet', 'report errors only')
    .option('--no-cache', 'ignore and do not write the on-disk cache')
    .option(
      '--release <vX.Y>',
      'release gate: the profile’s gate rules become errors for KEPs whose latest-milestone is this release',
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--no-color', 'no colour (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)')
    .option(
      '--fix',
      'apply the fixes that rules carry (each file written atomically), then report what remains',
    )
    .option('--timing', 'print how long each rule took (and loading the files) on stderr')
    .addOption(
      new Option(
        '--template <which>',
        'the template READMEs are judged by: history (each KEP by the template of when its latest-milestone last changed, from git; default) or current',
      ).choices(['history', 'current']),
    )
    .option(
      '--jobs <n>',
      'threads that check proposals (default: one, plus one per core beyond two)',
      parseJobs,
    )
    .option('--max-warnings <n>', 'exit 1 when more than this many warnings remain', parseMaxWarnings)
    .option(
      '--changed',
      'check only the proposals whose files (or shared inputs) changed since the merge base with --base, working tree included',
    )
    .option(
      '--base <ref>',
      'with --changed: the revision to compare with (default: origin/$GITHUB_BASE_REF, else origin/HEAD, main, master)',
    )
    .option(
      '--ignore-unmatched',
      'skip PATH arguments that name no proposal instead of failing (for pre-commit, which passes every file)',
    )
    .option('--baseline <file>', 'the baseline to read (default: kep-baseline.json at the repo root)')
    .option('--no-baseline', 'ignore the baseline: report every finding')
    .option('--baseline-write', 'write the baseline: every finding left, counted per file and rule')
    .option('--baseline-prune', 'lower the baseline’s counts to the findings left (never raises one)');
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or fatal error.

Suppressions: <!-- kep-disable RULE --> … <!-- kep-enable RULE -->, <!-- kep-disable-next-line RULE --> in
markdown; # kep-disable-line RULE and # kep-disable-next-line RULE in YAML. kep-baseline.json (written by
--baseline-write) suppresses the findings it counts, per file and rule.

Examples:
  kep lint                                   # the enclosing repository
  kep lint --repo ../enhancements --format sarif > kep.sarif
  kep lint keps/sig-node/2033-kubelet-in-userns-aka-rootless
  kep lint --rule metadata/stage=error --rule layout=off
  kep lint --release v1.36 --format github   # the enhancements-freeze gate in CI
  kep lint --fix                             # e.g. regenerate outdated tables of contents
  kep lint --template current                # every KEP against today's template, not its own
  kep lint --baseline-write                  # accept today's findings; report only new ones from now on
  kep lint --max-warnings 0                  # fail on any warning too
  kep lint --changed --format github         # in a pull request: only the proposals it changes
  kep lint --changed --base origin/release-1.36
  kep lint --ignore-unmatched $(git diff --cached --name-only)   # as the pre-commit hook does

--changed takes its paths from git (git merge-base REF HEAD; git diff --name-only against it; untracked files
not ignored) and selects as PATH arguments do: a proposal's own files and its approval file select it, a shared
input (template, groups list, OWNERS_ALIASES, TOC skip list, kep.config.json, a profile file) selects every
proposal, other files are skipped. It cannot be combined with PATH arguments. Nothing changed: exit 0, said on
stderr. A shallow clone without the base is exit 2 (fetch with fetch-depth: 0).`,
  );
  command.action(async (paths: string[], flags: LintFlags) => {
    if (flags.release !== undefined && !/^v\d+\.\d+$/.test(flags.release)) {
      throw new CliError(`--release ${flags.release}: expected vMAJOR.MINOR, e.g. v1.36`);
    }
    if (flags.base !== undefined && !flags.changed) throw new CliError('--base needs --changed');
    if (flags.changed && paths.length > 0)
      throw new CliError(
        `--changed with PATH arguments (${paths.join(', ')}): choose one; --changed takes the paths from git`,
      );
    const context = repoContext({ ...flags, release: undefined });
    const changed = flags.changed ? changedSince(context.root, flags.base) : undefined;
    const rules = { ...(context.config.rules ?? {}), ...ruleSettings(flags.rule) };
    const options = {
      ...context.load,
      rules,
      strict: flags.strict,
      // Without --release, the config's release (context.load.release) must survive this key.
      release: flags.release ?? context.load.release,
      paths: changed ? changed.paths : repoRelativePaths(context.root, paths),
      ...(changed || flags.ignoreUnmatched ? { unmatchedPaths: 'skip' as const } : {}),
      cache: flags.cache,
      configText: context.configText,
      workers: flags.jobs === undefined ? undefined : flags.jobs - 1,
      timing: flags.timing,
      ...templateOptions(context.config, flags.template),
    };
    const baseline = await baselineRun(context.root, flags, options);
    if (flags.fix) await removeLeftovers(context.root, context.profile.layout.proposalsRoot);
    // Suppressed findings are out of the result before --fix: their fixes are not applied.
    // No changed file at all: nothing to check (no paths would mean the whole repository).
    const lint = async () =>
      changed?.paths.length === 0 ? nothingChecked() : lintRepository(context.root, options);
    let result = baseline.apply(await lint());
    if (flags.fix && (await applyFixesOf(context.root, result.diagnostics))) {
      // Fixed files are checked again: what remains is reported with positions in the new text.
      result = baseline.apply(await lint());
    }
    if (result.proposalsChecked === 0 && (changed || flags.ignoreUnmatched)) {
      const skipped = result.skippedPaths?.length ?? 0;
      const files = `${skipped} file${skipped === 1 ? '' : 's'}`;
      printNotice(
        changed
          ? `no proposal changed since ${changed.ref} (${changed.base.slice(0, 12)})${skipped > 0 ? `: ${files} changed, none a proposal's or a shared input` : ''}`
          : `none of the ${files} given names a proposal; nothing checked`,
      );
    } else if (changed) {
      printNotice(
        `--changed: ${result.proposalsChecked} proposal${result.proposalsChecked === 1 ? '' : 's'} to check, changed since ${changed.ref} (${changed.base.slice(0, 12)})`,
      );
    }
    result = await baseline.finish(result);
    let diagnostics = result.diagnostics;
    let suppressed = result.suppressed;
    if (flags.quiet) {
      diagnostics = diagnostics.filter((d) => d.severity === 'error');
      suppressed = suppressed.filter((d) => d.severity === 'error');
    }
    for (const notice of result.notices) printNotice(notice);
    const output =
      flags.format === 'json'
        ? formatJson(diagnostics)
        : flags.format === 'sarif'
          ? formatSarif(diagnostics, allRules, kepkitVersion(), suppressed)
          : flags.format === 'github'
            ? formatGithub(diagnostics)
            : formatStylish(diagnostics, {
                colour: flags.output === undefined && useColour(flags),
                suppressed: suppressed.length,
              });
    await writeOutput(flags.output, output);
    if (result.timings) process.stderr.write(formatTimings(result.timings));
    // Warnings count against --max-warnings even under --quiet, which only hides them.
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const tooManyWarnings = flags.maxWarnings !== undefined && warnings > flags.maxWarnings;
    if (tooManyWarnings)
      printNotice(
        `${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${flags.maxWarnings} allows`,
      );
    process.exitCode = diagnostics.some((d) => d.severity === 'error') || tooManyWarnings ? 1 : 0;
  });
  return command;
}
