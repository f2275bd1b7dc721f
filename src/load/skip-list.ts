// The skip list of tables of contents (upstream's hack/.notableofcontents): files whose TOC nobody checks.
import type { ProcessProfile } from '../model/index.js';
import { readSource } from './files.js';

/**
 * The repo-relative paths listed in the profile's skip-list file: whole lines, compared exactly, as
 * upstream's `grep -Fxvf` does. A missing or unreadable file lists nothing.
 */
export function readSkipList(root: string, settings: NonNullable<ProcessProfile['toc']>): Set<string> {
  if (!settings.skipListFile) return new Set();
  const read = readSource(root, settings.skipListFile);
  if (!read.ok) return new Set();
  const lines = read.file.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return new Set(lines.map((line) => line.replace(/\r$/, '')));
}
