import {
  compareMilestones,
  type MarkdownDocument,
  type Proposal,
  parseMilestone,
  type ReadmeSettings,
  type RepositoryFacts,
  type Section,
} from '../../model/index.js';
import { perDocument } from './memo.js';
import { linkLabels, ownProse, proseLines, rangeView } from './prose.js';

/**
 * The key two headings are matched by: the GitHub anchor of the heading's text (what mdtoc writes in the
 * table of contents that upstream's template check diffs), without inline markup. Case, punctuation and
 * the heading's level do not matter.
 */
export function headingKey(heading: string): string {
  const text = /[[`*]/.test(heading) ? linkLabels(heading, { images: true }).replace(/[`*]/g, '') : heading;
  // As mdtoc: ASCII letters, digits, `_` and `-` survive, lower-cased; runs of spaces become one hyphen.
  let key = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 32 || code === 9) {
      space = key !== '';
      continue;
    }
    if (code >= 65 && code <= 90) code += 32;
    else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45))
      continue;
    if (space) key += '-';
    space = false;
    key += String.fromCharCode(code);
  }
  return key;
}

/** A heading of the template and what the README rules make of it. */
export interface TemplateHeading {
  /** Index in the template's `sections`. */
  index: number;
  section: Section;
  key: string;
  /** Marked optional itself or under an optional heading. */
  optional: boolean;
  /** A question of a stage-scoped questionnaire section: judged by `prr/questionnaire`, not the section rules. */
  question: boolean;
  /** The template's guidance says the section only applies sometimes ("If applicable, …"): it may stay empty. */
  conditional: boolean;
}

export interface TemplateQuestion {
  heading: string;
  key: string;
  /** The template's own visible lines under the question (trimmed): an answer made only of these is no answer. */
  example: ReadonlySet<string>;
}

/** A section of the questionnaire that must be answered from a stage on. */
export interface QuestionnaireSection {
  heading: TemplateHeading;
  /** The earliest stage (of the profile's stage order) for which the template requires this section. */
  requiredFrom: string;
  questions: TemplateQuestion[];
}

export interface TemplateOutline {
  /** The template's H1 split by the profile's title pattern: its placeholders. */
  title?: { number: string; numberText: string; title: string };
  /** Every heading below the title, in order. */
  headings: TemplateHeading[];
  /** The keys of all those headings. */
  keys: ReadonlySet<string>;
  /** Headings a proposal must have: not optional, not questionnaire questions. */
  required: TemplateHeading[];
  /** The heading holding the stage-scoped sections (the PRR questionnaire), when the template has one. */
  questionnaire?: TemplateHeading;
  questionnaireSections: QuestionnaireSection[];
  /** The section holding the checklist with required items (the Release Signoff Checklist). */
  checklist?: TemplateHeading;
  /** Example strings of the profile that occur in this template, the older templates' ones, and its title placeholders. */
  placeholders: string[];
  /**
   * For each placeholder, a short piece of it that starts at its character rarest in the template: a text
   * without the piece cannot hold the placeholder, and searching for a rare character is several times
   * faster than for a common one such as `[` or `K`.
   */
  placeholderProbes: string[];
  /** The older version of the template this outline is of (from git); absent for the current template. */
  version?: { commit: string; date: string };
}

const outlines = new WeakMap<MarkdownDocument, TemplateOutline>();

/**
 * The template a proposal is judged by, read once per run (and per thread): the headings, questionnaire and
 * checklist it defines. That is the version it was written to when the facts know one (from git) and it does
 * not target the current release; else the repo's current template. Without a proposal, the current one.
 */
export function templateOutline(facts: RepositoryFacts, proposal?: Proposal): TemplateOutline | undefined {
  const settings = facts.profile.readme;
  if (!settings) return undefined;
  // A release gate (`--release`, `kep release`) holds what it gates to today's template.
  const version =
    proposal && facts.templateVersionOf && !targetsCurrentRelease(proposal, facts)
      ? facts.templateVersionOf(proposal)
      : undefined;
  const template = version?.doc ?? facts.template;
  if (!template) return undefined;
  let outline = outlines.get(template);
  if (!outline) {
    outline = buildOutline(template, settings, facts.profile.metadata.stageOrder);
    if (version) outline.version = { commit: version.commit, date: version.date };
    outlines.set(template, outline);
  }
  return outline;
}

/** What a finding judged by an older template says of it, e.g. ` (template of 2021-09-07, 1a2b3c4)`; '' for the current. */
export function templateNote(version: { commit: string; date: string } | undefined): string {
  return version ? ` (template of ${version.date.slice(0, 10)}, ${version.commit.slice(0, 7)})` : '';
}

function buildOutline(
  template: MarkdownDocument,
  settings: ReadmeSettings,
  stageOrder: string[],
): TemplateOutline {
  const sections = template.sections;
  const titleIndex = sections.findIndex((section) => section.level === 1 && !section.nested);
  const keys = new Set<string>();
  const outline: TemplateOutline = {
    headings: [],
    keys,
    required: [],
    questionnaireSections: [],
    placeholders: [],
    placeholderProbes: [],
  };
  const titleSection = sections[titleIndex];
  if (titleSection) {
    const match = new RegExp(settings.titlePattern).exec(titleSection.heading);
    const number = match?.groups?.number;
    const title = match?.groups?.title;
    if (number && title) {
      const numberText = titleSection.heading.slice(0, titleSection.heading.indexOf(number) + number.length);
      outline.title = { number, numberText, title };
    }
  }
  const optional: boolean[] = [];
  for (const [index, section] of sections.entries()) {
    optional[index] =
      section.heading.includes(settings.optionalMarker) ||
      (section.parent >= 0 && optional[section.parent] === true);
  }

  const requirements = settings.stageRequirements.map((source) => new RegExp(source, 'gi'));
  const conditionals = settings.conditionalSections.map((source) => new RegExp(source, 'im'));
  const questionParents = new Map<number, QuestionnaireSection>();
  for (const [index, section] of sections.entries()) {
    if (index === titleIndex || section.nested) continue;
    const heading: TemplateHeading = {
      index,
      section,
      key: headingKey(section.heading),
      optional: optional[index]!,
      question: false,
      conditional: conditionals.some((pattern) => pattern.test(template.body(section))),
    };
    let owner = section.parent;
    while (owner >= 0 && !questionParents.has(owner)) owner = sections[owner]!.parent;
    if (owner >= 0) {
      heading.question = true;
      questionParents.get(owner)!.questions.push(templateQuestion(template, section));
    } else {
      const stage = requiredFrom(template.body(section), requirements, settings, stageOrder);
      if (stage && !heading.optional) {
        const scoped: QuestionnaireSection = { heading, requiredFrom: stage, questions: [] };
        questionParents.set(index, scoped);
        outline.questionnaireSections.push(scoped);
        if (section.parent >= 0 && !outline.questionnaire)
          outline.questionnaire = outline.headings.find((h) => h.index === section.parent);
      }
    }
    outline.headings.push(heading);
    keys.add(heading.key);
    if (!heading.optional && !heading.question) outline.required.push(heading);
    if (!outline.checklist && hasRequiredItems(ownProse(template, section), settings.requiredItemMarker))
      outline.checklist = heading;
  }
  // A template may ask its questions as bold lines rather than headings (as it did before 2021).
  for (const scoped of outline.questionnaireSections) {
    if (scoped.questions.length > 0) continue;
    for (const question of boldQuestions(template, scoped.heading.section))
      scoped.questions.push({ heading: question.text, key: headingKey(question.text), example: new Set() });
  }

  const visible = proseLines(template).join('\n');
  outline.placeholders = settings.placeholders.filter((text) => visible.includes(text));
  // An older template's examples are not in today's: they are looked for whatever the template holds.
  for (const text of settings.legacyPlaceholders ?? [])
    if (!outline.placeholders.includes(text)) outline.placeholders.push(text);
  if (outline.title) outline.placeholders.push(outline.title.numberText, outline.title.title);
  const counts = characterCounts(template.file.text);
  outline.placeholderProbes = outline.placeholders.map((text) => rarePiece(text, counts));
  return outline;
}

/** The (up to) four characters of `text` from its character least frequent in the counted sample. */
function rarePiece(text: string, counts: Uint32Array): string {
  let rarest = 0;
  for (let index = 1; index < text.length; index++)
    if (counts[text.charCodeAt(index)]! < counts[text.charCodeAt(rarest)]!) rarest = index;
  return text.slice(rarest, rarest + 4);
}

/** How often each UTF-16 code unit occurs in a text. */
function characterCounts(text: string): Uint32Array {
  const counts = new Uint32Array(65536);
  for (let index = 0; index < text.length; index++) counts[text.charCodeAt(index)]!++;
  return counts;
}

function templateQuestion(template: MarkdownDocument, section: Section): TemplateQuestion {
  const example = new Set<string>();
  for (const line of ownProse(template, section)) if (line.trim()) example.add(line.trim());
  return { heading: section.heading, key: headingKey(section.heading), example };
}

/** The earliest stage the section's text says it is required for, or undefined. */
function requiredFrom(
  body: string,
  requirements: RegExp[],
  settings: ReadmeSettings,
  stageOrder: string[],
): string | undefined {
  let earliest: number | undefined;
  for (const pattern of requirements) {
    for (const match of body.matchAll(pattern)) {
      const word = (match[1] ?? '').toLowerCase();
      const stage = settings.stageAliases[word] ?? word;
      const position = stageOrder.indexOf(stage);
      if (position >= 0 && (earliest === undefined || position < earliest)) earliest = position;
    }
  }
  return earliest === undefined ? undefined : stageOrder[earliest];
}

const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$/;

/** A checklist item of a markdown list: `- [ ] text` or `- [x] text`. */
export function checklistItem(line: string): { ticked: boolean; text: string } | undefined {
  if (!line.includes('[')) return undefined;
  const match = CHECKBOX.exec(line);
  return match ? { ticked: match[1] !== ' ', text: match[2]!.trim() } : undefined;
}

function hasRequiredItems(lines: readonly string[], marker: string): boolean {
  return lines.some((line) => checklistItem(line)?.text.includes(marker));
}

const BOLD_START = /^\s*(?:[-*+]\s+)?\*\*(?!\*)/;
const BOLD_QUESTION = /^\s*(?:[-*+]\s+)?\*\*(.+?\?)\s*\*\*(.*)$/;

/** A question written as a bold line (`* **How can …?**`), with any answer on the same line. */
export interface BoldQuestion {
  text: string;
  /** 1-based line and column of the question. */
  line: number;
  column: number;
  /** 0-based line where the question's bold text ends (it may wrap over a few lines). */
  lastLine: number;
  rest: string;
}

/** Questions written as bold paragraphs or list items in the 0-based line range (the pre-2021 template's form). */
export function boldQuestions(
  doc: MarkdownDocument,
  section: Section,
  end: number = section.bodyEndLine,
  view: readonly string[] = rangeView(doc, section.bodyStartLine, end).prose,
): BoldQuestion[] {
  const offset = section.bodyStartLine;
  const found: BoldQuestion[] = [];
  for (let index = 0; index < view.length; index++) {
    const first = view[index]!;
    if (!first.includes('**') || !BOLD_START.test(first)) continue;
    // A wrapped question continues on the following lines of the same paragraph.
    let text = first;
    let last = index;
    while (
      !/\?\s*\*\*/.test(text) &&
      last < Math.min(view.length - 1, index + 3) &&
      (view[last + 1] ?? '').trim() !== ''
    ) {
      last++;
      text += ` ${(view[last] ?? '').trim()}`;
    }
    const match = BOLD_QUESTION.exec(text);
    if (!match) continue;
    found.push({
      text: match[1]!.replace(/\s+/g, ' ').trim(),
      line: offset + index + 1,
      column: first.indexOf('**') + 1,
      lastLine: offset + last,
      rest: match[2]!,
    });
    index = last;
  }
  return found;
}

/** A proposal's README headings by key, the first of each key at the same level as the template's preferred. */
export interface ReadmeIndex {
  byKey: Map<string, number[]>;
}

export const readmeIndex = perDocument((doc: MarkdownDocument): ReadmeIndex => {
  const byKey = new Map<string, number[]>();
  const sections = doc.sections;
  for (let position = 0; position < sections.length; position++) {
    const section = sections[position]!;
    // A heading inside a list item or a quote is part of that block, not of the document's outline.
    if (section.nested) continue;
    const key = headingKey(section.heading);
    const list = byKey.get(key);
    if (list) list.push(position);
    else byKey.set(key, [position]);
  }
  return { byKey };
});

/**
 * The first heading of the README (outside lists and quotes) with this key, or -1: a scan that stops there,
 * cheaper than the whole index for a heading near the top such as the signoff checklist.
 */
export function firstSectionWithKey(doc: MarkdownDocument, key: string): number {
  const sections = doc.sections;
  for (let position = 0; position < sections.length; position++) {
    const section = sections[position]!;
    if (!section.nested && headingKey(section.heading) === key) return position;
  }
  return -1;
}

/**
 * Each template heading's section in the README (index into `sections`), or -1 when it has none. Among
 * headings with the same key, one at the template's level wins, then the first after the previous match.
 */
export function matchTemplate(doc: MarkdownDocument, outline: TemplateOutline): Map<TemplateHeading, number> {
  const cached = lastMatch(doc);
  if (cached.outline !== outline) {
    cached.outline = outline;
    cached.found = matchHeadings(doc, outline);
  }
  return cached.found!;
}

const lastMatch = perDocument(
  (_doc: MarkdownDocument): { outline?: TemplateOutline; found?: Map<TemplateHeading, number> } => ({}),
);

function matchHeadings(doc: MarkdownDocument, outline: TemplateOutline): Map<TemplateHeading, number> {
  const { byKey } = readmeIndex(doc);
  const found = new Map<TemplateHeading, number>();
  let previous = -1;
  for (const heading of outline.headings) {
    const candidates = byKey.get(heading.key);
    if (!candidates) {
      found.set(heading, -1);
      continue;
    }
    const chosen =
      candidates.length === 1 ? candidates[0]! : pick(doc, candidates, heading.section.level, previous);
    found.set(heading, chosen);
    previous = Math.max(previous, chosen);
  }
  return found;
}

/** Among same-key headings: at the template's level if any, then the first after the previous match. */
function pick(doc: MarkdownDocument, candidates: number[], level: number, previous: number): number {
  const sameLevel = candidates.filter((c) => doc.sections[c]!.level === level);
  const pool = sameLevel.length > 0 ? sameLevel : candidates;
  return pool.find((c) => c > previous) ?? pool[0]!;
}

/**
 * Whether a proposal is still moving, so its README is held to the current template: an active status
 * (provisional, implementable) and not written before the template's current shape (latest-milestone,
 * else last-updated or creation-date, not before the profile's cut), or a latest-milestone that is the
 * current release (what `--release` gates).
 */
export function inFlight(proposal: Proposal, facts: RepositoryFacts): boolean {
  const settings = facts.profile.readme;
  if (!settings) return false;
  if (targetsCurrentRelease(proposal, facts)) return true;
  const { status } = proposal.metadata;
  if (!status || !settings.activeStatuses.includes(status)) return false;
  return !isHistory(proposal, settings);
}

/**
 * Whether a proposal is committed to a release: in flight with a status that is both active and settled
 * (implementable), or targeting the current release. Drafts (provisional) may leave sections for later.
 */
export function committed(proposal: Proposal, facts: RepositoryFacts): boolean {
  const settings = facts.profile.readme;
  if (!settings || !inFlight(proposal, facts)) return false;
  const { status } = proposal.metadata;
  return (
    targetsCurrentRelease(proposal, facts) ||
    (status !== undefined && settings.settledStatuses.includes(status))
  );
}

/**
 * Whether a proposal was last worked on before the template's current shape: its latest-milestone is an
 * older release or, without a release, its last-updated (else creation-date) is an older date.
 */
export function isHistory(proposal: Proposal, settings: ReadmeSettings): boolean {
  const { latestMilestone, lastUpdated, creationDate } = proposal.metadata;
  const release = latestMilestone && parseMilestone(latestMilestone) ? latestMilestone : undefined;
  if (release) return predates(release, settings.currentFrom);
  const date = [lastUpdated, creationDate].find((value) => value && /^\d{4}-\d{2}-\d{2}$/.test(value));
  return date !== undefined && settings.currentFromDate !== undefined && date < settings.currentFromDate;
}

/** Whether the proposal's latest-milestone is the current release (`--release`, the config, or the newest). */
export function targetsCurrentRelease(proposal: Proposal, facts: RepositoryFacts): boolean {
  const { latestMilestone } = proposal.metadata;
  return (
    latestMilestone !== undefined &&
    facts.release !== undefined &&
    parseMilestone(latestMilestone) !== undefined &&
    compareMilestones(latestMilestone, facts.release) === 0
  );
}

/** Whether a milestone is a version older than `from` (an unparsable or absent milestone is not). */
export function predates(milestone: string | undefined, from: string | undefined): boolean {
  if (!milestone || !from || !parseMilestone(milestone)) return false;
  return compareMilestones(milestone, from) < 0;
}

/** The README's title heading: its first H1 outside lists and quotes. */
export function titleSection(doc: MarkdownDocument): Section | undefined {
  return doc.sections.find((section) => section.level === 1 && !section.nested);
}

/**
 * The text every match of a regular expression source starts with (its leading literal characters), or ''
 * when that cannot be told simply (an alternation, a class or group first). A text without it cannot match.
 */
export function literalPrefix(source: string): string {
  // Rules ask for the same few profile patterns on every README: each is worked out once.
  let prefix = literalPrefixes.get(source);
  if (prefix === undefined) {
    prefix = computeLiteralPrefix(source);
    literalPrefixes.set(source, prefix);
  }
  return prefix;
}

const literalPrefixes = new Map<string, string>();

function computeLiteralPrefix(source: string): string {
  if (source.includes('|')) return '';
  let prefix = '';
  for (let index = 0; index < source.length; ) {
    let char = source[index]!;
    let width = 1;
    if (char === '\\') {
      char = source[index + 1] ?? '';
      width = 2;
      // An escaped letter or digit is a class or a back-reference (\s, \d, \b, \1), not itself.
      if (!char || /[A-Za-z0-9]/.test(char)) break;
    } else if ('^$.*+?()[]{}'.includes(char)) {
      if (char === '^' && index === 0) {
        index++;
        continue;
      }
      break;
    }
    // A character that a quantifier follows may be absent or repeated: it is not part of every match.
    const next = source[index + width];
    if (next !== undefined && '*?{+'.includes(next)) break;
    prefix += char;
    index += width;
  }
  return prefix;
}

const patterns = new Map<string, RegExp>();

/** A profile pattern compiled once per run. Stateless use only (`exec`/`test` on non-global patterns, `matchAll`). */
export function pattern(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let found = patterns.get(key);
  if (!found) {
    found = new RegExp(source, flags);
    patterns.set(key, found);
  }
  return found;
}
