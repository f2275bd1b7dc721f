import { existsSync } from 'node:fs';
import path from 'node:path';
import type {
  Metadata,
  ProcessProfile,
  Proposal,
  PrrApproval,
  RepositoryFacts,
  YamlDocument,
} from '../model/index.js';
import { withAliases } from '../profile/metadata-schema.js';
import { MAX_MARKDOWN_LINES, readSource, sourceFromText } from './files.js';
import {
  frontMatterOf,
  metadataPathOf,
  nameNumberOf,
  proposalId,
  proposalNumber,
  readmePathOf,
} from './layout.js';
import { parseMarkdown } from './markdown.js';
import { prrPathOf } from './paths.js';
import { parseYaml, unparsedDocument } from './yaml.js';

// The same fields in the same order as the profiles' metadata, so that an empty one has the same shape.
const EMPTY_METADATA: Metadata = {
  title: undefined,
  number: undefined,
  status: undefined,
  stage: undefined,
  latestMilestone: undefined,
  milestones: {},
  owningGroup: undefined,
  participatingGroups: [],
  authors: [],
  reviewers: [],
  approvers: [],
  editor: undefined,
  creationDate: undefined,
  lastUpdated: undefined,
  seeAlso: [],
  replaces: [],
  supersededBy: [],
  featureGates: [],
  disableSupported: undefined,
  metrics: [],
};

export interface ProposalLoadOptions {
  /** `parse` (default) builds the section tree; `skip` leaves the README unread (metadata-only work such as queries). */
  readme?: 'parse' | 'skip';
  /**
   * Texts to read instead of the files at these repo-relative paths (a file that does not exist yet
   * included): how authoring lints what it plans to write before writing it, and the language server an
   * editor's unsaved buffers. They are held to the files' limits (size, lines, no NUL byte).
   */
  planned?: ReadonlyMap<string, string>;
}

/** Load one proposal directory: metadata, README and PRR approval, each parsed with positions. */
export function loadProposal(
  facts: RepositoryFacts,
  dir: string,
  options: ProposalLoadOptions = {},
): Proposal {
  const { root, profile } = facts;
  const { layout } = profile;
  const planned = options.planned;
  const read: typeof readSource = planned
    ? (readRoot, relativePath, maxBytes, readOptions) => {
        const text = planned.get(relativePath);
        return text === undefined
          ? readSource(readRoot, relativePath, maxBytes, readOptions)
          : sourceFromText(relativePath, text, maxBytes, readOptions);
      }
    : readSource;
  const exists = (relativePath: string) =>
    planned?.has(relativePath) === true || existsSync(path.join(root, relativePath));
  const oneFile = layout.kind === 'file';
  // Every field is set here, the optional ones to undefined, so that all proposals share one shape: rules
  // read proposals thousands of times, and differently shaped ones make V8 throw optimised rules away.
  const proposal: Proposal = {
    dir,
    id: '',
    groupDir: dir.split('/')[1] ?? '',
    number: null,
    dirNumber: nameNumberOf(layout, dir),
    isTemplate: layout.templateDirs.includes(dir) || dir === profile.template,
    metadataFile: undefined,
    metadataIssues: [],
    metadata: EMPTY_METADATA,
    readme: undefined,
    readmePath: readmePathOf(layout, dir, facts.files),
    prrPath: undefined,
    prr: undefined,
    problems: [],
  };

  const metadataPath = metadataPathOf(layout, dir);
  const metadataRead = oneFile
    ? read(root, metadataPath, undefined, { maxLines: MAX_MARKDOWN_LINES })
    : read(root, metadataPath);
  let frontMatterLines = 0;
  if (metadataRead.ok) {
    let doc: Proposal['metadataFile'];
    if (oneFile) {
      const front = frontMatterOf(metadataRead.file.text);
      frontMatterLines = front?.lines ?? 0;
      doc = front
        ? parseYaml({ ...metadataRead.file, text: front.yaml })
        : unparsedDocument(metadataRead.file, {
            kind: 'empty',
            message: 'no front matter (a YAML block between --- lines at the top of the file)',
            position: { line: 1, column: 1 },
          });
    } else {
      doc = parseYaml(metadataRead.file, { splitOnDashes: true });
    }
    doc = withFieldAliases(doc!, profile.metadata.fields);
    proposal.metadataFile = doc;
    if (doc.issues.length === 0) {
      if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
        proposal.metadataIssues.push({
          kind: 'type',
          path: [],
          message: 'the document must be a mapping of fields',
        });
      } else {
        const { metadata, issues } = profile.metadata.validate(doc.data);
        proposal.metadata = metadata;
        proposal.metadataIssues = issues;
      }
    }
  } else {
    proposal.problems.push(metadataRead.problem);
  }
  proposal.number = proposalNumber(layout, dir, proposal.metadata.number);
  proposal.id = proposalId(layout, dir, proposal.number);

  if (oneFile) {
    // The text is the markdown after the front matter, in the same file: read once, positions unchanged.
    if (options.readme !== 'skip' && metadataRead.ok)
      proposal.readme = parseMarkdown(metadataRead.file, { frontMatterLines });
  } else if (options.readme === 'skip') {
    // Not read: rules that need the README must not run on such a proposal.
  } else if (facts.files.has(proposal.readmePath) || exists(proposal.readmePath)) {
    const readmeRead = read(root, proposal.readmePath, undefined, { maxLines: MAX_MARKDOWN_LINES });
    if (readmeRead.ok) proposal.readme = parseMarkdown(readmeRead.file);
    else proposal.problems.push(readmeRead.problem);
  }

  proposal.prrPath = prrPathOf(
    profile.layout,
    proposal.metadata.owningGroup,
    proposal.metadata.number,
    profile.prr?.path,
  );
  if (proposal.prrPath) {
    if (exists(proposal.prrPath)) {
      const prrRead = read(root, proposal.prrPath);
      if (prrRead.ok)
        proposal.prr = loadPrrApproval(parseYaml(prrRead.file), {
          stages: profile.metadata.stages,
          numberField: profile.prr?.numberField ?? 'kep-number',
          approverField: profile.prr?.approverField ?? 'approver',
        });
      else proposal.problems.push(prrRead.problem);
    }
  }
  return proposal;
}

/**
 * The document as rules read it: a field written under one of its aliases (the profile's `aliases`) appears
 * under its own name, and positions asked for by that name are those of the alias as written.
 */
function withFieldAliases(doc: YamlDocument, fields: ProcessProfile['metadata']['fields']): YamlDocument {
  const data = doc.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return doc;
  const written = data as Record<string, unknown>;
  const read = withAliases(fields, written);
  if (read === written) return doc;
  const aliasOf = new Map<string, string>();
  for (const [name, spec] of Object.entries(fields)) {
    const alias = spec.aliases?.find((candidate) => candidate in written);
    if (alias !== undefined && !(name in written)) aliasOf.set(name, alias);
  }
  const asWritten = (at: readonly (string | number)[]) =>
    typeof at[0] === 'string' && aliasOf.has(at[0]) ? [aliasOf.get(at[0])!, ...at.slice(1)] : at;
  return {
    ...doc,
    data: read,
    keyPosition: (at) => doc.keyPosition(asWritten(at)),
    valuePosition: (at) => doc.valuePosition(asWritten(at)),
    has: (at) => doc.has(asWritten(at)),
    lineComment: (at) => doc.lineComment(asWritten(at)),
  };
}

/** Decode a PRR approval file as upstream's `api.PRRApproval` does, strictly. */
function loadPrrApproval(
  file: PrrApproval['file'],
  schema: { stages: readonly string[]; numberField: string; approverField: string },
): PrrApproval {
  const { stages, numberField, approverField } = schema;
  const approval: PrrApproval = { file, issues: [], approvers: {} };
  for (const issue of file.issues) approval.issues.push({ message: issue.message, path: [] });
  if (file.issues.length > 0) return approval;
  const data = file.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    approval.issues.push({ message: 'the document must be a mapping of fields', path: [] });
    return approval;
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === numberField) {
      if (typeof value === 'string') approval.number = value;
      else if (value !== null)
        approval.issues.push({ message: `"${numberField}" must be a single value`, path: [key] });
    } else if (stages.includes(key)) {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        approval.issues.push({ message: `"${key}" must be a mapping with "${approverField}"`, path: [key] });
        continue;
      }
      for (const [field, approver] of Object.entries(value)) {
        if (field !== approverField)
          approval.issues.push({ message: `unknown field "${field}"`, path: [key, field] });
        else if (typeof approver === 'string') approval.approvers[key] = approver;
        else if (approver !== null)
          approval.issues.push({
            message: `"${key}.${approverField}" must be a single value`,
            path: [key, field],
          });
      }
      // An explicit stage entry without an approver fails upstream's `validate:"required"`.
      if (!approval.approvers[key])
        approval.issues.push({ message: `"${key}.${approverField}" is required`, path: [key] });
    } else {
      approval.issues.push({ message: `unknown field "${key}"`, path: [key] });
    }
  }
  if (!approval.number) approval.issues.push({ message: `"${numberField}" is required`, path: [] });
  return approval;
}
