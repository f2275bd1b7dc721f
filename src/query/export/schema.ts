// `kep schema`: a JSON Schema of the metadata file for editors' YAML support, derived from the profile's
// zod schema (so it accepts exactly the fields and shapes kepkit accepts) and enriched with descriptions
// and the status and stage lists as completion hints.
import { type ZodType, z } from 'zod';
import type { ProcessProfile } from '../../model/index.js';

export type SchemaDraft = '7' | '2020-12';

type JsonSchema = { [key: string]: unknown };

export interface MetadataSchemaOptions {
  draft: SchemaDraft;
  /** Group names (sigs.yaml) offered as completions for the SIG fields. */
  groups?: string[];
}

/** What each field means, by common field name (the profile maps it to the file's key). */
const COMMON_DESCRIPTIONS: Partial<Record<keyof ProcessProfile['metadata']['keys'], string>> = {
  title: 'The title of the proposal, without its number.',
  number: 'The proposal number; the directory name starts with it.',
  authors: 'GitHub handles of the authors (`@name`).',
  owningGroup:
    'The group that owns the proposal (a `dir` of sigs.yaml); the proposal lives under its directory.',
  participatingGroups: 'Other groups involved (each a `dir` of sigs.yaml).',
  reviewers: 'GitHub handles of the reviewers.',
  approvers: 'GitHub handles of the approvers; may be an empty list, not empty.',
  status: 'Where the proposal stands in the process.',
  stage: 'The feature stage the proposal currently targets (required once implementable).',
  latestMilestone:
    'The release the proposal currently targets, `vMAJOR.MINOR` (e.g. `v1.34`); required once implementable.',
  milestones: 'The release of each stage, `vMAJOR.MINOR`.',
  creationDate: 'Date the proposal was created, `YYYY-MM-DD`.',
  lastUpdated: 'Date of the last significant change, `YYYY-MM-DD`.',
  seeAlso: 'Related proposals, as repo paths (`/keps/sig-x/1234-name`) or links.',
  replaces: 'Proposals this one replaces, as repo paths.',
  supersededBy: 'Proposals that replace this one, as repo paths.',
};

/** Fields the profile maps no common name to: described by their key (upstream api.Proposal). */
const KEY_DESCRIPTIONS: Record<string, string> = {
  editor: 'The editor of the proposal, if any.',
  'feature-gates': 'Feature gates the proposal adds, each with the components that read it.',
  'disable-supported': 'Whether the feature can be disabled once enabled (`true` or `false`).',
  metrics: 'Metrics that tell whether the feature works.',
  id: 'Accepted by upstream’s strict decoder (an untagged Go field); not used.',
  prnumber: 'Accepted by upstream’s strict decoder (an untagged Go field); not used.',
  name: 'Accepted by upstream’s strict decoder (an untagged Go field); not used.',
  path: 'Accepted by upstream’s strict decoder (an untagged Go field); not used.',
};

/**
 * Scalars: YAML editors read `kep-number: 2033` as a number and `1.30` as a float, while kepkit and upstream
 * read every scalar as text. So wherever the zod schema says "text", the JSON Schema accepts any scalar.
 */
function widenScalars(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) widenScalars(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const type = schema.type;
  const plainText =
    schema.pattern === undefined &&
    schema.enum === undefined &&
    (type === 'string' || (Array.isArray(type) && type.includes('string')));
  if (plainText) {
    const types = Array.isArray(type) ? type : [type];
    schema.type = [
      ...new Set(types.flatMap((t) => (t === 'string' ? ['string', 'number', 'boolean'] : [t]))),
    ];
  }
  for (const value of Object.values(schema)) widenScalars(value);
}

/** A YAML boolean as text, any case (what the zod schema's case-insensitive pattern accepts). */
const YAML_BOOL_TEXT = `^(${['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n']
  .map((word) => [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join(''))
  .join('|')})$`;

/** A list of known values as a completion hint that still accepts any other value (lint judges those). */
function hinted(
  values: string[],
  describe: (value: string) => string | undefined,
  base: JsonSchema,
): JsonSchema {
  return {
    ...base,
    anyOf: [
      ...values.map((value) => {
        const description = describe(value);
        return description ? { const: value, description } : { const: value };
      }),
      { type: ['string', 'number', 'boolean', 'null'] },
    ],
    examples: values,
  };
}

/** The JSON Schema of the profile's metadata file. */
export function metadataJsonSchema(
  zodSchema: ZodType,
  profile: ProcessProfile,
  options: MetadataSchemaOptions,
): JsonSchema {
  const generated = z.toJSONSchema(zodSchema, {
    target: options.draft === '7' ? 'draft-7' : 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  widenScalars(generated);
  const properties = (generated.properties ?? {}) as Record<string, JsonSchema>;
  const { keys, statuses, stages, required, statusDescriptions = {} } = profile.metadata;

  for (const [common, description] of Object.entries(COMMON_DESCRIPTIONS)) {
    const key = keys[common as keyof typeof keys];
    if (key && properties[key]) properties[key] = { description, ...properties[key] };
  }
  for (const [key, description] of Object.entries(KEY_DESCRIPTIONS)) {
    if (properties[key]) properties[key] = { description, ...properties[key] };
  }
  const statusKey = keys.status;
  if (properties[statusKey]) {
    const { type: _type, ...rest } = properties[statusKey];
    properties[statusKey] = hinted(statuses, (status) => statusDescriptions[status], rest);
  }
  const stageKey = keys.stage;
  if (properties[stageKey]) {
    const { type: _type, ...rest } = properties[stageKey];
    properties[stageKey] = hinted(stages, () => undefined, rest);
  }
  const milestones = properties[keys.milestones];
  const milestoneObject = (milestones?.anyOf as JsonSchema[] | undefined)?.find(
    (branch) => branch.type === 'object',
  );
  for (const [stage, schema] of Object.entries(
    (milestoneObject?.properties ?? {}) as Record<string, JsonSchema>,
  )) {
    schema.description = `The release in which the proposal reached ${stage}, \`vMAJOR.MINOR\`.`;
    schema.examples = ['v1.34'];
  }
  if (properties[keys.latestMilestone]) properties[keys.latestMilestone]!.examples = ['v1.34'];
  if (options.groups && options.groups.length > 0) {
    const owning = properties[keys.owningGroup];
    if (owning) owning.examples = options.groups;
    const participating = properties[keys.participatingGroups];
    const list = (participating?.anyOf as JsonSchema[] | undefined)?.find(
      (branch) => branch.type === 'array',
    );
    if (list?.items && typeof list.items === 'object') (list.items as JsonSchema).examples = options.groups;
  }
  const disable = properties['disable-supported'];
  if (disable) {
    properties['disable-supported'] = {
      description: disable.description,
      anyOf: [{ type: 'boolean' }, { type: 'string', pattern: YAML_BOOL_TEXT }, { type: 'null' }],
    };
  }

  const requiredKeys = required
    .map((field) => keys[field as keyof typeof keys])
    .filter((key): key is string => key !== undefined && key in properties);
  const { $schema, ...body } = generated;
  return {
    $schema,
    title: `${profile.layout.kind === 'file' ? 'front matter' : profile.layout.metadataFile} (${profile.name} profile)`,
    description: `Metadata of one proposal, as kepkit and upstream's strict decoder accept it. Generated by \`kep schema\`; values outside the listed statuses and stages are accepted here and reported by \`kep lint\`.`,
    ...body,
    required: requiredKeys,
  };
}
