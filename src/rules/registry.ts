import { encodingRule } from './io/encoding.js';
import { tooLargeRule } from './io/too-large.js';
import { unreadableRule } from './io/unreadable.js';
import { missingMetadataRule } from './layout/missing-metadata.js';
import { missingReadmeRule } from './layout/missing-readme.js';
import { dateFormatRule } from './metadata/date-format.js';
import { implementedStableRule } from './metadata/implemented-stable.js';
import { latestMilestoneStageRule } from './metadata/latest-milestone-stage.js';
import { milestoneFormatRule } from './metadata/milestone-format.js';
import { milestoneOrderRule } from './metadata/milestone-order.js';
import { numberMatchesDirRule } from './metadata/number-matches-dir.js';
import { owningSigRule } from './metadata/owning-sig.js';
import { parseRule } from './metadata/parse.js';
import { participatingSigRule } from './metadata/participating-sig.js';
import { requiredRule } from './metadata/required.js';
import { seeAlsoExistsRule } from './metadata/see-also-exists.js';
import { stageRule } from './metadata/stage.js';
import { statusRule } from './metadata/status.js';
import { typeRule } from './metadata/type.js';
import { unknownFieldRule } from './metadata/unknown-field.js';
import { prrApproverRule } from './prr/approver.js';
import { prrRequiredRule } from './prr/required.js';
import type { Rule } from './types.js';

/** Every rule kepkit has, in the order `kep rules` lists them. */
export const allRules: readonly Rule[] = [
  // Upstream parity: errors by default.
  unreadableRule,
  tooLargeRule,
  encodingRule,
  parseRule,
  unknownFieldRule,
  typeRule,
  requiredRule,
  missingMetadataRule,
  prrRequiredRule,
  prrApproverRule,
  // What the schema says but upstream CI never checks: warnings by default.
  statusRule,
  stageRule,
  implementedStableRule,
  owningSigRule,
  participatingSigRule,
  missingReadmeRule,
  numberMatchesDirRule,
  milestoneFormatRule,
  milestoneOrderRule,
  dateFormatRule,
  seeAlsoExistsRule,
  latestMilestoneStageRule,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
