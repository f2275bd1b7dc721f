export { allRules, ruleById } from './registry.js';
export type { RepositoryScan, Rule } from './types.js';
