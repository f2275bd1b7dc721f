/** A release milestone `vMAJOR.MINOR`, compared as semver the way upstream's `semver.ParseTolerant` does. */
export interface Milestone {
  major: number;
  minor: number;
  patch: number;
}

/** Tolerant parse: an optional `v`, and missing minor/patch parts count as 0 (`"0.0"`, `v1.21`). */
export function parseMilestone(value: string | undefined): Milestone | undefined {
  if (!value) return undefined;
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(value);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

export function compareMilestones(a: string, b: string): number {
  const left = parseMilestone(a);
  const right = parseMilestone(b);
  if (!left || !right) return 0;
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch;
}

/** The strict form the schema documents: `vMAJOR.MINOR`. */
export const MILESTONE_FORMAT = /^v\d+\.\d+$/;
