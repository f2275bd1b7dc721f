// OWNERS files, read for the rules that compare a proposal's assignments with them.
import type { OwnersFile, RepositoryFacts } from '../model/index.js';
import { readSource } from './files.js';
import { parseYaml } from './yaml.js';

/** Read an OWNERS file as upstream's `yaml.Unmarshal` into `{reviewers, approvers []string}` does. */
export function readOwnersFile(
  facts: Pick<RepositoryFacts, 'root' | 'files' | 'pathExists'>,
  file: string,
): OwnersFile {
  if (!facts.files.has(file) && !facts.pathExists(file)) return { kind: 'missing' };
  const atStart = { line: 1, column: 1 };
  const read = readSource(facts.root, file);
  if (!read.ok)
    return {
      kind: 'broken',
      file,
      position: atStart,
      message: `cannot read ${file}: ${read.problem.message}`,
    };
  const doc = parseYaml(read.file);
  const issue = doc.issues.find((candidate) => candidate.kind !== 'empty');
  if (issue)
    return {
      kind: 'broken',
      file,
      position: issue.position,
      message: `cannot parse ${file}: ${issue.message}`,
    };
  const data = doc.data ?? null;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data)))
    return { kind: 'broken', file, position: atStart, message: `cannot parse ${file}: expected a mapping` };
  const lists = { reviewers: [] as string[], approvers: [] as string[] };
  for (const key of ['reviewers', 'approvers'] as const) {
    const value = (data as Record<string, unknown> | null)?.[key] ?? null;
    if (value === null) continue;
    if (!Array.isArray(value) || value.some((item) => item !== null && typeof item !== 'string')) {
      return {
        kind: 'broken',
        file: doc.file.path,
        position: doc.valuePosition([key]),
        message: `cannot parse ${file}: "${key}" must be a list of names`,
      };
    }
    lists[key] = value.map((item: string | null) => item ?? '');
  }
  return { kind: 'ok', doc, ...lists };
}
