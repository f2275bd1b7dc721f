import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const numberMatchesDirRule: Rule = {
  id: 'metadata/number-matches-dir',
  description: 'kep-number differs from the number in the directory name (compared as numbers: 0752 is 752)',
  rationale:
    'Links, PRR files and tracking issues are keyed by the number; two numbers for one KEP send people to the wrong place.',
  severity: 'warning',
  check(proposal, facts) {
    const written = proposal.metadata.number;
    if (written === undefined || proposal.dirNumber === null) return [];
    const key = facts.profile.metadata.keys.number;
    if (!/^\s*\d+\s*$/.test(written)) {
      return [atMetadataValue(proposal, [key], `${key} "${written}" is not a number`)];
    }
    if (Number(written) === proposal.dirNumber) return [];
    return [
      atMetadataValue(
        proposal,
        [key],
        `${key} ${written} does not match the directory number ${proposal.dirNumber} (${proposal.dir})`,
      ),
    ];
  },
};
