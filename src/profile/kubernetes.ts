import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { Metadata, MetadataIssue, ProcessProfile } from '../model/index.js';

// zod is loaded on first use, so that commands answered from the cache never pay for importing it.
let zod: typeof z | undefined;
function lazyZod(): typeof z {
  zod ??= (createRequire(import.meta.url)('zod') as { z: typeof z }).z;
  return zod;
}

function buildKepMetadataSchema() {
  const z = lazyZod();
  // Scalars arrive as text (see load/yaml.ts); null stands for `~`, `null` or an empty value.
  const text = z.string().nullable();
  const textList = z.array(text).nullable();
  const yamlBool = z
    .string()
    .regex(/^(true|false|yes|no|on|off|y|n)$/i, 'expected a boolean (true or false)')
    .nullable();

  const milestone = z
    .strictObject({
      alpha: text,
      beta: text,
      stable: text,
      deprecated: text,
      removed: text,
      disabled: text,
    })
    .partial()
    .nullable();

  const featureGate = z.strictObject({ name: text, components: textList }).partial();

  /** kep.yaml as upstream's Go struct `api.Proposal` decodes it strictly (api/proposal.go). */
  return z
    .strictObject({
      // Go's decoder names untagged fields in lower case, so these are accepted too.
      id: text,
      prnumber: text,
      name: text,
      path: text,
      title: text,
      'kep-number': text,
      authors: textList,
      'owning-sig': text,
      'participating-sigs': textList,
      reviewers: textList,
      approvers: textList,
      editor: text,
      'creation-date': text,
      'last-updated': text,
      status: text,
      'see-also': textList,
      replaces: textList,
      'superseded-by': textList,
      stage: text,
      'latest-milestone': text,
      milestone,
      'feature-gates': z.array(featureGate.nullable()).nullable(),
      'disable-supported': yamlBool,
      metrics: textList,
    })
    .partial();
}

let builtSchema: ReturnType<typeof buildKepMetadataSchema> | undefined;
/** The zod schema of kep.yaml (built on first use). */
export function kepMetadataSchema(): ReturnType<typeof buildKepMetadataSchema> {
  builtSchema ??= buildKepMetadataSchema();
  return builtSchema;
}

type KepMetadata = z.infer<ReturnType<typeof buildKepMetadataSchema>>;

const strings = (list: (string | null)[] | null | undefined): string[] =>
  (list ?? []).filter((item): item is string => typeof item === 'string');
const optional = (value: string | null | undefined): string | undefined => value ?? undefined;

function toMetadata(data: KepMetadata): Metadata {
  const milestones: Record<string, string> = {};
  for (const [stage, value] of Object.entries(data.milestone ?? {})) {
    if (typeof value === 'string' && value !== '') milestones[stage] = value;
  }
  return {
    title: optional(data.title),
    number: optional(data['kep-number']),
    status: optional(data.status),
    stage: optional(data.stage),
    latestMilestone: optional(data['latest-milestone']),
    milestones,
    owningGroup: optional(data['owning-sig']),
    participatingGroups: strings(data['participating-sigs']),
    authors: strings(data.authors),
    reviewers: strings(data.reviewers),
    approvers: strings(data.approvers),
    editor: optional(data.editor),
    creationDate: optional(data['creation-date']),
    lastUpdated: optional(data['last-updated']),
    seeAlso: strings(data['see-also']),
    replaces: strings(data.replaces),
    supersededBy: strings(data['superseded-by']),
    featureGates: (data['feature-gates'] ?? []).flatMap((gate) =>
      gate && typeof gate.name === 'string'
        ? [{ name: gate.name, components: strings(gate.components) }]
        : [],
    ),
    disableSupported:
      typeof data['disable-supported'] === 'string'
        ? /^(true|yes|on|y)$/i.test(data['disable-supported'])
        : undefined,
    metrics: strings(data.metrics),
  };
}

/** Validate loosely typed YAML data: report every issue, and map what is well-typed to Metadata. */
export function validateKepMetadata(data: unknown): { metadata: Metadata; issues: MetadataIssue[] } {
  const result = kepMetadataSchema().safeParse(data);
  if (result.success) return { metadata: toMetadata(result.data), issues: [] };
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
  const usable: Record<string, unknown> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const bad = new Set(issues.map((issue) => issue.path[0]));
    for (const [key, value] of Object.entries(data)) if (!bad.has(key)) usable[key] = value;
  }
  const retry = kepMetadataSchema().safeParse(usable);
  return { metadata: toMetadata(retry.success ? retry.data : {}), issues };
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

export const kubernetesProfile: ProcessProfile = {
  name: 'kubernetes',
  layout: {
    proposalsRoot: 'keps',
    metadataFile: 'kep.yaml',
    readmeFile: 'README.md',
    skipDirs: ['prod-readiness'],
    templateDirs: [
      'keps/NNNN-kep-template',
      'keps/sig-cloud-provider/providers/0000-cloud-provider-template',
    ],
    readmesWithoutMetadata: ['keps/README.md'],
    prrDir: 'keps/prod-readiness',
  },
  template: 'keps/NNNN-kep-template/README.md',
  metadata: {
    validate: validateKepMetadata,
    keys: {
      title: 'title',
      number: 'kep-number',
      authors: 'authors',
      owningGroup: 'owning-sig',
      participatingGroups: 'participating-sigs',
      approvers: 'approvers',
      reviewers: 'reviewers',
      status: 'status',
      stage: 'stage',
      latestMilestone: 'latest-milestone',
      milestones: 'milestone',
      creationDate: 'creation-date',
      lastUpdated: 'last-updated',
      seeAlso: 'see-also',
      replaces: 'replaces',
      supersededBy: 'superseded-by',
    },
    required: ['title', 'number', 'authors', 'owningGroup', 'approvers', 'status'],
    statuses: [
      'provisional',
      'implementable',
      'implemented',
      'deferred',
      'rejected',
      'withdrawn',
      'replaced',
    ],
    stages: ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'],
    stageOrder: ['alpha', 'beta', 'stable'],
    implementedStatus: { status: 'implemented', stage: 'stable' },
  },
  groups: {
    candidates: ['sigs.yaml', 'community/sigs.yaml', '../community/sigs.yaml', '../sigs.yaml'],
    // Upstream's own scan of sigs.yaml (api/groups.go).
    linePattern: '- dir: (.*)$',
  },
  prr: {
    requiredStatuses: ['implementable', 'implemented'],
    requiredFromMilestone: 'v1.21',
    ownersAliasesCandidates: ['OWNERS_ALIASES'],
    approverAliases: ['prod-readiness-approvers', 'prod-readiness-approvers-emeritus'],
  },
  nodeApprovers: {
    owningGroup: 'sig-node',
    techLeadsAlias: 'sig-node-tech-leads',
    assignedMarker: 'sig-node-assigned-approver',
    assignedReviewerMarker: 'sig-node-assigned-reviewer',
    ownersFile: 'OWNERS',
    fromMilestone: 'v1.36',
    inactiveStatuses: ['withdrawn', 'rejected', 'replaced'],
    techLeadStage: 'alpha',
  },
  readme: {
    optionalMarker: '(Optional)',
    activeStatuses: ['provisional', 'implementable'],
    // The template took today's shape (PRR questionnaire, test plan) when PRR became required.
    currentFrom: 'v1.21',
    currentFromDate: '2021-04-08',
    settledStatuses: ['implementable', 'implemented'],
    titlePattern: '^KEP-(?<number>[^:\\s]+)\\s*:\\s*(?<title>.*?)\\s*$',
    titleFormat: 'KEP-{number}: {title}',
    // The example lines of the test plan (unit, integration, e2e); the H1's placeholders come from the template.
    placeholders: ['`<package>`: `<date>` - `<test coverage>`', '[test name](', 'MyCoolFeature'],
    unresolved: {
      open: '<<\\[\\s*UNRESOLVED\\b',
      close: '<<\\[\\s*/\\s*UNRESOLVED\\s*\\]>>',
    },
    requiredItemMarker: '(R)',
    stageRequirements: ['must be completed when targeting (\\w+)', 'for (\\w+), this section is required'],
    conditionalSections: ['^\\s*If applicable\\b', '^\\s*Based on reviewers feedback\\b'],
    stageAliases: { ga: 'stable' },
  },
  // hack/update-toc.sh: `mdtoc --inplace --max-depth=5` on every keps/**/*.md not in the skip list.
  toc: {
    skipListFile: 'hack/.notableofcontents',
    maxDepth: 5,
    root: 'keps',
    startMarker: '<!-- toc -->',
    endMarker: '<!-- /toc -->',
    skipPrefix: true,
  },
  releaseGateRules: ['readme/missing-section', 'prr/questionnaire', 'readme/unresolved'],
};
