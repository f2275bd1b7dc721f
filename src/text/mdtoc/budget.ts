// A work budget for the mdtoc port. gomarkdown rescans unclosed constructs from each offset, so hostile
// markdown (a pull request from anyone) can make it quadratic. The scans that may repeat charge what they
// read; past the budget the parse stops with TocBudgetError instead of running for minutes.

/** Thrown when parsing a text's headings reads more than its budget allows. */
export class TocBudgetError extends Error {
  constructor(readonly budget: number) {
    super(`the table of contents could not be computed within the work budget (${budget} steps)`);
  }
}

/**
 * Steps allowed per UTF-16 code unit of the text, plus a floor. No corpus file needs more than 3 per code
 * unit (150,000 in all): this leaves room, and a 200 KB file still gives up within a fraction of a second.
 */
const STEPS_PER_CHAR = 32;
const BASE_STEPS = 1_000_000;

let left = Number.POSITIVE_INFINITY;
let limit = Number.POSITIVE_INFINITY;

/** Run `body` with a budget for a text of `length` code units; nested calls share the outer budget. */
export function withBudget<T>(length: number, body: () => T): T {
  if (limit !== Number.POSITIVE_INFINITY) return body();
  limit = BASE_STEPS + STEPS_PER_CHAR * length;
  left = limit;
  try {
    return body();
  } finally {
    lastSpent = limit - left;
    limit = Number.POSITIVE_INFINITY;
    left = Number.POSITIVE_INFINITY;
  }
}

let lastSpent = 0;

/** Steps the last outermost `withBudget` spent (for tests and measurements). */
export function stepsSpent(): number {
  return lastSpent;
}

/** Account for `steps` code units read; throws TocBudgetError once the budget is spent. */
export function charge(steps: number): void {
  left -= steps;
  if (left < 0) throw new TocBudgetError(limit);
}
