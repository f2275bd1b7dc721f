import { Command } from 'commander';
import { cacheDirFor } from '../../load/cache.js';
import { paint } from '../../model/ansi.js';
import { forCsv, forJson, forMarkdown, forMarkdownCode, forTerminal } from '../../model/escape.js';
import type { KepHistory } from '../../query/history/history.js';
import type { StuckReport } from '../../query/history/history-stuck.js';
import { addRepoOptions, CliError, kepkitVersion, printNotice, repoContext } from '../common.js';
import { addOutputOptions, emit, outputTarget } from '../output.js';

const HISTORY_FORMATS = ['table', 'json', 'md', 'csv'] as const;
type Output = (typeof HISTORY_FORMATS)[number];

interface HistoryFlags {
  repo?: string;
  profile?: string;
  since?: string;
  stuck?: boolean;
  releases?: string;
  release?: string;
  format: Output;
  output?: string;
  color?: boolean;
  cache: boolean;
}

export function historyCommand(): Command {
  const command = new Command('history')
    .description('when each KEP’s status, stage and milestones changed, from the repository’s git history')
    .argument(
      '[id...]',
      'proposals to show, by number (1287, 0037) or path (below the proposals root or repo-relative); default: all',
    )
    .option('--since <date>', 'only changes on or after this date (YYYY-MM-DD, or an ISO 8601 date-time)')
    .option('--stuck', 'list KEPs in alpha or beta for more than --releases releases (“perma-beta”)')
    .option('--releases <n>', 'with --stuck: how many releases in the stage are allowed (default 3)')
    .option('--release <vX.Y>', 'with --stuck: the current release (default: the highest latest-milestone)')
    .option('--no-cache', 'ignore and do not write the on-disk cache')
    .addHelpText(
      'after',
      `
Changes are read with the real git (git log over every kep.yaml, following renames and moves between
SIG directories) and cached by HEAD commit. Dates are author dates, as git log shows them.

A proposal is named by its id: its number where it has one (leading zeros allowed), else its path below
the proposals root (a repo-relative path works too). JSON rows carry it as proposalId. With --stuck, only
proposals whose status means open in the profile count; a profile without stages says so and exits 0.

Exit codes: 0 success, 2 usage error, or the repository is not a (complete, non-shallow) git repository.

Examples:
  kep history                                # every KEP's status, stage and milestone changes
  kep history 1287 2033 --format json        # two KEPs, as JSON
  kep history teps/0037-remove-gcs-fetcher.md   # by path (or 0037): a one-file layout's proposal
  kep history network/no_overlay_mode.md     # a proposal without a number: its path below the root
  kep history --since 2025-01-01 --format csv > changes.csv
  kep history --stuck                        # in alpha or beta for more than 3 releases
  kep history --stuck --releases 5 --release v1.36 --format md`,
    );
  addOutputOptions(command, HISTORY_FORMATS, 'table', { legacyFormats: true });
  // --groups and --owners-aliases are accepted like every command's, though history reads neither.
  return addRepoOptions(command).action(async (ids: string[], flags: HistoryFlags) => {
    const target = outputTarget(flags, HISTORY_FORMATS, { command: 'kep history', legacyFormats: true });
    // Loaded here, not at start-up: other commands do not pay for them.
    const { buildHistory, filterHistory, HistoryError, isHistoryDate } = await import(
      '../../query/history/history.js'
    );
    const { stuckProposals } = await import('../../query/history/history-stuck.js');
    if (flags.since !== undefined && !isHistoryDate(flags.since))
      throw new CliError(`--since ${flags.since}: expected a date (YYYY-MM-DD) or an ISO 8601 date-time`);
    if (flags.stuck && flags.since !== undefined)
      throw new CliError('--since filters changes; it cannot be used with --stuck');
    if (!flags.stuck && (flags.releases !== undefined || flags.release !== undefined))
      throw new CliError('--releases and --release go with --stuck');
    if (flags.releases !== undefined && !/^\d+$/.test(flags.releases))
      throw new CliError(`--releases ${flags.releases}: expected a whole number of releases`);
    if (flags.release !== undefined && !/^v\d+\.\d+$/.test(flags.release))
      throw new CliError(`--release ${flags.release}: expected vMAJOR.MINOR, e.g. v1.36`);

    const context = repoContext({ repo: flags.repo, profile: flags.profile, release: flags.release });
    const { metadata, name, layout } = context.profile;
    // Nothing can be stuck in a stage where the process has no stages: said, not an error.
    if (flags.stuck && (metadata.keys.stage === '' || metadata.stageOrder.length < 2)) {
      printNotice(`the ${name} profile has no stages; no proposal can be stuck`);
      if (target.format === 'json') await emit(target, '[]\n');
      return;
    }
    const { proposalRefMatcher } = await import('../../load/layout.js');
    const refs = ids.map((id) => ({ id, matches: proposalRefMatcher(layout, id) }));
    let histories: KepHistory[];
    try {
      const built = await buildHistory(context.root, context.profile, {
        cacheDir: flags.cache ? cacheDirFor(context.root) : undefined,
        version: kepkitVersion(),
      });
      histories = built.histories;
      // Versions that were skipped (over the metadata size limit), named with their commit.
      for (const notice of built.notices) printNotice(notice);
    } catch (error) {
      if (error instanceof HistoryError) throw new CliError(error.message);
      throw error;
    }
    if (histories.length === 0) {
      const { proposalsRoot, metadataFile, files, kind } = layout;
      const pattern = kind === 'file' ? (files ?? '**/*.md') : `**/${metadataFile}`;
      printNotice(`no ${proposalsRoot}/${pattern} in the history of ${context.root}`);
    }
    const named = (history: KepHistory) => refs.some((ref) => ref.matches(history.path, history.kep));
    const missing = refs.filter(
      (ref) => !histories.some((history) => ref.matches(history.path, history.kep)),
    );
    if (missing.length > 0) {
      const numbers = missing.filter((ref) => /^\d+$/.test(ref.id.trim()));
      const paths = missing.filter((ref) => !/^\d+$/.test(ref.id.trim()));
      const what = [
        ...(numbers.length > 0
          ? [`no ${metadataNoun(layout)} with number ${numbers.map((ref) => ref.id).join(', ')}`]
          : []),
        ...(paths.length > 0 ? [`no proposal at ${paths.map((ref) => ref.id).join(', ')}`] : []),
      ];
      throw new CliError(`${what.join('; ')} in the history of ${context.root}`);
    }
    if (refs.length > 0) histories = histories.filter(named);

    if (flags.stuck) {
      const selected = filterHistory(histories, {});
      const report = stuckProposals(selected, context.profile, {
        releases: flags.releases === undefined ? undefined : Number(flags.releases),
        release: context.load.release,
      });
      if (!report.release)
        throw new CliError('no current release: no KEP has a vX.Y latest-milestone; pass --release vX.Y');
      await emit(target, formatStuck(report, target.format, target.colour));
      return;
    }
    const selected = filterHistory(histories, { since: flags.since });
    await emit(target, formatHistory(selected, target.format, target.colour));
  });
}

/** What holds a proposal's number, for messages: `kep.yaml`, or `proposal` in a one-file layout. */
function metadataNoun(layout: { kind: string; metadataFile?: string }): string {
  return layout.kind === 'file' ? 'proposal' : (layout.metadataFile ?? 'proposal');
}

const label = (kep: number | null) => (kep === null ? 'KEP-?' : `KEP-${kep}`);
const shown = (value: string | null) => value ?? '(none)';

/** History rows as the JSON contract has them: `{kep, path, events: [{date, commit, field, from, to}], proposalId}`. */
function historyJson(histories: KepHistory[]): string {
  const rows = histories.map(({ kep, path, events, proposalId }) => ({
    kep,
    path,
    events: events.map(({ date, commit, field, from, to }) => ({ date, commit, field, from, to })),
    proposalId,
  }));
  return `${forJson(JSON.stringify(rows, null, 2))}\n`;
}

function formatHistory(histories: KepHistory[], output: Output, colour: boolean): string {
  if (output === 'json') return historyJson(histories);
  const flat = histories.flatMap((history) => history.events.map((event) => ({ history, event })));
  if (output === 'csv') {
    const lines = ['kep,path,date,commit,field,from,to'];
    for (const { history, event } of flat) {
      lines.push(
        [
          history.kep ?? '',
          history.path,
          event.date,
          event.commit,
          event.field,
          event.from ?? '',
          event.to ?? '',
        ]
          .map((cell) => forCsv(String(cell)))
          .join(','),
      );
    }
    return `${lines.join('\n')}\n`;
  }
  if (output === 'md') {
    const lines = ['| KEP | Path | Date | Commit | Field | From | To |', '|---|---|---|---|---|---|---|'];
    for (const { history, event } of flat) {
      lines.push(
        `| ${[
          forMarkdown(String(history.kep ?? '')),
          forMarkdownCode(history.path),
          forMarkdown(event.date.slice(0, 10)),
          forMarkdownCode(event.commit.slice(0, 10)),
          forMarkdown(event.field),
          forMarkdown(event.from ?? ''),
          forMarkdown(event.to ?? ''),
        ].join(' | ')} |`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
  if (histories.length === 0) return 'No status, stage or milestone changes.\n';
  const blocks: string[] = [];
  for (const history of histories) {
    const lines = [`${label(history.kep)}  ${history.title ?? ''}`.trimEnd()];
    const earlier = history.paths.slice(0, -1);
    lines.push(
      `  ${history.path}${history.removed ? ' (removed)' : ''}${earlier.length > 0 ? ` (moved from ${earlier.join(', ')})` : ''}`,
    );
    const fields = history.events.map((event) => forTerminal(event.field));
    const width = Math.max(0, ...fields.map((field) => field.length));
    history.events.forEach((event, index) => {
      const change = event.from === null ? `-> ${shown(event.to)}` : `${event.from} -> ${shown(event.to)}`;
      lines.push(
        `  ${event.date.slice(0, 10)}  ${event.commit.slice(0, 10)}  ${fields[index]!.padEnd(width)}  ${change}`,
      );
    });
    if (history.events.length === 0) lines.push('  (no changes)');
    // Each line is escaped whole: titles, paths and values come from the repository.
    const [heading = '', ...rest] = lines.map(forTerminal);
    blocks.push([paint('bold', heading, colour), ...rest].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function formatStuck(report: StuckReport, output: Output, colour: boolean): string {
  const { stuck } = report;
  if (output === 'json') return `${forJson(JSON.stringify(stuck, null, 2))}\n`;
  const columns = [
    'kep',
    'path',
    'stage',
    'since',
    'source',
    'releases',
    'release',
    'date',
    'commit',
  ] as const;
  const cells = (row: (typeof stuck)[number]) =>
    columns.map((column) => (row[column] === null ? '' : String(row[column])));
  if (output === 'csv')
    return `${[columns.join(','), ...stuck.map((row) => cells(row).map(forCsv).join(','))].join('\n')}\n`;
  if (output === 'md') {
    const lines = [
      '| KEP | Path | Stage | Since | Source | Releases | Release | Date | Commit |',
      '|---|---|---|---|---|---|---|---|---|',
      ...stuck.map(
        (row) =>
          `| ${[
            forMarkdown(String(row.kep ?? '')),
            forMarkdownCode(row.path),
            forMarkdown(row.stage),
            forMarkdown(row.since),
            forMarkdown(row.source),
            forMarkdown(String(row.releases)),
            forMarkdown(row.release),
            forMarkdown(row.date?.slice(0, 10) ?? ''),
            row.commit ? forMarkdownCode(row.commit.slice(0, 10)) : '',
          ].join(' | ')} |`,
      ),
    ];
    return `${lines.join('\n')}\n`;
  }
  const summary = `${stuck.length} KEP${stuck.length === 1 ? '' : 's'} in ${report.stages.join(' or ')} for more than ${report.releases} release${report.releases === 1 ? '' : 's'} (current release ${report.release})`;
  if (stuck.length === 0) return `${summary}\n`;
  const header = ['KEP', 'STAGE', 'SINCE', 'RELEASES', 'STAGE SET', 'PATH'];
  const rows = stuck.map((row) =>
    [
      label(row.kep),
      row.stage,
      `${row.since}${row.source === 'history' ? '*' : ''}`,
      String(row.releases),
      row.date?.slice(0, 10) ?? '',
      row.path,
    ].map(forTerminal),
  );
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]!.length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  const note = stuck.some((row) => row.source === 'history')
    ? '\n* no milestone.<stage> in kep.yaml: the latest-milestone when the stage was set (from the history)'
    : '';
  return `${[paint('bold', line(header), colour), ...rows.map(line)].join('\n')}\n\n${summary}${note}\n`;
}
