import { proposalRefMatcher } from '../../load/layout.js';
import { parseMilestone } from '../../model/milestone.js';
import { didYouMean } from '../../model/suggest.js';
import type { KepEntry, Layout } from '../catalog/catalog.js';

/**
 * The filters of `kep query`. Each list ORs its values; the filters AND together; an absent or empty
 * list does not filter. Values arrive already split on commas.
 */
export interface QueryFilters {
  /** Proposal ids: a number (`37`, `0037`), or a path below the proposals root or repo-relative. */
  id?: string[];
  /** Regular expressions (unanchored, as upstream's `regexp.MatchString`) over the owning SIG. */
  sig?: string[];
  status?: string[];
  /** `none` matches a KEP without a stage, as upstream. */
  stage?: string[];
  /** PRR approvers named for any stage in the PRR approval file; `@` optional, case-insensitive. */
  prr?: string[];
  /** `@` optional, case-insensitive. */
  approver?: string[];
  /** `@` optional, case-insensitive. */
  author?: string[];
  participatingSig?: string[];
  /** `vX.Y`: the latest-milestone or the milestone of any stage. */
  milestone?: string[];
  /** Feature gate names, case-insensitive. */
  featureGate?: string[];
  /** Case-insensitive substrings of the title or the README text. */
  text?: string[];
  /** Only KEPs with (true) or without (false) error-severity lint findings. */
  hasErrors?: boolean;
}

const isAscii = (text: string): boolean => [...text].every((c) => c.charCodeAt(0) < 0x80);

/** Any of the texts, as literal text, in any case. */
function textPattern(texts: string[]): RegExp {
  return new RegExp(texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

/** A filter value that cannot work (a bad regular expression, a milestone that is not a version). */
export class QueryError extends Error {}

/** What filtering needs besides the entries: supplied by the caller, read only when a filter needs it. */
export interface FilterInputs {
  /** Group names the `sig` expressions are checked against (the groups file). */
  groups: string[];
  /**
   * README text of an entry, or undefined when it has none (for `text`). With `latin1`, bytes may be read as
   * one character each: the texts searched for are ASCII, and ASCII in UTF-8 is the same bytes (and faster).
   */
  readme?: (entry: KepEntry, encoding: 'utf8' | 'latin1') => string | undefined;
  /** Directories of KEPs with error-severity findings (for `hasErrors`). */
  withErrors?: Set<string>;
  /** The layout ids are read by (for `id`). */
  layout?: Layout;
  /** The profile's statuses and stages: a value outside them (and the repository's own) is a usage error. */
  vocabulary?: { statuses: string[]; stages: string[] };
}

/**
 * A status or stage filter value must be one that a proposal could have: the profile's, or one that the
 * repository's metadata uses. Anything else is a typo that would match nothing, so it is an error with a
 * suggestion instead of an empty result.
 */
function checkKnown(flag: string, values: string[], known: string[], inRepo: Iterable<string>): void {
  const used = new Set(inRepo);
  for (const value of values) {
    if (known.includes(value) || used.has(value)) continue;
    throw new QueryError(
      `${flag} ${value}: no proposal has it (${flag === '--participating-sig' ? 'the groups are' : 'the process has'} ${known.join(', ')})${didYouMean(value, known)}`,
    );
  }
}

const handle = (name: string): string => name.trim().replace(/^@/, '').toLowerCase();
const active = (list: string[] | undefined): list is string[] => list !== undefined && list.length > 0;

/** Split repeated flag values on commas, as upstream's string-slice flags do; blanks are dropped. */
export function splitList(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const out = values.flatMap((value) => value.split(',')).map((value) => value.trim());
  return out.filter((value) => value !== '');
}

/** Compile the `sig` expressions; like upstream, an error when no known group matches any of them. */
function sigMatcher(patterns: string[], known: Iterable<string>): (sig: string) => boolean {
  const expressions = patterns.map((pattern) => {
    try {
      return new RegExp(pattern);
    } catch (error) {
      throw new QueryError(`--sig ${pattern}: not a regular expression (${(error as Error).message})`);
    }
  });
  const matches = (sig: string) => expressions.some((expression) => expression.test(sig));
  if (![...known].some(matches)) {
    const plain = patterns.length === 1 && /^[\w-]+$/.test(patterns[0]!) ? patterns[0]! : undefined;
    throw new QueryError(
      `no SIGs match any of: ${patterns.join(', ')}${plain ? didYouMean(plain, known) : ''}`,
    );
  }
  return matches;
}

/** Check milestone filter values up front, so a typo is an error and not an empty result. */
function milestoneKeys(values: string[]): Set<string> {
  return new Set(
    values.map((value) => {
      const parsed = parseMilestone(value);
      if (!parsed) throw new QueryError(`--milestone ${value}: expected a version such as v1.34`);
      return `${parsed.major}.${parsed.minor}.${parsed.patch}`;
    }),
  );
}

const milestoneKey = (value: string): string | undefined => {
  const parsed = parseMilestone(value);
  return parsed ? `${parsed.major}.${parsed.minor}.${parsed.patch}` : undefined;
};

/** The entries that pass every filter, in their original order. */
export function filterEntries(entries: KepEntry[], filters: QueryFilters, inputs: FilterInputs): KepEntry[] {
  const tests: ((entry: KepEntry) => boolean)[] = [];
  if (active(filters.id)) {
    const layout = inputs.layout;
    if (!layout) throw new QueryError('--id needs the layout');
    const matchers = filters.id.map((id) => proposalRefMatcher(layout, id));
    tests.push((entry) => matchers.some((matches) => matches(entry.dir, entry.number)));
  }
  if (active(filters.sig)) {
    const owning = new Set(entries.map((entry) => entry.record.owningSig).filter(Boolean));
    const matches = sigMatcher(filters.sig, new Set([...inputs.groups, ...owning]));
    tests.push((entry) => matches(entry.record.owningSig));
  }
  if (active(filters.status)) {
    if (inputs.vocabulary)
      checkKnown(
        '--status',
        filters.status,
        inputs.vocabulary.statuses,
        entries.map((entry) => entry.record.status),
      );
    const allowed = new Set(filters.status);
    tests.push((entry) => allowed.has(entry.record.status));
  }
  if (active(filters.stage)) {
    if (inputs.vocabulary)
      checkKnown(
        '--stage',
        filters.stage.filter((stage) => stage !== 'none'),
        inputs.vocabulary.stages,
        entries.map((entry) => entry.record.stage),
      );
    const allowed = new Set(filters.stage.map((stage) => (stage === 'none' ? '' : stage)));
    tests.push((entry) => allowed.has(entry.record.stage));
  }
  if (active(filters.prr)) {
    const allowed = new Set(filters.prr.map(handle));
    tests.push((entry) =>
      Object.values(entry.prrApprovers).some((approver) => allowed.has(handle(approver))),
    );
  }
  if (active(filters.approver)) {
    const allowed = new Set(filters.approver.map(handle));
    tests.push((entry) => (entry.record.approvers ?? []).some((approver) => allowed.has(handle(approver))));
  }
  if (active(filters.author)) {
    const allowed = new Set(filters.author.map(handle));
    tests.push((entry) => (entry.record.authors ?? []).some((author) => allowed.has(handle(author))));
  }
  if (active(filters.participatingSig)) {
    if (inputs.groups.length > 0)
      checkKnown(
        '--participating-sig',
        filters.participatingSig,
        inputs.groups,
        entries.flatMap((entry) => entry.record.participatingSigs ?? []),
      );
    const allowed = new Set(filters.participatingSig);
    tests.push((entry) => (entry.record.participatingSigs ?? []).some((sig) => allowed.has(sig)));
  }
  if (active(filters.milestone)) {
    const allowed = milestoneKeys(filters.milestone);
    tests.push((entry) =>
      [entry.record.latestMilestone, ...Object.values(entry.record.milestone)].some((value) => {
        const key = value ? milestoneKey(value) : undefined;
        return key !== undefined && allowed.has(key);
      }),
    );
  }
  if (active(filters.featureGate)) {
    const allowed = new Set(filters.featureGate.map((name) => name.toLowerCase()));
    tests.push((entry) =>
      (entry.record.featureGates ?? []).some((gate) => allowed.has(gate.name.toLowerCase())),
    );
  }
  if (filters.hasErrors !== undefined) {
    const withErrors = inputs.withErrors;
    if (!withErrors) throw new QueryError('--has-errors needs lint results');
    tests.push((entry) => withErrors.has(entry.dir) === filters.hasErrors);
  }
  // Last: the only filter that reads files, so it reads only what the others let through.
  if (active(filters.text)) {
    // One case-insensitive expression: far cheaper than lower-casing every README.
    const pattern = textPattern(filters.text);
    const readme = inputs.readme;
    const ascii = filters.text.every(isAscii);
    tests.push((entry) => {
      if (pattern.test(entry.record.title)) return true;
      const body = readme?.(entry, ascii ? 'latin1' : 'utf8');
      return body !== undefined && pattern.test(body);
    });
  }
  return entries.filter((entry) => tests.every((test) => test(entry)));
}
