import type { Rule } from '../types.js';
import { prrApproverRule } from './approver.js';
import { prrQuestionnaireRule } from './questionnaire.js';
import { prrRequiredRule } from './required.js';

/** The prr rules, in the order `kep rules` lists them. */
export const prrRules: readonly Rule[] = [prrRequiredRule, prrApproverRule, prrQuestionnaireRule];
