import type { Finding } from '../../model/index.js';
import { atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const seeAlsoExistsRule: Rule = {
  id: 'metadata/see-also-exists',
  description: 'a KEP path in see-also, replaces or superseded-by does not exist in the repository',
  rationale: 'These links are how readers find related KEPs; a renamed or mistyped path is a dead end.',
  severity: 'warning',
  check(proposal, facts) {
    const data = rawMetadata(proposal);
    if (!data) return [];
    const keys = facts.profile.metadata.keys;
    const root = facts.profile.layout.proposalsRoot;
    const findings: Finding[] = [];
    for (const key of [keys.seeAlso, keys.replaces, keys.supersededBy]) {
      const list = data[key];
      if (!Array.isArray(list)) continue;
      list.forEach((entry, index) => {
        if (typeof entry !== 'string') return;
        const target = entry.trim().replace(/^\/+/, '').replace(/\/+$/, '').replace(/#.*$/, '');
        // Only repo paths are checked: URLs and bare references ("KEP-1234") are left alone.
        if (!target.startsWith(`${root}/`)) return;
        if (facts.proposalDirs.has(target) || facts.files.has(target) || facts.pathExists(target)) return;
        findings.push(
          atMetadataValue(proposal, [key, index], `${key} entry "${entry}" does not exist in the repository`),
        );
      });
    }
    return findings;
  },
};
