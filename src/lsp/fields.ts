// Completion and hover in metadata files (kep.yaml, or a one-file layout's front matter) and approval files:
// the vocabulary comes from the profile (statuses, stages, field meanings as `kep schema` describes them) and
// the facts (groups from sigs.yaml, handles from OWNERS_ALIASES, the current release). The YAML around the
// cursor is read line by line: a buffer being typed is seldom valid YAML.

import type { ProcessProfile, RepositoryFacts } from '../model/index.js';
import { parseMilestone } from '../model/milestone.js';
import { metadataSchema } from '../profile/metadata-schema.js';
import { metadataJsonSchema } from '../query/export/schema.js';

/** Which kind of file the cursor is in. */
export type FieldFile = 'metadata' | 'approval';

export interface FieldCompletion {
  label: string;
  /** The text that replaces `replace` (quoted where YAML needs it). */
  text: string;
  /** What the editor filters by (what the user may have typed so far). */
  filter: string;
  /** The offsets (in the text) of the value or key the completion replaces. */
  replace: { start: number; end: number };
  kind: 'value' | 'field';
  detail?: string;
  documentation?: string;
}

/** Where the cursor is: in a key, or in the value of a key (a scalar or a list item) under its parents. */
interface YamlContext {
  /** Parent keys, outermost first, then the key itself. */
  path: string[];
  part: 'key' | 'value';
  /** The typed text from the value's (or key's) start to the cursor, and where it starts and ends. */
  typed: string;
  start: number;
  end: number;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+):(?:\s|$)/;

const indentOf = (value: string) => value.length - value.trimStart().length;

/** The keys whose blocks hold a line (starting at `lineStart`) indented this much, from the lines above. */
function parentsAbove(
  text: string,
  lineStart: number,
  from: number,
  indent: number,
  listItem: boolean,
): string[] {
  const parents: string[] = [];
  let limit = indent;
  let at = lineStart;
  while (at > from && (limit > 0 || listItem)) {
    const previousStart = text.lastIndexOf('\n', at - 2) + 1;
    const previous = text.slice(Math.max(previousStart, from), at - 1).replace(/\r$/, '');
    at = Math.max(previousStart, from);
    if (previous.trim() === '' || previous.trimStart().startsWith('#')) continue;
    const match = KEY_LINE.exec(previous);
    const previousIndent = indentOf(previous);
    const isItem = previous.trimStart().startsWith('-');
    // `key:` then `- item` at the same indentation is a list of that key, as YAML allows.
    if (match && !isItem && (previousIndent < limit || (listItem && previousIndent === limit))) {
      parents.unshift(match[2]!);
      limit = previousIndent;
      listItem = false;
      if (limit === 0) break;
    } else if (previousIndent < limit && !isItem) break;
  }
  return parents;
}

/** The YAML context at an offset, read from the lines up to it; `from` is where the YAML starts (front matter). */
function contextAt(text: string, offset: number, from = 0): YamlContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart < from) return undefined;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const before = text.slice(lineStart, offset);
  const valueEnd = (start: number) => {
    const rest = line.slice(start - lineStart);
    const comment = rest.search(/\s#/);
    return start + (comment === -1 ? rest.trimEnd().length : rest.slice(0, comment).trimEnd().length);
  };

  const keyValue = /^(\s*)(-\s+)?([A-Za-z0-9_.-]+):(\s+)/.exec(before);
  if (keyValue) {
    const start = lineStart + keyValue[0].length;
    const indent = keyValue[1]!.length + (keyValue[2]?.length ?? 0);
    return {
      path: [...parentsAbove(text, lineStart, from, indent, false), keyValue[3]!],
      part: 'value',
      typed: before.slice(keyValue[0].length),
      start,
      end: Math.max(valueEnd(start), offset),
    };
  }
  const item = /^(\s*)-\s+/.exec(before);
  if (item && !/:\s/.test(before.slice(item[0].length))) {
    const start = lineStart + item[0].length;
    return {
      path: parentsAbove(text, lineStart, from, item[1]!.length, true),
      part: 'value',
      typed: before.slice(item[0].length),
      start,
      end: Math.max(valueEnd(start), offset),
    };
  }
  const key = /^(\s*)([A-Za-z0-9_.-]*)$/.exec(before);
  if (key && !line.slice(before.length).includes(':')) {
    const start = lineStart + key[1]!.length;
    return {
      path: [...parentsAbove(text, lineStart, from, key[1]!.length, false), key[2]!],
      part: 'key',
      typed: key[2]!,
      start,
      end: offset + (/^[A-Za-z0-9_.-]*/.exec(line.slice(before.length))?.[0].length ?? 0),
    };
  }
  return undefined;
}

/** The key's path at an offset for hover: the key the line names, under its parents. */
function keyPathAt(text: string, offset: number, from = 0): { path: string[]; value: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart < from) return undefined;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  if (match[0].trimStart().startsWith('-')) return undefined;
  const path = [...parentsAbove(text, lineStart, from, match[1]!.length, false), match[2]!];
  const value = line
    .slice(match[0].length)
    .replace(/\s#.*$/, '')
    .trim()
    .replace(/^["']|["']$/g, '');
  return { path, value };
}

export class FieldVocabulary {
  private readonly descriptions = new Map<string, string>();

  constructor(
    private readonly profile: ProcessProfile,
    private readonly facts: () => RepositoryFacts,
  ) {
    const schema = metadataJsonSchema(metadataSchema(profile.metadata), profile, { draft: '7' }) as {
      properties?: Record<
        string,
        { description?: string; anyOf?: { properties?: Record<string, { description?: string }> }[] }
      >;
    };
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (property.description) this.descriptions.set(key, property.description);
      for (const branch of property.anyOf ?? [])
        for (const [inner, spec] of Object.entries(branch.properties ?? {}))
          if (spec.description) this.descriptions.set(`${key}.${inner}`, spec.description);
    }
  }

  /** Completions at an offset of a metadata or approval file's text; `from`: where the YAML starts. */
  complete(kind: FieldFile, text: string, offset: number, from = 0): FieldCompletion[] {
    const context = contextAt(text, offset, from);
    if (!context) return [];
    const replace = { start: context.start, end: context.end };
    if (context.part === 'key') {
      if (kind === 'approval' || context.path.length > 1) {
        const keys =
          kind === 'approval'
            ? context.path.length === 1
              ? [this.profile.prr?.numberField ?? 'kep-number', ...this.profile.metadata.stages]
              : [this.profile.prr?.approverField ?? 'approver']
            : context.path[0] === this.profile.metadata.keys.milestones
              ? this.profile.metadata.stages
              : [];
        return keys.map((key) => ({ label: key, text: `${key}: `, filter: key, replace, kind: 'field' }));
      }
      const present = new Set([...text.slice(from).matchAll(/^([A-Za-z0-9_.-]+):/gm)].map((m) => m[1]!));
      return [...Object.keys(this.profile.metadata.fields)]
        .filter((key) => !present.has(key) || key === context.typed)
        .map((key) => ({
          label: key,
          text: `${key}: `,
          filter: key,
          replace,
          kind: 'field',
          ...(this.descriptions.has(key) ? { documentation: this.descriptions.get(key)! } : {}),
        }));
    }
    return this.values(kind, context.path).map((value) => {
      const quote = /^["']/.test(context.typed) ? context.typed[0]! : '';
      const needsQuotes = /^[@`!&*%|>'"#{}[\],?:-]/.test(value.label) || /:\s|\s#/.test(value.label);
      const written = quote
        ? `${quote}${value.label}${quote}`
        : needsQuotes
          ? JSON.stringify(value.label)
          : value.label;
      return {
        label: value.label,
        text: written,
        filter: `${quote}${value.label}`,
        replace,
        kind: 'value',
        ...(value.documentation ? { documentation: value.documentation } : {}),
      };
    });
  }

  /** The meaning of the field on the line at an offset (and of its value, for a status). */
  hover(kind: FieldFile, text: string, offset: number, from = 0): string | undefined {
    const at = keyPathAt(text, offset, from);
    if (!at) return undefined;
    const { keys, statusDescriptions = {}, statuses, stages } = this.profile.metadata;
    const name = at.path.join('.');
    if (kind === 'approval') {
      const approver = this.profile.prr?.approverField ?? 'approver';
      if (at.path.length === 1 && stages.includes(at.path[0]!))
        return `**${name}**: the production-readiness approval for the ${at.path[0]} stage.`;
      if (at.path.at(-1) === approver)
        return `**${name}**: the production-readiness approver (a member of ${this.profile.prr?.approverAliases.join(', ') ?? 'the approver aliases'} in OWNERS_ALIASES).`;
      if (at.path[0] === (this.profile.prr?.numberField ?? 'kep-number'))
        return `**${name}**: the number of the proposal this approval is for.`;
      return undefined;
    }
    const description = this.descriptions.get(name);
    if (!description) return undefined;
    const lines = [`**${name}**: ${description}`];
    if (at.path.length === 1 && at.path[0] === keys.status) {
      if (statusDescriptions[at.value]) lines.push(`\`${at.value}\`: ${statusDescriptions[at.value]}`);
      lines.push(`One of: ${statuses.map((status) => `\`${status}\``).join(', ')}.`);
    } else if (at.path.length === 1 && at.path[0] === keys.stage)
      lines.push(`One of: ${stages.map((stage) => `\`${stage}\``).join(', ')}.`);
    return lines.join('\n\n');
  }

  /** The values a field takes, by its path. */
  private values(kind: FieldFile, path: string[]): { label: string; documentation?: string }[] {
    const facts = this.facts();
    const { keys, statuses, stages, statusDescriptions = {} } = this.profile.metadata;
    const key = path.at(-1);
    const plain = (values: Iterable<string>) => [...values].map((label) => ({ label }));
    const handles = (names: Iterable<string>) =>
      plain(
        [...new Set(names)]
          .filter((name) => name !== '')
          .sort()
          .map((name) => (name.startsWith('@') ? name : `@${name}`)),
      );
    if (kind === 'approval')
      return key === (this.profile.prr?.approverField ?? 'approver')
        ? handles(facts.prrApprovers?.names ?? [])
        : [];
    if (path.length === 1 && key === keys.status)
      return statuses.map((label) => ({
        label,
        ...(statusDescriptions[label] ? { documentation: statusDescriptions[label] } : {}),
      }));
    if (path.length === 1 && key === keys.stage) return plain(stages);
    if (path.length === 1 && (key === keys.owningGroup || key === keys.participatingGroups))
      return plain([...(facts.groups?.names ?? [])].sort());
    if (path.length === 1 && [keys.authors, keys.reviewers, keys.approvers, keys.editor].includes(key))
      return handles([...(facts.ownersAliases?.values() ?? [])].flat());
    if (
      (path.length === 1 && key === keys.latestMilestone) ||
      (path.length === 2 && path[0] === keys.milestones)
    )
      return plain(milestonesNear(facts.release));
    return [];
  }
}

/** Releases around the current one (vX.Y): two before it, it, and three after, newest first. */
export function milestonesNear(release: string | undefined): string[] {
  const current = release ? parseMilestone(release) : undefined;
  if (!current) return [];
  const near: string[] = [];
  for (let minor = current.minor + 3; minor >= Math.max(current.minor - 2, 0); minor--)
    near.push(`v${current.major}.${minor}`);
  return near;
}
