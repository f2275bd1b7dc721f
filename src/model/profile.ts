import type { Metadata, MetadataIssue } from './proposal.js';

/** How a metadata field is written: its type and, for text, the format rules may check. */
export interface FieldSpec {
  type: 'text' | 'list' | 'boolean' | 'mapping';
  /** What a text (or each text of a list) must look like, for rules: `date` is YYYY-MM-DD. */
  format?: 'date' | 'milestone' | 'url' | 'handle';
  /** Fields of a mapping. */
  fields?: Record<string, FieldSpec>;
  /** Items of a list, when they are not text. */
  items?: FieldSpec;
  /** Other names the field is written under (an older spelling): read as this field. */
  aliases?: string[];
}

/** What a status means to the commands: still moving, finished, or given up. */
export type StatusMeaning = 'open' | 'done' | 'stopped';

/** The common meanings that commands read from metadata, each the name of a field of the profile's schema. */
export type MetadataKey =
  | 'title'
  | 'number'
  | 'authors'
  | 'owningGroup'
  | 'participatingGroups'
  | 'approvers'
  | 'reviewers'
  | 'status'
  | 'stage'
  | 'latestMilestone'
  | 'milestones'
  | 'creationDate'
  | 'lastUpdated'
  | 'seeAlso'
  | 'replaces'
  | 'supersededBy';

/** Meanings a process may have or not. */
export type OptionalMetadataKey = 'editor' | 'featureGates' | 'disableSupported' | 'metrics';

/**
 * Everything that differs between enhancement processes, as data: a profile file (`profiles/*.yaml`, or a
 * user's) read by one loader. Kubernetes is one profile; OpenShift and others are other files of the same
 * format, never forks of the code.
 */
export interface ProcessProfile {
  name: string;
  description?: string;
  /** The file the profile was read from (a built-in's packaged file, or the user's). */
  source?: string;
  /** Repo-relative paths whose presence marks a repository of this process (for detection). */
  detect: string[];
  layout: {
    /**
     * `directory`: a proposal is a directory holding `metadataFile` and its text (`readmeFile`);
     * `file`: a proposal is one markdown file (matching `files`) whose YAML front matter is its metadata.
     */
    kind: 'directory' | 'file';
    /** Directory (repo-relative) that holds the proposals. */
    proposalsRoot: string;
    /** Directory layout: the file whose presence makes a directory a proposal. */
    metadataFile?: string;
    /** Directory layout: the text file, a name, a glob, or a pattern with `{name}` (the directory's name). */
    readmeFile?: string;
    /** File layout: a glob, below the proposals root, of the proposal files. */
    files?: string;
    /** File layout: globs or paths (below the proposals root, or repo-relative) that are not proposals. */
    exclude: string[];
    /**
     * Where a proposal's number comes from: a metadata field (`keys.number`; the pattern then reads the
     * directory's number, which the field must match and stands in for it), the directory's or the file's
     * name (the pattern's group 1), or nowhere. A proposal's id is its number, else its path below the root.
     */
    number: { from: 'field' | 'directory' | 'file' | 'none'; pattern?: string };
    /** A repo-relative file listing (whitespace-separated) paths that are not linted. */
    lintIgnoreFile?: string;
    /** Directory names under the root that hold no proposals (walked over, never entered). */
    skipDirs: string[];
    /** Repo-relative directories of templates: parsed but not reported as proposals. */
    templateDirs: string[];
    /** READMEs that may stand without metadata (repo-relative). */
    readmesWithoutMetadata: string[];
    /** Directory of PRR approval files (`<dir>/<owning group>/<number>.yaml`), if the process has PRR. */
    prrDir?: string;
    /** Proposals stand in the directory of their owning group (`<proposalsRoot>/<group>/…`). */
    groupDirectories?: boolean;
  };
  /** Repo-relative path of the proposal README template. */
  template: string;
  /** Repo-relative path of the template's own metadata file, whose values are placeholders in a proposal. */
  templateMetadata?: string;
  metadata: {
    /** Validate parsed YAML data: unknown fields and wrong types become issues. */
    validate(data: unknown): { metadata: Metadata; issues: MetadataIssue[] };
    /** The metadata file's fields, in the order they are documented. */
    fields: Record<string, FieldSpec>;
    /** `error`: a field the schema does not name is reported (metadata/unknown-field); `allow`: it is kept. */
    unknownFields: 'error' | 'allow';
    /**
     * Metadata key (as written in the file) for each common field, to point diagnostics at; `''` for a
     * meaning the process lacks (no field has that name, so its value is always absent).
     */
    keys: Record<MetadataKey, string> & Partial<Record<OptionalMetadataKey, string>>;
    /** Fields that must be present; lists may be empty but not null. */
    required: (keyof Metadata)[];
    statuses: string[];
    /** What each status means to the commands (release readiness, stuck KEPs, statistics). */
    statusMeanings: Record<string, StatusMeaning>;
    stages: string[];
    /** Stages that follow one another in time, for milestone ordering. */
    stageOrder: string[];
    /** The status that implies the final stage, and that stage. */
    implementedStatus?: { status: string; stage: string };
    /** Status → what it means in a few words, for `kep schema`; absent when the profile gives none. */
    statusDescriptions?: Record<string, string>;
  };
  /** What `kep release` judges by; absent: the statuses meaning open (tracked), open or done (code freeze). */
  release?: { trackedStatuses?: string[]; codeFreezeStatuses?: string[] };
  /** Where a proposal is read: `base` prefixed to its repo-relative path (kep query's link). */
  links?: { base: string };
  groups: {
    /** Where to look for the groups file, repo-relative (`..` allowed): first that exists wins. */
    candidates: string[];
    /** A regular expression whose first group is a group name, matched against each line of the groups file. */
    linePattern: string;
    /** The groups, listed in the profile itself: then no groups file is looked for. */
    names?: string[];
    /** The groups are the directories just below the proposals root (`keps/<group>/…`): no file either. */
    fromDirectories?: boolean;
  };
  prr?: {
    /** Statuses for which a PRR approval is required. */
    requiredStatuses: string[];
    /** PRR files are required from this milestone on. */
    requiredFromMilestone: string;
    ownersAliasesCandidates: string[];
    approverAliases: string[];
    /**
     * The approval file below `layout.prrDir`, with `{owningGroup}` and `{number}` for the proposal's own
     * values (default `{owningGroup}/{number}.yaml`).
     */
    path?: string;
    /** Its fields: the proposal's number, and the approver under each stage key (defaults `kep-number`, `approver`). */
    numberField?: string;
    approverField?: string;
  };
  /** Options of rules, by rule id, as the profile's `rules` section gives them. */
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Tables of contents, as upstream's mdtoc settings write them. */
  toc?: {
    /** Repo-relative file listing markdown files that have no table of contents. */
    skipListFile: string;
    maxDepth: number;
    /** Directory (repo-relative) whose `*.md` files all carry a table of contents. */
    root: string;
    /** The markers around the table of contents, matched case-insensitively. */
    startMarker: string;
    endMarker: string;
    /** Headings before the opening marker are left out (mdtoc's --skip-prefix). */
    skipPrefix: boolean;
  };
  /** How proposal READMEs are held to the repo's template (the template itself is read from the repo). */
  readme?: ReadmeSettings;
  /** Rules whose findings become errors under `kep lint --release` for proposals targeting it. */
  releaseGateRules: string[];
  /** Rule id, group or `*` → severity for this process; a config's settings win over them. */
  severities: Record<string, 'off' | 'warning' | 'error'>;
}

/** A profile as data: everything but the validation function, so that it can be cached and sent to threads. */
export type ProfileData = Omit<ProcessProfile, 'metadata'> & {
  metadata: Omit<ProcessProfile['metadata'], 'validate'>;
};

/**
 * Data for the README rules. The template's headings, questions and checklist are read from the repo's
 * own template; these are the conventions around it that the template's text cannot say by itself.
 */
export interface ReadmeSettings {
  /** Marker in a template heading for a section a proposal may leave out (with everything under it). */
  optionalMarker: string;
  /** Statuses of proposals still moving towards a release: they are held to the current template. */
  activeStatuses: string[];
  /**
   * Proposals whose latest-milestone is before this release were written to an older template and are
   * no longer moving: their README is history, not checked against today's template.
   */
  currentFrom?: string;
  /** The same cut for proposals without a release in latest-milestone: last-updated (else creation-date) before this date (`YYYY-MM-DD`). */
  currentFromDate?: string;
  /** Statuses at which the text must be settled: UNRESOLVED blocks are findings. */
  settledStatuses: string[];
  /** The H1 of a README as a regular expression with named groups `number` and `title`. */
  titlePattern: string;
  /** How the H1 should read, for messages: `{number}` and `{title}` are filled in. */
  titleFormat: string;
  /**
   * Example text of the template that must not stay in a proposal. Only those that occur in the repo's
   * template are looked for; the template's own title and number placeholders are always looked for.
   */
  placeholders: string[];
  /**
   * Example text of older templates, reported wherever it occurs (today's template no longer holds it, so it
   * cannot be among `placeholders`).
   */
  legacyPlaceholders?: string[];
  /** Opening and closing markers of an unresolved block, as regular expressions. */
  unresolved: { open: string; close: string };
  /** Marker of a checklist item that must be ticked before release (the template's `(R)`). */
  requiredItemMarker: string;
  /**
   * Sentences in a template section (usually in its comments) saying from which stage on the section
   * must be answered, as regular expressions whose group 1 names the stage.
   */
  stageRequirements: string[];
  /**
   * Sentences that open a template section's guidance when the section only applies sometimes ("If
   * applicable, …"), as regular expressions matched at a line start: such a section may stay empty.
   */
  conditionalSections: string[];
  /** Stage names as the template writes them, lower case, mapped to the profile's stages (`ga` → `stable`). */
  stageAliases: Record<string, string>;
}
