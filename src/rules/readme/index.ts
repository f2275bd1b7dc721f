import type { Rule } from '../types.js';
import { emptySectionRule } from './empty-section.js';
import { linksRule } from './links.js';
import { missingSectionRule } from './missing-section.js';
import { placeholderRule } from './placeholder.js';
import { sectionOrderRule } from './section-order.js';
import { signoffChecklistRule } from './signoff-checklist.js';
import { titleRule } from './title.js';
import { tocRule } from './toc.js';
import { unresolvedRule } from './unresolved.js';

/** The readme rules, in the order `kep rules` lists them. */
export const readmeRules: readonly Rule[] = [
  missingSectionRule,
  sectionOrderRule,
  emptySectionRule,
  placeholderRule,
  titleRule,
  unresolvedRule,
  signoffChecklistRule,
  linksRule,
  tocRule,
];
