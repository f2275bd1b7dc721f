// The profile file format (version 1) as a zod schema: what the loader validates a profile file against, and
// what `kep schema profile` publishes as JSON Schema. Every object is strict: an unknown key is an error.
import { createRequire } from 'node:module';
import type { z } from 'zod';

export const PROFILE_FORMAT_VERSION = 1;

/** Build the schema with the zod the caller loaded (zod is imported lazily, see metadata-schema.ts). */
export function profileFormat(z: typeof import('zod').z) {
  const text = z.string().min(1);
  const texts = z.array(text);
  const fieldType = z.enum(['text', 'list', 'boolean', 'mapping']);
  const field: z.ZodType = z.lazy(() =>
    z.union([
      fieldType.describe('shorthand for {type: …}'),
      z.strictObject({
        type: fieldType,
        format: z.enum(['date', 'milestone', 'url', 'handle']).optional(),
        fields: z.record(z.string(), field).optional().describe('the fields of a mapping'),
        items: field.optional().describe('the items of a list, when they are not text'),
      }),
    ]),
  );
  const meaning = z.enum(['open', 'done', 'stopped']);
  const keys = z.strictObject({
    title: text,
    number: text,
    authors: text,
    owningGroup: text,
    participatingGroups: text,
    approvers: text,
    reviewers: text,
    status: text,
    stage: text,
    latestMilestone: text,
    milestones: text,
    creationDate: text,
    lastUpdated: text,
    seeAlso: text,
    replaces: text,
    supersededBy: text,
    editor: text.optional(),
    featureGates: text.optional(),
    disableSupported: text.optional(),
    metrics: text.optional(),
  });
  return z.strictObject({
    version: z.literal(PROFILE_FORMAT_VERSION).describe('the profile format version'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case name: letters, digits and -'),
    description: z.string().optional(),
    extends: text.optional().describe('a built-in profile name, or a path relative to this file'),
    detect: texts
      .optional()
      .describe('repo-relative paths whose presence marks a repository of this process'),
    layout: z.strictObject({
      proposalsRoot: text,
      metadataFile: text,
      readmeFile: text,
      skipDirs: texts.default([]),
      templateDirs: texts.default([]),
      readmesWithoutMetadata: texts.default([]),
      prrDir: text.optional(),
    }),
    template: text,
    metadata: z.strictObject({
      unknownFields: z.enum(['error', 'allow']).default('error'),
      fields: z.record(z.string(), field),
      keys,
      required: z.array(keys.keyof()),
      statuses: z.union([texts, z.record(z.string(), meaning)]),
      stages: texts,
      stageOrder: texts,
      implementedStatus: z.strictObject({ status: text, stage: text }).optional(),
    }),
    groups: z.strictObject({ candidates: texts, linePattern: text }),
    prr: z
      .strictObject({
        requiredStatuses: texts,
        requiredFromMilestone: text,
        ownersAliasesCandidates: texts,
        approverAliases: texts,
      })
      .optional(),
    readme: z
      .strictObject({
        optionalMarker: text,
        activeStatuses: texts,
        currentFrom: text.optional(),
        currentFromDate: text.optional(),
        settledStatuses: texts,
        titlePattern: text,
        titleFormat: text,
        placeholders: texts,
        unresolved: z.strictObject({ open: text, close: text }),
        requiredItemMarker: text,
        stageRequirements: texts,
        conditionalSections: texts,
        stageAliases: z.record(z.string(), text),
      })
      .optional(),
    toc: z
      .strictObject({
        skipListFile: text,
        maxDepth: z.number().int().min(0),
        root: text,
        startMarker: text,
        endMarker: text,
        skipPrefix: z.boolean(),
      })
      .optional(),
    releaseGateRules: texts.default([]),
    rules: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  });
}

/** The profile format as JSON Schema (`kep schema profile`), for editors and for checking a profile by hand. */
export function profileJsonSchema(draft: '7' | '2020-12' = '7'): Record<string, unknown> {
  const { z } = createRequire(import.meta.url)('zod') as typeof import('zod');
  const schema = z.toJSONSchema(profileFormat(z), {
    target: draft === '7' ? 'draft-7' : 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...schema,
    title: `kepkit process profile (format version ${PROFILE_FORMAT_VERSION})`,
    description:
      'A process profile: where proposals live, their metadata schema and what it means, the template, groups, approvals, tables of contents and rule settings. See "Process profiles" in kepkit’s README.',
  };
}

export type ProfileFile = z.infer<ReturnType<typeof profileFormat>>;
