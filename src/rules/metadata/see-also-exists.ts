import type { Finding } from '../../model/index.js';
import { atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const seeAlsoExistsRule: Rule = {
  id: 'metadata/see-also-exists',
  description: 'a `keps/…` path in `see-also`, `replaces` or `superseded-by` that does not exist',
  rationale: 'These links are how readers find related KEPs; a renamed or mistyped path is a dead end.',
  severity: 'warning',
  docs: {
    appliesTo:
      'paths below the proposals root in see-also, replaces and superseded-by of every proposal (URLs are not checked)',
    profileKeys: [
      'layout.proposalsRoot',
      'metadata.keys.seeAlso',
      'metadata.keys.replaces',
      'metadata.keys.supersededBy',
    ],
    bad: { kind: 'metadata', text: 'see-also:\n  - "/keps/sig-node/1287-in-place-pod-update"' },
    good: { kind: 'metadata', text: 'see-also:\n  - "/keps/sig-node/1287-in-place-update-pod-resources"' },
  },
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
