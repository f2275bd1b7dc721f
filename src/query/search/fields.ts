import { compareMilestones, parseMilestone } from '../../model/milestone.js';
import type { KepEntry } from '../catalog/catalog.js';

/** A column of `kep query`: its name in JSON, its header in tables, and how it reads and sorts. */
export interface QueryField {
  /** The kepify JSON name where there is one (`kepNumber`, `lastUpdated`), else kepkit's own. */
  name: string;
  header: string;
  /** The value in JSON and YAML output. */
  value(entry: KepEntry): unknown;
  /** The value in table, CSV and markdown output. */
  text(entry: KepEntry): string;
  /** Sort order; values that are empty always sort last. */
  compare(a: KepEntry, b: KepEntry): number;
  description: string;
}

const byText =
  (read: (entry: KepEntry) => string) =>
  (a: KepEntry, b: KepEntry): number => {
    const left = read(a);
    const right = read(b);
    if (left === right) return 0;
    if (left === '') return 1;
    if (right === '') return -1;
    return left < right ? -1 : 1;
  };

const byMilestone =
  (read: (entry: KepEntry) => string) =>
  (a: KepEntry, b: KepEntry): number => {
    const left = read(a);
    const right = read(b);
    const l = parseMilestone(left);
    const r = parseMilestone(right);
    if (l && r) return compareMilestones(left, right);
    if (l) return -1;
    if (r) return 1;
    return byText(read)(a, b);
  };

const joined = (list: string[] | null): string => (list ?? []).join(', ');

function textField(
  name: string,
  header: string,
  read: (entry: KepEntry) => string,
  description: string,
): QueryField {
  return { name, header, value: read, text: read, compare: byText(read), description };
}

function listField(
  name: string,
  header: string,
  read: (entry: KepEntry) => string[] | null,
  description: string,
): QueryField {
  const text = (entry: KepEntry) => joined(read(entry));
  return { name, header, value: read, text, compare: byText(text), description };
}

function milestoneField(name: string, header: string, read: (entry: KepEntry) => string): QueryField {
  return {
    name,
    header,
    value: read,
    text: read,
    compare: byMilestone(read),
    description: `${header} (sorted as versions)`,
  };
}

const STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'removed', 'disabled'] as const;

/** Every field `--fields` and `--sort` accept. */
export function queryFields(linkBase: string | undefined): QueryField[] {
  const link = (entry: KepEntry) => (linkBase ? `${linkBase}${entry.dir}` : entry.dir);
  const prrText = (entry: KepEntry) =>
    Object.entries(entry.prrApprovers)
      .map(([stage, approver]) => `${stage} ${approver}`)
      .join(', ');
  const milestoneText = (entry: KepEntry) =>
    STAGES.filter((stage) => entry.record.milestone[stage])
      .map((stage) => `${stage} ${entry.record.milestone[stage]}`)
      .join(', ');
  return [
    textField('id', 'ID', (e) => e.record.id, 'kepify id: md5 of "owningSig:title"'),
    {
      name: 'kepNumber',
      header: 'KEP',
      value: (e) => e.record.kepNumber,
      text: (e) => e.record.kepNumber,
      compare: (a, b) =>
        a.number === b.number ? 0 : a.number === null ? 1 : b.number === null ? -1 : a.number - b.number,
      description: 'the KEP number as written (sorted numerically)',
    },
    textField('title', 'Title', (e) => e.record.title, 'title'),
    textField('name', 'Name', (e) => e.record.name, 'directory name'),
    textField('path', 'Path', (e) => e.record.path, 'directory below the proposals root'),
    textField('dir', 'Directory', (e) => e.dir, 'repo-relative directory'),
    textField('owningSig', 'Owning SIG', (e) => e.record.owningSig, 'owning-sig'),
    textField(
      'sig',
      'SIG',
      (e) => e.record.owningSig.replace(/^sig-/, ''),
      'owning-sig without the "sig-" prefix (kepctl’s SIG column)',
    ),
    listField(
      'participatingSigs',
      'Participating SIGs',
      (e) => e.record.participatingSigs,
      'participating-sigs',
    ),
    textField('status', 'Status', (e) => e.record.status, 'status'),
    textField('stage', 'Stage', (e) => e.record.stage, 'stage'),
    milestoneField('latestMilestone', 'Latest milestone', (e) => e.record.latestMilestone),
    {
      name: 'milestone',
      header: 'Milestones',
      value: (e) => e.record.milestone,
      text: milestoneText,
      compare: byText(milestoneText),
      description: 'milestone per stage',
    },
    ...STAGES.map((stage) =>
      milestoneField(
        `milestone.${stage}`,
        `${stage[0]!.toUpperCase()}${stage.slice(1)}`,
        (e) => e.record.milestone[stage],
      ),
    ),
    listField('authors', 'Authors', (e) => e.record.authors, 'authors'),
    listField('reviewers', 'Reviewers', (e) => e.record.reviewers, 'reviewers'),
    listField('approvers', 'Approvers', (e) => e.record.approvers, 'approvers'),
    textField('editor', 'Editor', (e) => e.record.editor, 'editor'),
    textField('creationDate', 'Created', (e) => e.record.creationDate, 'creation-date'),
    textField('lastUpdated', 'Updated', (e) => e.record.lastUpdated, 'last-updated'),
    listField('seeAlso', 'See also', (e) => e.record.seeAlso, 'see-also'),
    listField('replaces', 'Replaces', (e) => e.record.replaces, 'replaces'),
    listField('supersededBy', 'Superseded by', (e) => e.record.supersededBy, 'superseded-by'),
    {
      name: 'featureGates',
      header: 'Feature gates',
      value: (e) => e.record.featureGates,
      text: (e) => (e.record.featureGates ?? []).map((gate) => gate.name).join(', '),
      compare: byText((e) => (e.record.featureGates ?? []).map((gate) => gate.name).join(', ')),
      description: 'feature-gates (names in tables)',
    },
    {
      name: 'disableSupported',
      header: 'Disable supported',
      value: (e) => e.record.disableSupported,
      text: (e) => String(e.record.disableSupported),
      compare: byText((e) => String(e.record.disableSupported)),
      description: 'disable-supported',
    },
    listField('metrics', 'Metrics', (e) => e.record.metrics, 'metrics'),
    {
      name: 'prrApprovers',
      header: 'PRR',
      value: (e) => e.prrApprovers,
      text: prrText,
      compare: byText(prrText),
      description: 'PRR approver per stage, from the PRR approval file',
    },
    textField('link', 'Link', link, 'where to read the KEP (kepctl’s Link column)'),
    textField(
      'proposalId',
      'Proposal',
      (e) => e.id,
      'the proposal id: its number where it has one, else its path below the proposals root',
    ),
  ];
}

const normalise = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

/** Other spellings people use: kep.yaml keys and kepctl's column titles resolve by normalisation. */
const ALIASES: Record<string, string> = {
  number: 'kepNumber',
  kep: 'kepNumber',
  updated: 'lastUpdated',
  created: 'creationDate',
  prr: 'prrApprovers',
  gates: 'featureGates',
  milestones: 'milestone',
  participatingsig: 'participatingSigs',
};

/** Resolve `--fields`/`--sort` names: case, `-` and `_` do not matter (`latest-milestone`, `kep-number`). */
export function findField(fields: QueryField[], name: string): QueryField | undefined {
  const wanted = normalise(name);
  const alias = ALIASES[wanted];
  return fields.find(
    (field) => normalise(field.name) === wanted || (alias !== undefined && field.name === alias),
  );
}

/** kepctl's columns: `table` and `md` show Updated, Stage, Status, SIG, Authors, Title, Link. */
export const TABLE_FIELDS = ['lastUpdated', 'stage', 'status', 'sig', 'authors', 'title', 'link'];
/** kepctl's CSV columns. */
export const CSV_FIELDS = ['title', 'authors', 'sig', 'stage', 'status', 'lastUpdated', 'link'];

export interface SortKey {
  field: QueryField;
  descending: boolean;
}

/** Stable sort by the keys in turn; a descending key still keeps empty values last. */
export function sortEntries(entries: KepEntry[], keys: SortKey[]): KepEntry[] {
  if (keys.length === 0) return entries;
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      for (const { field, descending } of keys) {
        const order = field.compare(a.entry, b.entry);
        if (order === 0) continue;
        if (!descending) return order;
        const emptyA = field.text(a.entry) === '';
        const emptyB = field.text(b.entry) === '';
        return emptyA !== emptyB ? order : -order;
      }
      return a.index - b.index;
    })
    .map(({ entry }) => entry);
}
