// The skip list of tables of contents (upstream's hack/.notableofcontents): files whose TOC nobody checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcessProfile } from '../model/index.js';

/**
 * The repo-relative paths listed in the profile's skip-list file: whole lines, compared exactly, as
 * upstream's `grep -Fxvf` does. A missing or unreadable file lists nothing.
 */
export function readSkipList(root: string, settings: NonNullable<ProcessProfile['toc']>): Set<string> {
  if (!settings.skipListFile) return new Set();
  let text: string;
  try {
    text = readFileSync(path.resolve(root, settings.skipListFile), 'utf8');
  } catch {
    return new Set();
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return new Set(lines.map((line) => line.replace(/\r$/, '')));
}
