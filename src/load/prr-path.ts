import type { ProcessProfile } from '../model/index.js';

/**
 * Where the approval file of a proposal is (`<prrDir>/<owning group>/<number>.yaml`), if the process has one.
 * Both parts come from the proposal's own text: only plain names may become part of a path (no `..`, no `/`).
 */
export function prrPathOf(
  layout: Pick<ProcessProfile['layout'], 'prrDir'>,
  owningGroup: unknown,
  number: unknown,
  pattern = '{owningGroup}/{number}.yaml',
): string | undefined {
  if (!layout.prrDir || !isPathSegment(owningGroup) || !isPathSegment(number)) return undefined;
  return `${layout.prrDir}/${pattern.replaceAll('{owningGroup}', owningGroup).replaceAll('{number}', number)}`;
}

function isPathSegment(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return /^[\w.-]+$/.test(value) && value !== '.' && value !== '..';
}
