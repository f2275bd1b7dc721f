// The one loader of profile files, for kepkit's built-in profiles and a user's alike: read the YAML, follow
// `extends`, validate against the format (src/profile/format.ts), check that the pieces refer to each other,
// and build the ProcessProfile. Every problem is a ProfileError that names the file, line and column.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import type { FieldSpec, ProcessProfile, ProfileData, StatusMeaning } from '../model/index.js';

export type { ProfileData };

import { type ProfileFile, profileFormat } from './format.js';
import { validateMetadata } from './metadata-schema.js';

// The YAML parser and zod are required on first use: a run with a compiled built-in profile needs neither.
const lazy = createRequire(import.meta.url);
const yaml = () => lazy('yaml') as typeof import('yaml');

/** A profile that cannot be used: `file:line:column: message` for each problem. */
export class ProfileError extends Error {}

/** Where the packaged profiles are: `profiles/` at the package root. */
export const BUILTIN_PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));

/** A profile file is small; anything bigger is not a profile. */
const MAX_PROFILE_BYTES = 1024 * 1024;
const MAX_EXTENDS = 8;

interface ParsedFile {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: Record<string, unknown>;
}

/** Load a profile file (following `extends`) and build it; throws ProfileError. */
export function loadProfileFile(file: string): ProcessProfile {
  return buildProfile(readProfileData(file));
}

/** Read, merge and validate a profile file into plain data. */
export function readProfileData(file: string): ProfileData {
  const chain: ParsedFile[] = [];
  let merged: Record<string, unknown> = {};
  let next: string | undefined = path.resolve(file);
  const seen = new Set<string>();
  while (next) {
    if (seen.has(next) || chain.length >= MAX_EXTENDS)
      throw new ProfileError(`${next}: extends itself (or more than ${MAX_EXTENDS} profiles deep)`);
    seen.add(next);
    const parsed = parseProfileFile(next);
    chain.push(parsed);
    const base = parsed.data.extends;
    next = typeof base === 'string' ? resolveExtends(parsed, base) : undefined;
  }
  // From the deepest base up, so that each profile's values (and nulls) land on what it extends.
  for (const parsed of [...chain].reverse()) merged = mergeProfiles(parsed.data, merged);
  delete merged.extends;
  // The first file is the one the user named: its name and version stand.
  const own = chain[0]!.data;
  merged.name = own.name;
  merged.version = own.version;

  const z = (lazy('zod') as { z: typeof import('zod').z }).z;
  const result = profileFormat(z).safeParse(merged);
  if (!result.success)
    throw new ProfileError(result.error.issues.map((issue) => describe(chain, issue)).join('\n'));
  const data = result.data;
  const problems = crossReferences(data).map(({ at, message }) => located(chain, at, message));
  if (problems.length > 0) throw new ProfileError(problems.join('\n'));
  return toProfileData(data, chain[0]!.file);
}

function parseProfileFile(file: string): ParsedFile {
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new ProfileError(`${file}: not a file`);
    if (stats.size > MAX_PROFILE_BYTES) throw new ProfileError(`${file}: over 1 MB; not a profile`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    throw new ProfileError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    throw new ProfileError(`${file}:${at.line}:${at.col}: ${error.message.split('\n')[0]}`);
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new ProfileError(
      `${file}:1:1: a profile is a mapping of keys (version, name, layout, metadata, …)`,
    );
  return { file, doc, lines, data: data as Record<string, unknown> };
}

/**
 * `file:line:column` of a key of a profile file (or of the nearest parent it writes), for problems found
 * later, against a repository: a glob that matches nothing, a proposals root that does not exist.
 */
export function profileKeyLocation(file: string, at: string[]): string {
  try {
    const parsed = parseProfileFile(file);
    for (let length = at.length; length >= 0; length--) {
      const offset = offsetOf(parsed.doc, at.slice(0, length), true);
      if (offset !== undefined) {
        const pos = parsed.lines.linePos(offset);
        return `${file}:${pos.line}:${pos.col}`;
      }
    }
  } catch {
    // Unreadable now: the file name alone.
  }
  return file;
}

/** A built-in name (`kubernetes`) or a path relative to the extending file. */
function resolveExtends(from: ParsedFile, base: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(base)) return path.join(BUILTIN_PROFILES_DIR, `${base}.yaml`);
  return path.resolve(path.dirname(from.file), base);
}

/** The child's values over the base's: mappings merge key by key, anything else replaces; null removes. */
export function mergeProfiles(
  child: Record<string, unknown>,
  base: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(child)) {
    const under = out[key];
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(under)) out[key] = mergeProfiles(value, under);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `file:line:column: path: message`, in the first file of the chain that holds the path. */
function describe(chain: ParsedFile[], issue: z.core.$ZodIssue): string {
  const at = issue.path.map((step) => (typeof step === 'number' ? step : String(step)));
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => located(chain, [...at, key], `unknown key "${key}"`, true)).join('\n');
  const expected = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  return located(chain, at, expected);
}

function located(chain: ParsedFile[], at: (string | number)[], message: string, key = false): string {
  const where = at.length > 0 ? `${at.join('.')}: ` : '';
  for (const parsed of chain) {
    const offset = offsetOf(parsed.doc, at, key);
    if (offset !== undefined) {
      const pos = parsed.lines.linePos(offset);
      return `${parsed.file}:${pos.line}:${pos.col}: ${where}${message}`;
    }
  }
  // Not written anywhere (a required key that is missing): at the nearest parent that is.
  for (let length = at.length - 1; length >= 0; length--) {
    for (const parsed of chain) {
      const offset = offsetOf(parsed.doc, at.slice(0, length), true);
      if (offset !== undefined) {
        const pos = parsed.lines.linePos(offset);
        return `${parsed.file}:${pos.line}:${pos.col}: ${where}${message}`;
      }
    }
  }
  return `${chain[0]!.file}:1:1: ${where}${message}`;
}

/** Where the key (or the value) at a path starts in a document, if the document writes it. */
function offsetOf(doc: Document, at: (string | number)[], key: boolean): number | undefined {
  if (at.length === 0) return 0;
  const { isMap, isSeq } = yaml();
  let node: unknown = doc.contents;
  for (let index = 0; index < at.length; index++) {
    const step = at[index]!;
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === step);
      if (!pair) return undefined;
      if (index === at.length - 1) {
        const target = (key ? pair.key : (pair.value ?? pair.key)) as { range?: number[] } | null;
        return target?.range?.[0];
      }
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      if (index === at.length - 1) return (node as { range?: number[] } | undefined)?.range?.[0];
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** What the format cannot say by itself: meanings that name fields, stages and statuses that agree. */
function crossReferences(data: ProfileFile): { at: (string | number)[]; message: string }[] {
  const problems: { at: (string | number)[]; message: string }[] = [];
  const fields = data.metadata.fields;
  for (const [meaning, field] of Object.entries(data.metadata.keys)) {
    if (field !== undefined && !(field in fields))
      problems.push({
        at: ['metadata', 'keys', meaning],
        message: `names the field "${field}", which metadata.fields does not define`,
      });
  }
  data.metadata.required.forEach((meaning, index) => {
    if (data.metadata.keys[meaning] === undefined)
      problems.push({
        at: ['metadata', 'required', index],
        message: `"${meaning}" is required but metadata.keys does not map it to a field`,
      });
  });
  const layout = data.layout;
  if (layout.kind === 'directory' && (layout.metadataFile === undefined || layout.readmeFile === undefined))
    problems.push({ at: ['layout'], message: 'a directory layout names its metadataFile and readmeFile' });
  if (layout.kind === 'file' && layout.files === undefined)
    problems.push({ at: ['layout'], message: 'a file layout names its proposal files (files: a glob)' });
  if (layout.number.from !== 'none' && layout.number.from !== 'field' && layout.number.pattern === undefined)
    problems.push({
      at: ['layout', 'number'],
      message: `a number from the ${layout.number.from} name needs a pattern`,
    });
  if (layout.number.from === 'field' && data.metadata.keys.number === undefined)
    problems.push({
      at: ['layout', 'number', 'from'],
      message: 'a number from a field needs metadata.keys.number',
    });
  if (layout.number.pattern !== undefined) {
    try {
      new RegExp(layout.number.pattern);
    } catch (error) {
      problems.push({ at: ['layout', 'number', 'pattern'], message: (error as Error).message });
    }
  }
  const stages = new Set(data.metadata.stages);
  data.metadata.stageOrder.forEach((stage, index) => {
    if (!stages.has(stage))
      problems.push({
        at: ['metadata', 'stageOrder', index],
        message: `"${stage}" is not one of metadata.stages`,
      });
  });
  const statuses = new Set(
    Array.isArray(data.metadata.statuses) ? data.metadata.statuses : Object.keys(data.metadata.statuses),
  );
  const implemented = data.metadata.implementedStatus;
  if (implemented && !statuses.has(implemented.status))
    problems.push({
      at: ['metadata', 'implementedStatus', 'status'],
      message: `"${implemented.status}" is not one of metadata.statuses`,
    });
  if (implemented && !stages.has(implemented.stage))
    problems.push({
      at: ['metadata', 'implementedStatus', 'stage'],
      message: `"${implemented.stage}" is not one of metadata.stages`,
    });
  return problems;
}

function fieldSpec(spec: unknown): FieldSpec {
  if (typeof spec === 'string') return { type: spec as FieldSpec['type'] };
  const written = spec as {
    aliases?: string[];
    type: FieldSpec['type'];
    format?: FieldSpec['format'];
    fields?: Record<string, unknown>;
    items?: unknown;
  };
  const out: FieldSpec = { type: written.type };
  if (written.format) out.format = written.format;
  if (written.fields)
    out.fields = Object.fromEntries(
      Object.entries(written.fields).map(([name, inner]) => [name, fieldSpec(inner)]),
    );
  if (written.items) out.items = fieldSpec(written.items);
  if (written.aliases) out.aliases = written.aliases;
  return out;
}

/** Every meaning, absent (`''`: no field has that name) unless the profile maps it. */
const ABSENT_KEYS: ProcessProfile['metadata']['keys'] = {
  title: '',
  number: '',
  authors: '',
  owningGroup: '',
  participatingGroups: '',
  approvers: '',
  reviewers: '',
  status: '',
  stage: '',
  latestMilestone: '',
  milestones: '',
  creationDate: '',
  lastUpdated: '',
  seeAlso: '',
  replaces: '',
  supersededBy: '',
};

function toProfileData(data: ProfileFile, source: string): ProfileData {
  const { metadata } = data;
  const statusMeanings: Record<string, StatusMeaning> = Array.isArray(metadata.statuses)
    ? Object.fromEntries(metadata.statuses.map((status) => [status, 'open' as const]))
    : metadata.statuses;
  return {
    name: data.name,
    ...(data.description !== undefined ? { description: data.description } : {}),
    source,
    detect: data.detect ?? [],
    layout: data.layout,
    template: data.template,
    ...(data.templateMetadata !== undefined ? { templateMetadata: data.templateMetadata } : {}),
    metadata: {
      fields: Object.fromEntries(
        Object.entries(metadata.fields).map(([name, spec]) => [name, fieldSpec(spec)]),
      ),
      unknownFields: metadata.unknownFields,
      keys: { ...ABSENT_KEYS, ...metadata.keys },
      required: metadata.required,
      statuses: Object.keys(statusMeanings),
      statusMeanings,
      stages: metadata.stages,
      stageOrder: metadata.stageOrder,
      ...(metadata.implementedStatus ? { implementedStatus: metadata.implementedStatus } : {}),
      ...(metadata.statusDescriptions ? { statusDescriptions: metadata.statusDescriptions } : {}),
    },
    groups: {
      candidates: data.groups?.candidates ?? [],
      linePattern: data.groups?.linePattern ?? '(?!)',
      ...(data.groups?.names ? { names: data.groups.names } : {}),
      ...(data.groups?.fromDirectories ? { fromDirectories: true } : {}),
    },
    ...(data.prr ? { prr: data.prr } : {}),
    ruleOptions: data.rules,
    ...(data.readme ? { readme: data.readme } : {}),
    ...(data.toc ? { toc: data.toc } : {}),
    ...(data.release ? { release: data.release } : {}),
    ...(data.links ? { links: data.links } : {}),
    releaseGateRules: data.releaseGateRules,
    severities: data.severities,
  };
}

/** The profile with its metadata validation attached. */
export function buildProfile(data: ProfileData): ProcessProfile {
  const metadata = data.metadata;
  return {
    ...data,
    metadata: { ...metadata, validate: (value: unknown) => validateMetadata(metadata, value) },
  };
}
