// A profile's metadata schema, from its `fields` data: a zod schema built on first use (so that commands
// answered from the cache never import zod), the validation that turns its issues into MetadataIssues, and
// the mapping of the fields to the common meanings (`keys`) that every command reads.
import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { FieldSpec, Metadata, MetadataIssue, ProcessProfile } from '../model/index.js';

let zod: typeof z | undefined;
function lazyZod(): typeof z {
  zod ??= (createRequire(import.meta.url)('zod') as { z: typeof z }).z;
  return zod;
}

type Fields = Record<string, FieldSpec>;

/** The zod schema of a metadata file with these fields: every scalar arrives as text (see load/yaml.ts). */
export function buildMetadataSchema(fields: Fields, unknownFields: 'error' | 'allow'): z.ZodType {
  const z = lazyZod();
  // null stands for `~`, `null` or an empty value.
  const text = z.string().nullable();
  const yamlBool = z
    .string()
    .regex(/^(true|false|yes|no|on|off|y|n)$/i, 'expected a boolean (true or false)')
    .nullable();
  const object = (shape: Record<string, z.ZodType>) =>
    unknownFields === 'error' ? z.strictObject(shape) : z.looseObject(shape);
  const field = (spec: FieldSpec): z.ZodType => {
    switch (spec.type) {
      case 'text':
        return text;
      case 'boolean':
        return yamlBool;
      case 'list':
        return z.array(spec.items ? field(spec.items).nullable() : text).nullable();
      case 'mapping':
        return mapping(spec.fields ?? {}).nullable();
    }
  };
  const mapping = (specs: Fields) =>
    object(Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, field(spec)]))).partial();
  return mapping(fields);
}

/**
 * The data with each field written under an alias (`aliases` in the profile) moved to its own name, when the
 * own name is not written too. The same object when no alias is written (the usual case).
 */
export function withAliases(fields: Fields, data: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [name, spec] of Object.entries(fields)) {
    if (!spec.aliases || name in data) continue;
    const alias = spec.aliases.find((candidate) => candidate in data);
    if (alias === undefined) continue;
    out ??= { ...data };
    out[name] = out[alias];
    delete out[alias];
  }
  return out ?? data;
}

const schemas = new WeakMap<object, z.ZodType>();

/** The profile's metadata schema, built once per profile. */
export function metadataSchema(
  profile: Pick<ProcessProfile['metadata'], 'fields' | 'unknownFields'>,
): z.ZodType {
  let schema = schemas.get(profile.fields);
  if (!schema) {
    schema = buildMetadataSchema(profile.fields, profile.unknownFields);
    schemas.set(profile.fields, schema);
  }
  return schema;
}

type Data = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];
const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The common meanings of well-typed metadata, read through the profile's keys. */
export function toMetadata(data: Data, keys: ProcessProfile['metadata']['keys']): Metadata {
  // A meaning the process lacks has the empty name: no field stands for it.
  const at = (key: string): unknown => (key === '' ? undefined : data[key]);
  const milestones: Record<string, string> = {};
  const milestoneMap = at(keys.milestones);
  if (milestoneMap && typeof milestoneMap === 'object' && !Array.isArray(milestoneMap)) {
    for (const [stage, value] of Object.entries(milestoneMap)) {
      if (typeof value === 'string' && value !== '') milestones[stage] = value;
    }
  }
  const gates = keys.featureGates ? at(keys.featureGates) : undefined;
  const disable = keys.disableSupported ? at(keys.disableSupported) : undefined;
  return {
    title: optional(at(keys.title)),
    number: optional(at(keys.number)),
    status: optional(at(keys.status)),
    stage: optional(at(keys.stage)),
    latestMilestone: optional(at(keys.latestMilestone)),
    milestones,
    owningGroup: optional(at(keys.owningGroup)),
    participatingGroups: strings(at(keys.participatingGroups)),
    authors: strings(at(keys.authors)),
    reviewers: strings(at(keys.reviewers)),
    approvers: strings(at(keys.approvers)),
    editor: keys.editor ? optional(at(keys.editor)) : undefined,
    creationDate: optional(at(keys.creationDate)),
    lastUpdated: optional(at(keys.lastUpdated)),
    seeAlso: strings(at(keys.seeAlso)),
    replaces: strings(at(keys.replaces)),
    supersededBy: strings(at(keys.supersededBy)),
    featureGates: (Array.isArray(gates) ? gates : []).flatMap((gate) =>
      gate && typeof gate === 'object' && typeof (gate as Data).name === 'string'
        ? [{ name: (gate as Data).name as string, components: strings((gate as Data).components) }]
        : [],
    ),
    disableSupported: typeof disable === 'string' ? /^(true|yes|on|y)$/i.test(disable) : undefined,
    metrics: keys.metrics ? strings(at(keys.metrics)) : [],
  };
}

/** Validate loosely typed YAML data: report every issue, and map what is well-typed to Metadata. */
export function validateMetadata(
  profile: Pick<ProcessProfile['metadata'], 'fields' | 'unknownFields' | 'keys'>,
  data: unknown,
): { metadata: Metadata; issues: MetadataIssue[] } {
  const schema = metadataSchema(profile);
  const written = data;
  data =
    written && typeof written === 'object' && !Array.isArray(written)
      ? withAliases(profile.fields, written as Record<string, unknown>)
      : written;
  const result = schema.safeParse(data);
  if (result.success) return { metadata: toMetadata(result.data as Data, profile.keys), issues: [] };
  const issues: MetadataIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          kind: 'unknown-field',
          path: [...issue.path.map(pathStep), key],
          message: `unknown field "${key}"`,
        });
      }
    } else {
      issues.push({ kind: 'type', path: issue.path.map(pathStep), message: typeMessage(issue) });
    }
  }
  // Keep what is usable: drop the offending top-level keys and map the rest.
  const usable: Data = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const bad = new Set(issues.map((issue) => issue.path[0]));
    for (const [key, value] of Object.entries(data)) if (!bad.has(key)) usable[key] = value;
  }
  const retry = schema.safeParse(usable);
  return { metadata: toMetadata(retry.success ? (retry.data as Data) : {}, profile.keys), issues };
}

function pathStep(step: PropertyKey): string | number {
  return typeof step === 'number' ? step : String(step);
}

function typeMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the document';
  if (issue.code === 'invalid_type') {
    const expected =
      issue.expected === 'string'
        ? 'a single value'
        : issue.expected === 'array'
          ? 'a list'
          : issue.expected === 'object'
            ? 'a mapping'
            : issue.expected;
    return `${where} must be ${expected}`;
  }
  return `${where}: ${issue.message}`;
}
