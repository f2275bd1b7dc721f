export { allRules, ruleById } from './registry.js';
export type { ExampleKind, RepositoryScan, Rule, RuleDocs, RuleExample } from './types.js';
