import type { Rule } from '../types.js';

/** Reported by the lint part, which applies the directives after the rules ran (and after the cache). */
export const unusedSuppressionRule: Rule = {
  id: 'lint/unused-suppression',
  description: 'a kep-disable comment suppresses nothing (or a kep-enable ends no kep-disable), so it can go',
  rationale:
    'A suppression outlives the problem it hid; left in place it would silently hide the next problem of that rule in the same lines.',
  severity: 'warning',
  docs: {
    appliesTo: 'kep-disable, kep-enable and kep-disable-line directives in READMEs and YAML files',
    profileKeys: [],
    bad: {
      kind: 'README',
      text: '<!-- kep-disable-next-line readme/placeholder -->\nThe design is settled.',
    },
    good: { kind: 'README', text: '<!-- kep-disable-next-line readme/placeholder -->\nTBD' },
  },
};
