import type { Rule } from '../types.js';
import { encodingRule } from './encoding.js';
import { outsideRepoRule } from './outside-repo.js';
import { tooLargeRule } from './too-large.js';
import { unreadableRule } from './unreadable.js';

/** The io rules, in the order `kep rules` lists them. */
export const ioRules: readonly Rule[] = [unreadableRule, tooLargeRule, encodingRule, outsideRepoRule];
