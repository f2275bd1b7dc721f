import type { Rule } from '../types.js';
import { unknownRuleRule } from './unknown-rule.js';
import { unusedSuppressionRule } from './unused-suppression.js';

/** The rules about the suppression comments themselves, in the order `kep rules` lists them. */
export const lintRules: readonly Rule[] = [unusedSuppressionRule, unknownRuleRule];
