import type { Rule } from '../types.js';
import { missingMetadataRule } from './missing-metadata.js';
import { missingReadmeRule } from './missing-readme.js';
import { owningSigDirectoryRule } from './owning-sig-directory.js';

/** The layout rules, in the order `kep rules` lists them. */
export const layoutRules: readonly Rule[] = [missingMetadataRule, missingReadmeRule, owningSigDirectoryRule];
