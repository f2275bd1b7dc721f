// `kep create`: a new proposal in the profile's layout, from the repository's own template where it has one
// (Kubernetes: keps/NNNN-kep-template/{README.md,kep.yaml}; OpenShift: guidelines/enhancement_template.md),
// with every given field set, the template's placeholders gone, the title filled and the TOC generated.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside, realRoot } from '../load/files.js';
import { frontMatterOf, metadataPathOf, nameNumberOf, readmePathOf } from '../load/layout.js';
import { loadProposal } from '../load/proposal.js';
import { MILESTONE_FORMAT, type ProcessProfile } from '../model/index.js';
import { placeholderRule } from '../rules/readme/placeholder.js';
import { applyEdits } from '../text/apply.js';
import { inspectToc } from '../text/toc.js';
import { AuthorError } from './errors.js';
import { editing, metadataText, valueProblem } from './fields.js';
import { newFile, type Plan, type PlannedFile } from './plan.js';
import { type Assignment, applyAssignments } from './set.js';
import { numberOf, proposalKeys, readForEdit, type Workspace } from './workspace.js';

export interface CreateInput {
  number?: string;
  /** The short name: a lowercase slug, part of the directory or file name. */
  name?: string;
  /** The owning group (SIG; OpenShift's area directory). */
  group?: string;
  title?: string;
  authors?: string[];
  reviewers?: string[];
  approvers?: string[];
  participatingGroups?: string[];
  prrApprover?: string;
  status?: string;
  stage?: string;
  release?: string;
  /** Any other metadata field, as `kep set` takes them. */
  set?: Assignment[];
  /** Write values outside the profile's vocabulary. */
  force?: boolean;
}

export type CreateField = Exclude<keyof CreateInput, 'set' | 'force'>;

/** Where new proposals go below the proposals root, as the repository's own proposals are laid out. */
export interface ProposalShape {
  /** Whether a proposal sits in a group's directory (`keps/<sig>/…`, `enhancements/<area>/…`). */
  group: boolean;
  /** The last path segment with `{number}` and `{name}`: `{number}-{name}`, `gep-{number}`, `{name}.md`. */
  pattern: string;
  /** Zero-padding of the number (`0037` is 4), 0 for none. */
  pad: number;
}

/** The shape most of the repository's proposals have; for an empty repository, the layout's plain default. */
export function proposalShape(ws: Workspace): ProposalShape {
  const { layout } = ws.options.profile;
  const prefix = `${layout.proposalsRoot}/`;
  const extension = layout.kind === 'file' ? '.md' : '';
  const counts = new Map<string, { shape: ProposalShape; count: number }>();
  for (const key of proposalKeys(ws)) {
    if (!key.startsWith(prefix)) continue;
    const segments = key.slice(prefix.length).split('/');
    if (segments.length > 2) continue;
    let last = segments.at(-1)!;
    if (extension && last.endsWith(extension)) last = last.slice(0, -extension.length);
    const number = nameNumberOf(layout, key);
    let shape: ProposalShape;
    const digits = /\d+/.exec(last);
    if (number !== null && digits && Number(digits[0]) === number) {
      const after = last.slice(digits.index + digits[0].length);
      const tail = /^-./.test(after) ? '-{name}' : '';
      const pad = digits[0].startsWith('0') ? digits[0].length : 0;
      shape = {
        group: segments.length === 2,
        pattern: `${last.slice(0, digits.index)}{number}${tail}${extension}`,
        pad,
      };
    } else {
      shape = { group: segments.length === 2, pattern: `{name}${extension}`, pad: 0 };
    }
    const id = JSON.stringify(shape);
    const entry = counts.get(id) ?? { shape, count: 0 };
    entry.count++;
    counts.set(id, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (best) return best.shape;
  const numbered = layout.number.from !== 'none';
  return {
    group: ws.facts.groups !== undefined,
    pattern: `${numbered ? '{number}-' : ''}{name}${extension}`,
    pad: 0,
  };
}

/** The inputs a new proposal cannot do without, in the order a prompt asks for them. */
export function requiredInputs(ws: Workspace): CreateField[] {
  const { profile } = ws.options;
  const shape = proposalShape(ws);
  const required = new Set(profile.metadata.required);
  const fields: CreateField[] = [];
  if (shape.pattern.includes('{number}') || (required.has('number') && profile.metadata.keys.number))
    fields.push('number');
  if (shape.pattern.includes('{name}')) fields.push('name');
  if (shape.group || (required.has('owningGroup') && profile.metadata.keys.owningGroup)) fields.push('group');
  fields.push('title');
  if (required.has('authors') && profile.metadata.keys.authors) fields.push('authors');
  if (required.has('approvers') && profile.metadata.keys.approvers) fields.push('approvers');
  return fields;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why an input cannot be used (as a prompt's validation says it), or undefined. */
export function inputProblem(ws: Workspace, field: CreateField, value: string): string | undefined {
  const { profile } = ws.options;
  const { keys } = profile.metadata;
  if (value.trim() === '') return 'required';
  switch (field) {
    case 'number': {
      if (!/^\d+$/.test(value)) return `"${value}" is not a number`;
      const taken = proposalKeys(ws).find((key) => numberOf(ws, key) === Number(value));
      return taken ? `number ${Number(value)} is taken by ${taken}` : undefined;
    }
    case 'name':
      return SLUG.test(value)
        ? undefined
        : `"${value}" is not a lowercase slug (letters, digits and single hyphens)`;
    case 'group': {
      if (!SLUG.test(value) && !/^[a-z0-9][a-z0-9_-]*$/.test(value))
        return `"${value}" is not a plain directory name`;
      const groups = ws.facts.groups;
      if (groups && !groups.names.has(value)) return `"${value}" is not a group listed in ${groups.source}`;
      return undefined;
    }
    case 'authors':
    case 'reviewers':
    case 'approvers':
    case 'participatingGroups': {
      const key = field === 'participatingGroups' ? keys.participatingGroups : keys[field];
      for (const item of value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)) {
        const problem = key ? valueProblem(ws, key, item) : undefined;
        if (problem) return problem;
        if (field !== 'participatingGroups' && !/^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(item))
          return `"${item}" is not a GitHub handle (@name)`;
      }
      return undefined;
    }
    case 'prrApprover':
      return /^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(value)
        ? undefined
        : `"${value}" is not a GitHub handle (@name)`;
    case 'status':
      return keys.status ? valueProblem(ws, keys.status, value) : undefined;
    case 'stage':
      return keys.stage ? valueProblem(ws, keys.stage, value) : undefined;
    case 'release':
      return MILESTONE_FORMAT.test(value)
        ? undefined
        : `"${value}" is not a milestone (vMAJOR.MINOR, e.g. v1.37)`;
    default:
      return undefined;
  }
}

const FLAG_OF: Record<CreateField, string> = {
  number: '--number',
  name: '--name',
  group: '--sig',
  title: '--title',
  authors: '--authors',
  reviewers: '--reviewers',
  approvers: '--approvers',
  participatingGroups: '--participating-sigs',
  prrApprover: '--prr-approver',
  status: '--status',
  stage: '--stage',
  release: '--release',
};

export function flagOf(field: CreateField): string {
  return FLAG_OF[field];
}

const handle = (value: string) => (value.startsWith('@') ? value : `@${value}`);

/** Plan a new proposal. Every refusal (a taken number, an unknown group, a bad slug) is an AuthorError. */
export function planCreate(ws: Workspace, input: CreateInput): Plan {
  const { profile } = ws.options;
  const { layout, metadata: schema } = profile;
  const { keys } = schema;
  for (const field of requiredInputs(ws)) {
    const value = input[field];
    if (value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === ''))
      throw new AuthorError(`${flagOf(field)} is required on the ${profile.name} profile`);
  }
  for (const field of Object.keys(FLAG_OF) as CreateField[]) {
    const value = input[field];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    if (Array.isArray(value) && value.length === 0) continue;
    const problem = inputProblem(ws, field, text);
    if (problem && !(input.force && field !== 'number' && field !== 'name' && field !== 'group'))
      throw new AuthorError(`${flagOf(field)} ${text}: ${problem}`);
  }

  const shape = proposalShape(ws);
  const number = input.number === undefined ? undefined : String(Number(input.number));
  const last = shape.pattern
    .replace('{number}', (number ?? '').padStart(shape.pad, '0'))
    .replace('{name}', input.name ?? '');
  const key = [layout.proposalsRoot, ...(shape.group ? [input.group!] : []), last].join('/');
  const absolute = path.resolve(ws.root, key);
  if (!isInside(path.resolve(ws.root), absolute) || !isInside(realRoot(ws.root), resolveExisting(absolute)))
    throw new AuthorError(`${key}: leads outside the repository`);
  if (existsSync(absolute)) throw new AuthorError(`${key} already exists`);

  const release = input.release ?? ws.facts.release;
  const stage = input.stage ?? schema.stageOrder[0] ?? schema.stages[0];
  const status = input.status ?? schema.statuses[0];
  const metadataPath = metadataPathOf(layout, key);
  const readmePath = readmePathOf(layout, key);
  const template = templateTexts(ws);

  // The metadata: the template's, or a new one holding the first field, then every field set through the editor.
  const base =
    template.metadata ?? (layout.kind === 'file' ? `---\n${keys.title}: TBD\n---\n` : `${keys.title}: TBD\n`);
  const metadata = metadataText(ws, key, layout.kind === 'file' && template.readme ? template.readme : base);
  const { editor } = metadata;
  const titleValue = profile.ruleOptions['metadata/title-matches-file'] ? input.name! : input.title!;
  const values: [string, string | string[] | undefined][] = [
    [keys.title, titleValue],
    [keys.number, number],
    [keys.authors, input.authors?.map(handle)],
    [keys.owningGroup, input.group],
    [keys.participatingGroups, input.participatingGroups],
    [keys.status, status],
    [keys.creationDate, ws.today],
    [keys.reviewers, input.reviewers?.map(handle)],
    [keys.approvers, input.approvers?.map(handle)],
    [keys.stage, keys.stage ? stage : undefined],
    [keys.latestMilestone, keys.latestMilestone ? release : undefined],
  ];
  editing(metadataPath, () => {
    for (const [field, value] of values) {
      if (!field || value === undefined) continue;
      if (Array.isArray(value)) editor.setList([field], value);
      else editor.setScalar([field], value);
    }
    if (keys.lastUpdated && (editor.has([keys.lastUpdated]) || !template.metadata))
      editor.setScalar([keys.lastUpdated], ws.today);
    if (keys.milestones && stage && release) {
      editor.setScalar([keys.milestones, stage], release);
      const written = editor.get([keys.milestones]);
      if (written && typeof written === 'object')
        for (const other of Object.keys(written))
          if (other !== stage) editor.removeKey([keys.milestones, other]);
    }
    // The template's example lists (see-also, feature gates, metrics …) are placeholders: they start empty.
    const givenKeys = new Set(values.filter(([, value]) => value !== undefined).map(([field]) => field));
    for (const [field, spec] of Object.entries(schema.fields)) {
      if (givenKeys.has(field) || spec.type !== 'list' || !editor.has([field])) continue;
      const current = editor.get([field]);
      if (Array.isArray(current) && current.length > 0) editor.setList([field], []);
    }
  });
  if (input.set?.length) applyAssignments(ws, metadata, input.set, { force: input.force });
  let metadataResult = metadata.result();

  const files: PlannedFile[] = [];
  const title = input.title!;
  if (layout.kind === 'file') {
    const body = template.readme
      ? metadataResult
      : `${metadataResult}\n${titleLine(profile, number, title)}\n`;
    metadataResult = withTitle(profile, body, number, title, template.readme !== undefined);
    files.push(newFile(metadataPath, metadataResult));
  } else {
    files.push(newFile(metadataPath, metadataResult));
    const readme = template.readme
      ? withTitle(profile, template.readme, number, title, true)
      : `${titleLine(profile, number, title)}\n`;
    files.push(newFile(readmePath, readme));
  }
  if (input.prrApprover && profile.prr && layout.prrDir) {
    const prrPath = `${layout.prrDir}/${(profile.prr.path ?? '{owningGroup}/{number}.yaml').replaceAll('{owningGroup}', input.group ?? '').replaceAll('{number}', number ?? '')}`;
    files.push(
      newFile(
        prrPath,
        `${profile.prr.numberField ?? 'kep-number'}: ${number}\n${stage}:\n  ${profile.prr.approverField ?? 'approver'}: "${handle(input.prrApprover)}"\n`,
      ),
    );
  }
  const plan: Plan = { proposal: key, files, metadataFiles: [] };
  removePlaceholders(ws, plan, readmePath);
  return plan;
}

/** The template's texts: its README (or proposal file) and, in a directory layout, its metadata file. */
function templateTexts(ws: Workspace): { readme?: string; metadata?: string } {
  const { profile } = ws.options;
  const { layout } = profile;
  const templateDir = path.posix.dirname(profile.template);
  const readable = (file: string) => existsSync(path.join(ws.root, file));
  if (layout.kind === 'directory') {
    // Only a template directory is a template: a profile may name a real proposal's text as its template.
    if (!layout.templateDirs.includes(templateDir) || !readable(profile.template)) return {};
    const metadataFile = `${templateDir}/${layout.metadataFile}`;
    return {
      readme: readForEdit(ws, profile.template).text,
      ...(readable(metadataFile) ? { metadata: readForEdit(ws, metadataFile).text } : {}),
    };
  }
  const underRoot = profile.template.startsWith(`${layout.proposalsRoot}/`);
  if (underRoot || !readable(profile.template)) return {};
  const text = readForEdit(ws, profile.template).text;
  return frontMatterOf(text) ? { readme: text } : {};
}

function titleLine(profile: ProcessProfile, number: string | undefined, title: string): string {
  const format = profile.readme?.titleFormat;
  if (!format) return `# ${title}`;
  return `# ${format.replaceAll('{number}', number ?? '').replaceAll('{title}', title)}`;
}

/** The text with its first H1 (after any front matter) reading as the profile's title format says. */
function withTitle(
  profile: ProcessProfile,
  text: string,
  number: string | undefined,
  title: string,
  replace: boolean,
): string {
  const front = frontMatterOf(text);
  const bodyStart = front
    ? text
        .split('\n')
        .slice(0, front.lines + 1)
        .join('\n').length + 1
    : 0;
  const match = /^# .*$/m.exec(text.slice(bodyStart));
  let out = text;
  if (replace && match) {
    const at = bodyStart + match.index;
    out = text.slice(0, at) + titleLine(profile, number, title) + text.slice(at + match[0].length);
  }
  if (profile.toc) {
    const state = inspectToc(out, profile.toc);
    if (state.status === 'outdated') out = applyEdits(out, [state.edit]);
  }
  return out;
}

/** The template's example lines (readme/placeholder's findings on the planned text) are left out. */
function removePlaceholders(ws: Workspace, plan: Plan, readmePath: string): void {
  const planned = new Map(plan.files.map((file) => [file.path, file.after]));
  const facts = {
    ...ws.facts,
    files: new Set([...ws.facts.files, ...planned.keys()]),
    proposalDirs: new Set([...ws.facts.proposalDirs, plan.proposal]),
  };
  const proposal = loadProposal(facts, plan.proposal, { planned });
  const findings = placeholderRule.check!(proposal, facts).filter((finding) => finding.file === readmePath);
  if (findings.length === 0) return;
  const file = plan.files.find((candidate) => candidate.path === readmePath)!;
  const drop = new Set(findings.map((finding) => finding.line));
  const lines = file.after.split('\n').filter((_line, index) => !drop.has(index + 1));
  let text = lines.join('\n');
  if (ws.options.profile.toc) {
    const state = inspectToc(text, ws.options.profile.toc);
    if (state.status === 'outdated') text = applyEdits(text, [state.edit]);
  }
  file.after = text;
}

/** The nearest existing ancestor of a path, with links resolved (where a new directory would really be). */
function resolveExisting(absolute: string): string {
  let at = absolute;
  while (!existsSync(at)) {
    const parent = path.dirname(at);
    if (parent === at) return at;
    at = parent;
  }
  try {
    return realpathSync.native(at);
  } catch {
    return at;
  }
}
