import type { Rule } from '../types.js';

/** Reported by the lint part while it reads the directives. */
export const unknownRuleRule: Rule = {
  id: 'lint/unknown-rule',
  description: 'a kep-disable or kep-enable comment names a rule or group that does not exist',
  rationale:
    'A misspelt rule id suppresses nothing: the finding it was meant to hide is still reported, and the comment misleads whoever reads it (see kep rules for the ids).',
  severity: 'warning',
  docs: {
    appliesTo: 'kep-disable directives in READMEs and YAML files',
    profileKeys: [],
    bad: { kind: 'metadata', text: 'owning-sig: sig-node # kep-disable-line metadata/owningsig' },
    good: { kind: 'metadata', text: 'owning-sig: sig-nodes # kep-disable-line metadata/owning-sig' },
  },
};
