// The profile's metadata fields as authoring sees them: where a dotted name leads in the schema, and whether
// a value is one the profile allows there (its statuses, stages, groups, or the field's format).
import { frontMatterOf, metadataPathOf } from '../load/layout.js';
import { type FieldSpec, MILESTONE_FORMAT, type ProcessProfile } from '../model/index.js';
import { applyEdits } from '../text/apply.js';
import { AuthorError } from './errors.js';
import type { Workspace } from './workspace.js';
import { YamlEditError, YamlEditor } from './yaml-edit.js';

/** A field named as `kep set` takes it: a top-level key, or `parent.child` inside a mapping. */
export function fieldSpec(profile: ProcessProfile, field: string): FieldSpec | undefined {
  const [top, ...rest] = field.split('.');
  let spec: FieldSpec | undefined = profile.metadata.fields[top!];
  for (const name of rest) spec = spec?.type === 'mapping' ? spec.fields?.[name] : undefined;
  return spec;
}

const HANDLE = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/**
 * Why a value does not belong in a field by the profile (its vocabulary for status, stage and groups, the
 * field's format otherwise), or undefined when it does. `field` is the dotted name as written in the file.
 */
export function valueProblem(ws: Workspace, field: string, value: string): string | undefined {
  const { metadata } = ws.options.profile;
  const { keys } = metadata;
  const spec = fieldSpec(ws.options.profile, field);
  const list = (names: Iterable<string>) => [...names].join(', ');
  if (field === keys.status && !metadata.statuses.includes(value))
    return `"${value}" is not a status of the ${ws.options.profile.name} profile (${list(metadata.statuses)})`;
  if (field === keys.stage && !metadata.stages.includes(value))
    return `"${value}" is not a stage of the ${ws.options.profile.name} profile (${list(metadata.stages)})`;
  const groups = ws.facts.groups;
  if (
    (field === keys.owningGroup || field === keys.participatingGroups) &&
    groups &&
    !groups.names.has(value)
  )
    return `"${value}" is not a group listed in ${groups.source}`;
  if (field === keys.number && keys.number !== '' && !/^\d+$/.test(value))
    return `"${value}" is not a number`;
  switch (spec?.format) {
    case 'milestone':
      return MILESTONE_FORMAT.test(value)
        ? undefined
        : `"${value}" is not a milestone (vMAJOR.MINOR, e.g. v1.37)`;
    case 'date':
      return isDate(value) ? undefined : `"${value}" is not a date (YYYY-MM-DD)`;
    case 'handle':
      return HANDLE.test(value) ? undefined : `"${value}" is not a GitHub handle (@name)`;
    case 'url':
      return /^https?:\/\/\S+$/.test(value) ? undefined : `"${value}" is not a URL`;
    default:
      break;
  }
  if (spec?.type === 'boolean' && value !== 'true' && value !== 'false')
    return `"${value}" is not true or false`;
  return undefined;
}

/** A proposal's metadata as an editor: its own YAML file, or the front matter of its markdown file. */
export interface MetadataText {
  path: string;
  editor: YamlEditor;
  /** The file's whole text once the editor's splices are applied. */
  result(): string;
}

export function metadataText(ws: Workspace, key: string, text: string): MetadataText {
  const { layout } = ws.options.profile;
  const file = metadataPathOf(layout, key);
  let yaml = text;
  if (layout.kind === 'file') {
    const front = frontMatterOf(text);
    if (!front) throw new AuthorError(`${file}: no front matter (a YAML block between --- lines at the top)`);
    yaml = front.yaml;
  }
  let editor: YamlEditor;
  try {
    editor = new YamlEditor(yaml);
  } catch (error) {
    if (error instanceof YamlEditError) throw new AuthorError(`${file}:${error.message}; not edited`);
    throw error;
  }
  // Front matter offsets are the file's own (frontMatterOf keeps them), so the splices apply to the file.
  return { path: file, editor, result: () => applyEdits(text, editor.edits) };
}

/** Run an editor operation, turning its refusal into an AuthorError that names the file. */
export function editing(file: string, edit: () => void): void {
  try {
    edit();
  } catch (error) {
    if (error instanceof YamlEditError) throw new AuthorError(`${file}:${error.message}; not edited`);
    throw error;
  }
}
