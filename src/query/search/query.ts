import type { KepEntry } from '../catalog/catalog.js';
import { findField, type QueryField, type SortKey } from './fields.js';
import { QueryError } from './filter.js';

/** Resolve `--fields a,b,c`; an unknown name is an error that lists the known ones. */
export function selectFields(all: QueryField[], names: string[]): QueryField[] {
  return names.map((name) => {
    const field = findField(all, name);
    if (!field)
      throw new QueryError(`unknown field "${name}" (known: ${all.map((known) => known.name).join(', ')})`);
    return field;
  });
}

/** Resolve `--sort`: field names, each optionally prefixed with `-` for descending order. */
export function sortKeys(all: QueryField[], names: string[]): SortKey[] {
  return names.map((name) => {
    const descending = name.startsWith('-');
    const bare = descending ? name.slice(1) : name;
    const field = findField(all, bare);
    if (!field)
      throw new QueryError(
        `--sort ${name}: unknown field "${bare}" (known: ${all.map((known) => known.name).join(', ')})`,
      );
    return { field, descending };
  });
}

/**
 * The entries whose metadata file was read and parsed, and the directories of those left out: a query,
 * like `kep index`, lists no proposal it knows nothing about (its row would be empty).
 */
export function readableEntries(entries: KepEntry[]): { entries: KepEntry[]; skipped: string[] } {
  return {
    entries: entries.filter((entry) => entry.metadataOk),
    skipped: entries.filter((entry) => !entry.metadataOk).map((entry) => entry.dir),
  };
}

/**
 * Rows for JSON and YAML: the kepify record (without the README text) and `proposalId` by default, else an object of
 * the chosen fields, keyed by their names.
 */
export function structuredRows(entries: KepEntry[], fields: QueryField[] | undefined): unknown[] {
  // The kepify record, and the proposal's id after it (kepify's `id` is its md5).
  if (!fields) return entries.map((entry) => ({ ...entry.record, proposalId: entry.id }));
  return entries.map((entry) => Object.fromEntries(fields.map((field) => [field.name, field.value(entry)])));
}
