import { ioRules } from './io/index.js';
import { layoutRules } from './layout/index.js';
import { lintRules } from './lint/index.js';
import { metadataRules } from './metadata/index.js';
import { prrRules } from './prr/index.js';
import { readmeRules } from './readme/index.js';
import { releaseRules } from './release/index.js';
import { sigNodeRules } from './sig-node/index.js';
import type { Rule } from './types.js';

/** Every rule kepkit has, group by group, in the order `kep rules` lists them. Each group's index lists its rules. */
export const allRules: readonly Rule[] = [
  ...ioRules,
  ...metadataRules,
  ...layoutRules,
  ...prrRules,
  ...readmeRules,
  ...sigNodeRules,
  ...releaseRules,
  ...lintRules,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
