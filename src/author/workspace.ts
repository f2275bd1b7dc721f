// What every authoring plan starts from: the repository walked once, the facts rules need, and the files an
// edit reads (confined to the repository, with the hash a write must still find).

import { type BytesResult, hashBytes, readBytes } from '../load/files.js';
import { loadFacts } from '../load/index.js';
import { metadataPathOf, nameNumberOf, proposalRefMatcher } from '../load/layout.js';
import type { LoadOptions } from '../load/repository.js';
import { type RepositoryLayout, walkRepository } from '../load/walk.js';
import type { RepositoryFacts } from '../model/index.js';
import { AuthorError } from './errors.js';

/** Rule settings as the config gives them (`kep.config.json` rules). */
export type RuleSettings = Record<string, 'off' | 'warn' | 'warning' | 'error'>;

export interface AuthorOptions extends LoadOptions {
  rules?: RuleSettings;
  /** Today's date (YYYY-MM-DD) for creation-date and last-updated; default the local date. */
  today?: string;
}

export interface Workspace {
  root: string;
  options: AuthorOptions;
  layout: RepositoryLayout;
  facts: RepositoryFacts;
  today: string;
}

export function openWorkspace(root: string, options: AuthorOptions): Workspace {
  const layout = walkRepository(root, options.profile);
  const facts = loadFacts(root, layout, options);
  return { root, options, layout, facts, today: options.today ?? localDate(new Date()) };
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A file as an edit reads it: its text (without a byte order mark), whether it had one, and its hash. */
export interface FileRead {
  text: string;
  bom: boolean;
  hash: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Read a repo file for editing, confined to the repository; a failure is an AuthorError naming the file. */
export function readForEdit(ws: Workspace, repoPath: string): FileRead {
  const read: BytesResult = readBytes(ws.root, repoPath);
  if (!read.ok) throw new AuthorError(`${repoPath}: ${read.problem.message}`);
  let text: string;
  try {
    text = utf8.decode(read.bytes);
  } catch {
    throw new AuthorError(`${repoPath}: not valid UTF-8; not edited`);
  }
  const bom = text.startsWith('\ufeff');
  return { text: bom ? text.slice(1) : text, bom, hash: hashBytes(read.bytes) };
}

/** The proposals of the repository that are not templates. */
export function proposalKeys(ws: Workspace): string[] {
  const templates = ws.options.profile.layout.templateDirs;
  return ws.layout.proposalDirs.filter((key) => !templates.includes(key));
}

/**
 * The proposal a user names (a number, or its path below the proposals root), or an AuthorError that says
 * what was looked for. A number is matched against the number in the directory or file name, else the
 * number in the metadata (read only when the name has none).
 */
export function findProposal(ws: Workspace, ref: string): string {
  const { layout } = ws.options.profile;
  const matches = proposalRefMatcher(layout, ref);
  const found = proposalKeys(ws).filter((key) => matches(key, numberOf(ws, key)));
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new AuthorError(
      /^\d+$/.test(ref.trim())
        ? `no proposal numbered ${ref} under ${layout.proposalsRoot}`
        : `no proposal ${ref} under ${layout.proposalsRoot}`,
    );
  throw new AuthorError(`${ref} names ${found.length} proposals (${found.join(', ')}); name one by its path`);
}

/** A proposal's number: from its name where the layout puts one there, else its metadata field. */
export function numberOf(ws: Workspace, key: string): number | null {
  const { layout, metadata } = ws.options.profile;
  if (layout.number.from === 'none') return null;
  const fromName = nameNumberOf(layout, key);
  if (fromName !== null || layout.number.from !== 'field') return fromName;
  const read = readBytes(ws.root, metadataPathOf(layout, key));
  if (!read.ok) return null;
  const match = new RegExp(`^${metadata.keys.number}:\\s*["']?(\\d+)`, 'm').exec(read.bytes.toString('utf8'));
  return match ? Number(match[1]) : null;
}
