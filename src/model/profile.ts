import type { Metadata } from './proposal.js';

/** A problem found while validating metadata against the profile's schema. */
export interface MetadataIssue {
  kind: 'unknown-field' | 'type';
  path: (string | number)[];
  message: string;
}

/**
 * Everything that differs between enhancement processes. Kubernetes is one profile; OpenShift,
 * KubeVirt and others are other values of this type, never forks of the code.
 */
export interface ProcessProfile {
  name: string;
  layout: {
    /** Directory (repo-relative) that holds the proposals. */
    proposalsRoot: string;
    metadataFile: string;
    readmeFile: string;
    /** Directory names under the root that hold no proposals (walked over, never entered). */
    skipDirs: string[];
    /** Repo-relative directories of templates: parsed but not reported as proposals. */
    templateDirs: string[];
    /** READMEs that may stand without metadata (repo-relative). */
    readmesWithoutMetadata: string[];
    /** Directory of PRR approval files (`<dir>/<owning group>/<number>.yaml`), if the process has PRR. */
    prrDir?: string;
  };
  /** Repo-relative path of the proposal README template. */
  template: string;
  metadata: {
    /** Validate parsed YAML data: unknown fields and wrong types become issues. */
    validate(data: unknown): { metadata: Metadata; issues: MetadataIssue[] };
    /** Metadata key (as written in the file) for each common field, to point diagnostics at. */
    keys: Record<
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
      | 'supersededBy',
      string
    >;
    /** Fields that must be present; lists may be empty but not null. */
    required: (keyof Metadata)[];
    statuses: string[];
    stages: string[];
    /** Stages that follow one another in time, for milestone ordering. */
    stageOrder: string[];
    /** The status that implies the final stage, and that stage. */
    implementedStatus?: { status: string; stage: string };
  };
  groups: {
    /** Where to look for the groups file, repo-relative (`..` allowed): first that exists wins. */
    candidates: string[];
    /** Top-level keys of the groups file whose list entries name groups with `dir`. */
    sections: string[];
  };
  prr?: {
    /** Statuses for which a PRR approval is required. */
    requiredStatuses: string[];
    /** PRR files are required from this milestone on. */
    requiredFromMilestone: string;
    ownersAliasesCandidates: string[];
    approverAliases: string[];
  };
  nodeApprovers?: {
    owningGroup: string;
    techLeadsAlias: string;
    assignedMarker: string;
  };
  /** Rules whose findings become errors under `kep lint --release` for proposals targeting it. */
  releaseGateRules: string[];
}
