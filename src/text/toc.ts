// Tables of contents between markers, kept as upstream's hack/update-toc.sh keeps them with mdtoc.
import type { ProcessProfile, Section, TextEdit } from '../model/index.js';
import { withBudget } from './mdtoc/budget.js';
import { escapeHtml, headingHtml, headingText } from './mdtoc/html.js';
import { anchor as anchorFor, generateToc, TocBudgetError } from './mdtoc/index.js';
import { InlineParser, isPlainInline } from './mdtoc/inline.js';
import { goTrimSpace } from './mdtoc/scan.js';

/** The profile's table-of-contents settings, or undefined when the process keeps none. */
export type TocSettings = NonNullable<ProcessProfile['toc']>;

export type TocProblem = 'missing-start' | 'missing-end' | 'end-before-start';

/** What a file's table of contents looks like next to what mdtoc would write. */
export type TocState =
  | (TocFound & { status: 'current' })
  | (TocFound & {
      status: 'outdated';
      /** The splice that makes the file what `mdtoc --inplace` writes. */
      edit: TextEdit;
    })
  | { status: TocProblem; message: string }
  /** The markup is pathological (hostile, say): mdtoc's parse would take too long, so it was given up. */
  | { status: 'too-complex'; message: string };

export interface TocFound {
  /** Offsets of the opening and closing markers. */
  start: number;
  end: number;
  /** The text between the markers, and what mdtoc would put there (a newline, then the entries). */
  current: string;
  expected: string;
}

const PROBLEM_MESSAGES: Record<TocProblem, string> = {
  'missing-start': 'missing opening TOC tag',
  'missing-end': 'missing closing TOC tag',
  'end-before-start': 'TOC closing tag before start tag',
};

/** Where a marker first occurs, compared case-insensitively (mdtoc compiles it as `(?i)marker`). */
function findMarker(text: string, marker: string): number {
  let pattern = markerPatterns.get(marker);
  if (!pattern) {
    pattern = new RegExp(marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
    markerPatterns.set(marker, pattern);
  }
  return pattern.exec(text)?.index ?? -1;
}

const markerPatterns = new Map<string, RegExp>();

/**
 * A cheap confirmation that the table of contents is current, from headings the caller has already parsed:
 * true when the entries they give equal the text between the markers. Anything else (a difference, a heading
 * whose parsers may disagree) returns false, and the caller runs the full gomarkdown pass of `inspectToc`.
 * A TOC that mdtoc wrote always matches here, so only a hand-made TOC that happens to equal this one could
 * slip through — and it would have to be wrong for a construct the test below already excludes.
 */
export function tocMatchesHeadings(
  text: string,
  settings: TocSettings,
  headings: readonly Section[],
): boolean {
  // Small functions, each optimised on its own: a rare path met late (a README without markers, a heading
  // with markup) then costs V8 a small recompilation, not one of the whole check.
  const region = tocRegion(text, settings);
  if (!region) return false;
  let toc: string | undefined;
  try {
    toc = withBudget(text.length, () =>
      tocEntries(headings, settings.skipPrefix ? region.endLine : 0, settings.maxDepth),
    );
  } catch (error) {
    if (error instanceof TocBudgetError) return false;
    throw error;
  }
  return (
    toc !== undefined &&
    goTrimSpace(text.slice(region.start + settings.startMarker.length, region.end)) === goTrimSpace(toc)
  );
}

/** Where the markers are (and the closing marker's line), when both are there in order in a text without CR. */
function tocRegion(
  text: string,
  settings: TocSettings,
): { start: number; end: number; endLine: number } | undefined {
  if (text.includes('\r')) return undefined;
  const start = findMarker(text, settings.startMarker);
  const end = findMarker(text, settings.endMarker);
  if (start === -1 || end === -1 || end < start) return undefined;
  return { start, end, endLine: lineOfOffset(text, end) };
}

/**
 * mdtoc's entries for the headings below line `after`, or undefined when one of them is not an ATX heading at
 * the start of its line outside lists and quotes: only there do CommonMark (which found these headings) and
 * gomarkdown surely agree.
 */
function tocEntries(headings: readonly Section[], after: number, maxDepth: number): string | undefined {
  let base = Number.MAX_SAFE_INTEGER;
  for (let index = 0; index < headings.length; index++) {
    const heading = headings[index]!;
    if (heading.line <= after) continue;
    if (heading.setext || heading.nested || heading.column !== 1) return undefined;
    if (heading.level < base) base = heading.level;
  }
  const anchors = new Map<string, number>();
  let toc = '';
  for (let index = 0; index < headings.length; index++) {
    const heading = headings[index]!;
    if (heading.line <= after || (maxDepth > 0 && heading.level > maxDepth)) continue;
    toc += `${'  '.repeat(heading.level - base)}- ${tocLink(heading.heading, anchors)}\n`;
  }
  return toc;
}

/** One entry's link: `[html](#anchor)`. */
function tocLink(content: string, anchors: Map<string, number>): string {
  // Most headings hold no markup: their HTML is the escaped text itself (what parse + render would give).
  if (isPlainInline(content)) return `[${goTrimSpace(escapeHtml(content))}](#${anchorFor(content, anchors)})`;
  const children = new InlineParser(new Map()).parse(content);
  return `[${headingHtml(children)}](#${anchorFor(headingText(children), anchors)})`;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1))
    line++;
  return line;
}

/** Compare the table of contents of a markdown text with the one mdtoc generates (`mdtoc --inplace --dryrun`). */
export function inspectToc(text: string, settings: TocSettings): TocState {
  const start = findMarker(text, settings.startMarker);
  const end = findMarker(text, settings.endMarker);
  const problem: TocProblem | undefined =
    start === -1
      ? 'missing-start'
      : end === -1
        ? 'missing-end'
        : end < start
          ? 'end-before-start'
          : undefined;
  if (problem) return { status: problem, message: PROBLEM_MESSAGES[problem] };

  // With skip-prefix, only the text from the closing marker on is parsed for headings.
  let toc: string;
  try {
    toc = generateToc(settings.skipPrefix ? text.slice(end) : text, settings.maxDepth);
  } catch (error) {
    if (error instanceof TocBudgetError) return { status: 'too-complex', message: tooComplexMessage(text) };
    throw error;
  }
  const realStart = start + settings.startMarker.length;
  const current = text.slice(realStart, end);
  const expected = `\n${toc}`;
  // mdtoc leaves the file alone when the entries agree but for surrounding white space.
  if (goTrimSpace(current) === goTrimSpace(toc)) return { status: 'current', start, end, current, expected };
  return {
    status: 'outdated',
    start,
    end,
    current,
    expected,
    edit: { start: realStart, end, text: expected },
  };
}

function tooComplexMessage(text: string): string {
  return (
    `table of contents not checked: its headings could not be computed within the work budget for a ` +
    `${text.length}-character file (markup such as long runs of unclosed backticks, brackets or tags makes ` +
    'mdtoc’s parser rescan the text); simplify the markup'
  );
}

/**
 * For a text with neither marker: a table of contents inserted where the template has it (before the first
 * `## ` heading; else after a leading `# ` title line; else at the top), such that mdtoc finds it current.
 * Undefined when the headings cannot be computed within the work budget.
 */
export function insertTocEdit(text: string, settings: TocSettings): TextEdit | undefined {
  const section = /^## /m.exec(text);
  const titleEnd = text.startsWith('# ') ? text.indexOf('\n') : -1;
  const at = section ? section.index : titleEnd === -1 ? 0 : titleEnd + 1;
  const before = section || at === 0 ? '' : '\n';
  const after = at === 0 || section ? '\n' : '';
  // List items are no headings, so the entries can be computed with the markers already in place.
  const empty = `${before}${settings.startMarker}\n${settings.endMarker}\n${after}`;
  const candidate = text.slice(0, at) + empty + text.slice(at);
  const end = at + empty.indexOf(settings.endMarker);
  let toc: string;
  try {
    toc = generateToc(settings.skipPrefix ? candidate.slice(end) : candidate, settings.maxDepth);
  } catch (error) {
    if (error instanceof TocBudgetError) return undefined;
    throw error;
  }
  return {
    start: at,
    end: at,
    text: `${before}${settings.startMarker}\n${toc}${settings.endMarker}\n${after}`,
  };
}

/** 1-based line and column of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
