import type { Rule } from '../types.js';
import { dateFormatRule } from './date-format.js';
import { implementedStableRule } from './implemented-stable.js';
import { latestMilestoneStageRule } from './latest-milestone-stage.js';
import { milestoneFormatRule } from './milestone-format.js';
import { milestoneOrderRule } from './milestone-order.js';
import { nonEmptyRule } from './non-empty.js';
import { numberMatchesDirRule } from './number-matches-dir.js';
import { owningSigRule } from './owning-sig.js';
import { parseRule } from './parse.js';
import { participatingSigRule } from './participating-sig.js';
import { placeholderRule } from './placeholder.js';
import { requiredRule } from './required.js';
import { seeAlsoExistsRule } from './see-also-exists.js';
import { stageRule } from './stage.js';
import { statusRule } from './status.js';
import { titleMatchesFileRule } from './title-matches-file.js';
import { typeRule } from './type.js';
import { unknownFieldRule } from './unknown-field.js';
import { urlRule } from './url.js';

/** The metadata rules, in the order `kep rules` lists them. */
export const metadataRules: readonly Rule[] = [
  parseRule,
  unknownFieldRule,
  typeRule,
  requiredRule,
  statusRule,
  stageRule,
  implementedStableRule,
  owningSigRule,
  participatingSigRule,
  numberMatchesDirRule,
  titleMatchesFileRule,
  nonEmptyRule,
  placeholderRule,
  urlRule,
  milestoneFormatRule,
  milestoneOrderRule,
  dateFormatRule,
  seeAlsoExistsRule,
  latestMilestoneStageRule,
];
