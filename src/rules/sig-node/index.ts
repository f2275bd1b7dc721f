import type { Rule } from '../types.js';
import { sigNodeApproversRule } from './approvers.js';

/** The sig-node rules, in the order `kep rules` lists them. */
export const sigNodeRules: readonly Rule[] = [sigNodeApproversRule];
