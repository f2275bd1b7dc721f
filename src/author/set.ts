// `kep set N field=value…`: any metadata field of the profile, a list field item by item (`+=`, `-=`),
// each value checked against the profile's vocabulary and the field's format.
import { metadataPathOf } from '../load/layout.js';
import { AuthorError } from './errors.js';
import { editing, fieldSpec, type MetadataText, metadataText, valueProblem } from './fields.js';
import { changedFile, type Plan } from './plan.js';
import { findProposal, readForEdit, type Workspace } from './workspace.js';

export interface Assignment {
  field: string;
  op: '=' | '+=' | '-=';
  value: string;
}

/** `field=value`, `field+=value` or `field-=value`; anything else is an AuthorError. */
export function parseAssignment(text: string): Assignment {
  const match = /^([A-Za-z0-9_][A-Za-z0-9_.-]*?)(\+=|-=|=)(.*)$/s.exec(text);
  if (!match) throw new AuthorError(`${text}: expected FIELD=VALUE, FIELD+=VALUE or FIELD-=VALUE`);
  return { field: match[1]!, op: match[2] as Assignment['op'], value: match[3]!.trim() };
}

/** Split a list value written `a,b,c` (blanks around items dropped; an empty value is the empty list). */
export function listValues(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface SetOptions {
  /** Write values outside the profile's vocabulary or format, and fields it does not name. */
  force?: boolean;
}

export function planSet(
  ws: Workspace,
  ref: string,
  assignments: Assignment[],
  options: SetOptions = {},
): Plan {
  if (assignments.length === 0) throw new AuthorError('nothing to set: give FIELD=VALUE');
  const key = findProposal(ws, ref);
  const file = metadataPathOf(ws.options.profile.layout, key);
  const read = readForEdit(ws, file);
  const metadata = metadataText(ws, key, read.text);
  applyAssignments(ws, metadata, assignments, options);
  return { proposal: key, files: [changedFile(file, read, metadata.result())], metadataFiles: [file] };
}

/** Plan each assignment on a metadata text (shared with `kep create`, whose `--set` takes the same). */
export function applyAssignments(
  ws: Workspace,
  metadata: MetadataText,
  assignments: Assignment[],
  options: SetOptions = {},
): void {
  const { profile } = ws.options;
  const lists = new Map<string, { add: string[]; remove: string[] }>();
  const seen = new Set<string>();
  for (const { field, op, value } of assignments) {
    const spec = fieldSpec(profile, field);
    const refuse = (message: string) => {
      if (!options.force) throw new AuthorError(`${field}: ${message} (--force writes it anyway)`);
    };
    if (!spec) {
      if (profile.metadata.unknownFields === 'error' || field.includes('.'))
        refuse(
          `not a field of the ${profile.name} profile (${Object.keys(profile.metadata.fields).join(', ')})`,
        );
    } else if (spec.type === 'mapping')
      throw new AuthorError(`${field}: a mapping; set its fields one by one (${field}.NAME=VALUE)`);
    const isList = spec ? spec.type === 'list' : op !== '=';
    if (!isList && op !== '=') throw new AuthorError(`${field}: not a list; ${op} applies to lists only`);
    if (op === '=' && seen.has(field)) throw new AuthorError(`${field}: set twice`);
    seen.add(field);
    const path = writtenPath(metadata, profile.metadata.fields[field.split('.')[0]!]?.aliases, field);
    if (isList && spec?.items === undefined) {
      const values = op === '=' ? listValues(value) : [value];
      if (op !== '-=') for (const item of values) checkValue(ws, field, item, refuse);
      if (op === '=') {
        editing(metadata.path, () => metadata.editor.setList(path, values));
        continue;
      }
      if (value === '') throw new AuthorError(`${field}${op}: no value`);
      const pending = lists.get(field) ?? { add: [], remove: [] };
      lists.set(field, pending);
      (op === '+=' ? pending.add : pending.remove).push(value);
      continue;
    }
    if (isList) throw new AuthorError(`${field}: a list of mappings; edit it in the file`);
    checkValue(ws, field, value, refuse);
    editing(metadata.path, () => metadata.editor.setScalar(path, value));
  }
  for (const [field, { add, remove }] of lists) {
    if (seen.has(field) && assignments.some((a) => a.field === field && a.op === '='))
      throw new AuthorError(`${field}: set with = and changed with += or -= at once`);
    const path = writtenPath(metadata, profile.metadata.fields[field.split('.')[0]!]?.aliases, field);
    const current = metadata.editor.get(path);
    const items = Array.isArray(current) ? current.map(String) : [];
    for (const item of remove)
      if (!items.includes(item)) throw new AuthorError(`${field}-=${item}: ${item} is not in the list`);
    const fresh = add.filter((item) => !items.includes(item));
    editing(metadata.path, () => metadata.editor.editList(path, fresh, remove));
  }
}

function checkValue(ws: Workspace, field: string, value: string, refuse: (message: string) => void): void {
  const problem = valueProblem(ws, field, value);
  if (problem) refuse(problem);
}

/** The path of a field as the file writes it: under one of its aliases when the file uses that spelling. */
function writtenPath(metadata: MetadataText, aliases: string[] | undefined, field: string): string[] {
  const [top, ...rest] = field.split('.');
  if (!metadata.editor.has([top!])) {
    const alias = aliases?.find((name) => metadata.editor.has([name]));
    if (alias) return [alias, ...rest];
  }
  return [top!, ...rest];
}
