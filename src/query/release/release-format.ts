import { forMarkdown, forTerminal } from '../../model/escape.js';
import { type Column, formatCsv, formatJson, formatMarkdownTable, formatTable } from '../formats/format.js';
import type { CriterionResult, ReleaseKep, ReleaseReport, ReleaseTotals, Verdict } from './release.js';

export type ReleaseOutput = 'table' | 'md' | 'csv' | 'json';

const MARKS: Record<Verdict, string> = { pass: 'ok', fail: 'FAIL', skip: '-' };
const MD_MARKS: Record<Verdict, string> = { pass: '✅', fail: '❌', skip: '➖' };

const kepLabel = (kep: ReleaseKep): string => (kep.kepNumber ? kep.kepNumber : kep.dir);
const owners = (kep: ReleaseKep): string =>
  [...new Set([...kep.owners.authors, ...kep.owners.approvers])].join(', ');

function result(kep: ReleaseKep, id: string): CriterionResult | undefined {
  return kep.criteria.find((criterion) => criterion.id === id);
}

function summary(report: ReleaseReport): string {
  const { all } = report.totals;
  const current = report.currentRelease;
  const judged =
    current && current !== report.release
      ? `judged as past (current release ${current})`
      : 'judged as the current release';
  return `Release ${report.release}, ${report.freeze} freeze, ${judged}: ${all.keps} KEP${all.keps === 1 ? '' : 's'}, ${all.ready} ready, ${all.notReady} not ready`;
}

function kepColumns(report: ReleaseReport, marks: Record<Verdict, string>): Column<ReleaseKep>[] {
  return [
    { header: 'KEP', text: kepLabel },
    { header: 'Stage', text: (kep) => kep.stage ?? '' },
    { header: 'SIG', text: (kep) => kep.owningSig },
    {
      header: 'Verdict',
      text: (kep) => kep.verdict,
      style: (kep) => (kep.verdict === 'ready' ? 'green' : 'red'),
    },
    ...report.criteria.map(
      (criterion): Column<ReleaseKep> => ({
        header: criterion.id,
        text: (kep) => {
          const found = result(kep, criterion.id);
          return found ? marks[found.verdict] : '';
        },
      }),
    ),
    { header: 'Title', text: (kep) => kep.title },
  ];
}

const totalsColumns = (name: string): Column<[string, ReleaseTotals]>[] => [
  { header: name, text: ([key]) => key },
  { header: 'KEPs', text: ([, totals]) => String(totals.keps) },
  { header: 'Ready', text: ([, totals]) => String(totals.ready) },
  { header: 'Not ready', text: ([, totals]) => String(totals.notReady) },
];

/** Stages in the profile's order where known, then the rest by name. */
function stageRows(report: ReleaseReport, order: readonly string[]): [string, ReleaseTotals][] {
  const rank = (stage: string) => {
    const index = order.indexOf(stage);
    return index === -1 ? order.length : index;
  };
  return Object.entries(report.totals.byStage).sort(
    ([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

function sigRows(report: ReleaseReport): [string, ReleaseTotals][] {
  return Object.entries(report.totals.bySig).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Each failed (and skipped) criterion of each KEP that is not ready, with the rule and the reason. */
function problems(report: ReleaseReport, markdown: boolean): string {
  const lines: string[] = [];
  for (const kep of report.keps) {
    const failed = kep.criteria.filter((criterion) => criterion.verdict === 'fail');
    if (failed.length === 0) continue;
    const prr = kep.owners.prrApprover ? `; PRR ${kep.owners.prrApprover}` : '';
    const head = `KEP ${kepLabel(kep)} ${kep.title} (${kep.stage ?? 'no stage'}, ${kep.owningSig || 'no SIG'}): ${kep.dir}`;
    lines.push(
      markdown
        ? `- **${forMarkdown(head)}** — owners: ${forMarkdown(owners(kep))}${forMarkdown(prr)}`
        : forTerminal(head),
    );
    if (!markdown) lines.push(forTerminal(`  owners: ${owners(kep) || '(none)'}${prr}`));
    for (const criterion of failed) {
      lines.push(
        markdown
          ? `  - ❌ \`${criterion.id}\` (\`${criterion.rule}\`): ${forMarkdown(criterion.reason)}`
          : forTerminal(`  FAIL ${criterion.id} [${criterion.rule}] ${criterion.reason}`),
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function formatRelease(
  report: ReleaseReport,
  output: ReleaseOutput,
  stageOrder: readonly string[],
  options: { colour?: boolean } = {},
): string {
  switch (output) {
    case 'json':
      return formatJson(report);
    case 'csv':
      return formatCsv(report.keps, csvColumns(report));
    case 'md':
      return [
        `## ${summary(report)}\n`,
        criteriaLegend(report, true),
        formatMarkdownTable(report.keps, kepColumns(report, MD_MARKS)),
        report.totals.all.notReady > 0 ? `\n### Not ready\n\n${problems(report, true)}` : '',
        `\n### By stage\n\n${formatMarkdownTable(stageRows(report, stageOrder), totalsColumns('Stage'))}`,
        `\n### By SIG\n\n${formatMarkdownTable(sigRows(report), totalsColumns('SIG'))}`,
        apart(report, 'planned', true),
        apart(report, 'stopped', true),
        notices(report, true),
      ].join('');
    default:
      return [
        `${summary(report)}\n\n`,
        report.keps.length > 0 ? formatTable(report.keps, kepColumns(report, MARKS), options) : '',
        report.totals.all.notReady > 0 ? `\nNot ready:\n${problems(report, false)}` : '',
        `\n${formatTable(stageRows(report, stageOrder), totalsColumns('Stage'), options)}`,
        `\n${formatTable(sigRows(report), totalsColumns('SIG'), options)}`,
        `\n${criteriaLegend(report, false)}`,
        apart(report, 'planned', false),
        apart(report, 'stopped', false),
        notices(report, false),
      ].join('');
  }
}

function criteriaLegend(report: ReleaseReport, markdown: boolean): string {
  const lines = report.criteria.map((criterion) =>
    markdown
      ? `- \`${criterion.id}\`: ${criterion.title} (${criterion.rules.map((rule) => `\`${rule}\``).join(', ')})`
      : `  ${criterion.id}: ${criterion.title} [${criterion.rules.join(', ')}]`,
  );
  return markdown
    ? `Criteria:\n\n${lines.join('\n')}\n\n`
    : `Criteria (ok pass, FAIL fail, - skipped):\n${lines.join('\n')}\n`;
}

const APART = {
  planned: 'Planned, not opted in (latest-milestone is not the release; not judged)',
  stopped: 'Stopped (not judged)',
};

/** Proposals listed apart, not judged: planned without opting in, or stopped. */
function apart(report: ReleaseReport, list: 'planned' | 'stopped', markdown: boolean): string {
  const keps = report[list];
  if (keps.length === 0) return '';
  const lines = keps.map((kep) => {
    const why =
      list === 'planned'
        ? `${kep.targetedBy} ${report.release}, latest-milestone ${kep.latestMilestone || '(none)'}`
        : kep.status;
    const text = `${kep.kepNumber || kep.dir} ${kep.title} (${why}): ${kep.dir}`;
    return markdown ? `- ${forMarkdown(text)}` : forTerminal(`  ${text}`);
  });
  return markdown
    ? `\n### ${APART[list]}\n\n${lines.join('\n')}\n`
    : `\n${APART[list]}:\n${lines.join('\n')}\n`;
}

function notices(report: ReleaseReport, markdown: boolean): string {
  if (report.notices.length === 0) return '';
  const line = (notice: string) => (markdown ? `> ${forMarkdown(notice)}` : `note: ${forTerminal(notice)}`);
  return `\n${report.notices.map(line).join('\n')}\n`;
}

/** The KEP's own CSV columns, which a criterion's column must not repeat. */
const KEP_COLUMNS = new Set(['status', 'stage', 'verdict', 'latestMilestone']);

function csvColumns(report: ReleaseReport): Column<ReleaseKep>[] {
  return [
    { header: 'kepNumber', text: (kep) => kep.kepNumber },
    { header: 'title', text: (kep) => kep.title },
    { header: 'dir', text: (kep) => kep.dir },
    { header: 'owningSig', text: (kep) => kep.owningSig },
    { header: 'stage', text: (kep) => kep.stage ?? '' },
    { header: 'targetedBy', text: (kep) => kep.targetedBy },
    { header: 'status', text: (kep) => kep.status },
    { header: 'latestMilestone', text: (kep) => kep.latestMilestone },
    { header: 'authors', text: (kep) => kep.owners.authors.join(' ') },
    { header: 'approvers', text: (kep) => kep.owners.approvers.join(' ') },
    { header: 'prrApprover', text: (kep) => kep.owners.prrApprover ?? '' },
    { header: 'verdict', text: (kep) => kep.verdict },
    ...report.criteria.flatMap((criterion): Column<ReleaseKep>[] => [
      // The status criterion's verdict would share the KEP's own status column name.
      {
        header: KEP_COLUMNS.has(criterion.id) ? `${criterion.id} verdict` : criterion.id,
        text: (kep) => result(kep, criterion.id)?.verdict ?? '',
      },
      { header: `${criterion.id} rule`, text: (kep) => result(kep, criterion.id)?.rule ?? '' },
      { header: `${criterion.id} reason`, text: (kep) => result(kep, criterion.id)?.reason ?? '' },
    ]),
  ];
}
