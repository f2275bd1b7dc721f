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
        aliases: texts.optional().describe('other names the field is written under, read as this field'),
      }),
    ]),
  );
  const meaning = z.enum(['open', 'done', 'stopped']);
  // A meaning the process lacks is left out: its value is then absent everywhere, never an error.
  const keys = z.strictObject({
    title: text.optional(),
    number: text.optional(),
    authors: text.optional(),
    owningGroup: text.optional(),
    participatingGroups: text.optional(),
    approvers: text.optional(),
    reviewers: text.optional(),
    status: text.optional(),
    stage: text.optional(),
    latestMilestone: text.optional(),
    milestones: text.optional(),
    creationDate: text.optional(),
    lastUpdated: text.optional(),
    seeAlso: text.optional(),
    replaces: text.optional(),
    supersededBy: text.optional(),
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
      kind: z
        .enum(['directory', 'file'])
        .default('directory')
        .describe(
          'directory: a proposal is a directory with metadataFile; file: a markdown file with front matter',
        ),
      proposalsRoot: text,
      metadataFile: text
        .optional()
        .describe('directory layout: the metadata file that makes a directory a proposal'),
      readmeFile: text
        .optional()
        .describe(
          'directory layout: the text file, a name, a glob, or a pattern with {name} (the directory name)',
        ),
      files: text.optional().describe('file layout: a glob (below proposalsRoot) of the proposal files'),
      exclude: texts
        .default([])
        .describe(
          'file layout: globs or paths (below proposalsRoot or repo-relative) that are not proposals',
        ),
      number: z
        .strictObject({
          from: z.enum(['field', 'directory', 'file', 'none']),
          pattern: text.optional().describe('a regular expression whose group 1 is the number'),
        })
        .default({ from: 'field', pattern: '^(\\d+)-' })
        .describe(
          'where a proposal number comes from; the id is the number, else the path below proposalsRoot',
        ),
      lintIgnoreFile: text
        .optional()
        .describe('a repo-relative file listing (whitespace-separated) paths not linted'),
      skipDirs: texts.default([]),
      templateDirs: texts.default([]),
      readmesWithoutMetadata: texts.default([]),
      prrDir: text.optional(),
      groupDirectories: z
        .boolean()
        .optional()
        .describe('proposals stand in the directory of their owning group: <proposalsRoot>/<group>/…'),
    }),
    template: text,
    templateMetadata: text
      .optional()
      .describe('the template’s own metadata file: its values are placeholders when a proposal keeps them'),
    metadata: z.strictObject({
      unknownFields: z.enum(['error', 'allow']).default('error'),
      fields: z.record(z.string(), field),
      keys,
      required: z.array(keys.keyof()),
      statuses: z.union([texts, z.record(z.string(), meaning)]),
      stages: texts.default([]),
      stageOrder: texts.default([]),
      implementedStatus: z.strictObject({ status: text, stage: text }).optional(),
      statusDescriptions: z
        .record(z.string(), text)
        .optional()
        .describe('status → what it means, in a few words (kep schema describes each status with it)'),
    }),
    groups: z
      .strictObject({
        candidates: texts.describe('where the groups file is looked for, repo-relative, first found wins'),
        linePattern: text.describe(
          'a regular expression whose group 1 is a group name, per line of that file',
        ),
        names: texts.optional().describe('the groups listed here instead of in a file'),
        fromDirectories: z
          .boolean()
          .optional()
          .describe('the groups are the directories just below proposalsRoot'),
      })
      .partial()
      .optional(),
    prr: z
      .strictObject({
        requiredStatuses: texts,
        requiredFromMilestone: text,
        ownersAliasesCandidates: texts,
        approverAliases: texts,
        path: text.optional().describe('the approval file below layout.prrDir: {owningGroup}/{number}.yaml'),
        numberField: text.optional().describe('the approval file field that holds the number (kep-number)'),
        approverField: text.optional().describe('the field under each stage key that names the approver'),
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
        legacyPlaceholders: texts
          .optional()
          .describe('example text of older templates, reported wherever it occurs'),
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
    release: z
      .strictObject({
        trackedStatuses: texts
          .optional()
          .describe('statuses a proposal tracked for a release may have (default: those meaning open)'),
        codeFreezeStatuses: texts
          .optional()
          .describe('statuses that pass at code freeze (default: those meaning open or done)'),
      })
      .optional()
      .describe('what kep release judges by'),
    links: z
      .strictObject({ base: text.describe('prefixed to a proposal’s repo-relative path') })
      .optional()
      .describe('where a proposal is read (kep query’s link field); without it the link is the path'),
    releaseGateRules: texts.default([]),
    severities: z
      .record(z.string(), z.enum(['off', 'warning', 'error']))
      .default({})
      .describe('rule id, group or * → severity for this process; a config’s settings win'),
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
