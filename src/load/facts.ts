import path from 'node:path';
import type { NameList, ProcessProfile } from '../model/index.js';
import { readSource } from './files.js';
import { parseYaml } from './yaml.js';

export { LoadError } from './errors.js';
export { locate } from './locate.js';

import { LoadError } from './errors.js';

function displayPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return relative.split(path.sep).join('/');
}

function readYamlFile(root: string, absolute: string): unknown {
  const shown = displayPath(root, absolute);
  const read = readSource(path.dirname(absolute), path.basename(absolute), 20 * 1024 * 1024);
  if (!read.ok) throw new LoadError(`${shown}: ${read.problem.message}`);
  const doc = parseYaml({ ...read.file, path: shown });
  const issue = doc.issues[0];
  if (issue)
    throw new LoadError(`${shown}:${issue.position.line}:${issue.position.column}: ${issue.message}`);
  return doc.data;
}

/** Group names (`dir:` of every SIG, WG, UG and committee) from a sigs.yaml. */
export function loadGroups(root: string, file: string, profile: ProcessProfile): NameList {
  const data = readYamlFile(root, file) as Record<string, unknown> | null;
  const names = new Set<string>();
  for (const section of profile.groups.sections) {
    const list = data?.[section];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const dir = (entry as Record<string, unknown> | null)?.dir;
      if (typeof dir === 'string') names.add(dir);
    }
  }
  if (names.size === 0)
    throw new LoadError(`${displayPath(root, file)}: no groups found (expected lists of entries with "dir")`);
  return { source: displayPath(root, file), names };
}

/** Every alias of an OWNERS_ALIASES file. */
export function loadOwnersAliases(root: string, file: string): Map<string, string[]> {
  const data = readYamlFile(root, file) as { aliases?: Record<string, unknown> } | null;
  const aliases = new Map<string, string[]>();
  for (const [name, members] of Object.entries(data?.aliases ?? {})) {
    aliases.set(
      name,
      Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : [],
    );
  }
  return aliases;
}
