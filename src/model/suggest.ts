import { createRequire } from 'node:module';

// Required on first use: only a usage error needs it, and the warm query path counts every module.
let levenshtein: typeof import('fastest-levenshtein') | undefined;

/**
 * The known value closest to a mistyped one (`implementd` → `implementable`…), when it is close enough to be
 * what was meant: at most a third of its length away, case aside. Ties go to the earlier candidate.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  levenshtein ??= createRequire(import.meta.url)(
    'fastest-levenshtein',
  ) as typeof import('fastest-levenshtein');
  const { distance } = levenshtein;
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(wanted.length, 3) / 3))
    ? best
    : undefined;
}

/** `; did you mean "x"?` for a usage message, or nothing. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const match = closestMatch(value, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}
