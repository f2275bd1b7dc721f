import { atMetadataValue } from '../findings.js';
import type { Rule } from '../types.js';

export const owningSigDirectoryRule: Rule = {
  id: 'layout/owning-sig-directory',
  description: 'owning-sig differs from the SIG directory the KEP lives in (`keps/<sig>/…`)',
  rationale:
    'A KEP’s directory says which SIG owns it to everyone browsing the repository, to OWNERS-based review routing and to tools that look a KEP up by SIG; an owning-sig that names another SIG sends approvals and the PRR file lookup (`keps/prod-readiness/<owning-sig>/…`) somewhere else. Either the KEP moved and kep.yaml was not updated, or the other way round. Processes whose proposals are not filed by group leave `layout.groupDirectories` unset, and the rule says nothing.',
  severity: 'warning',
  docs: {
    appliesTo:
      'every proposal that stands in a group directory below the proposals root, when the profile sets `layout.groupDirectories`; a proposal directly below the root has no group directory, and one in a directory that is not a known group (`keps/provider-aws`, a subproject’s) is not checked either',
    profileKeys: ['layout.groupDirectories', 'layout.proposalsRoot', 'groups', 'metadata.keys.owningGroup'],
    bad: { kind: 'metadata', text: '# keps/sig-node/2392-cpu-manager/kep.yaml\nowning-sig: sig-scheduling' },
    good: { kind: 'metadata', text: '# keps/sig-node/2392-cpu-manager/kep.yaml\nowning-sig: sig-node' },
  },
  check(proposal, facts) {
    const { layout, metadata } = facts.profile;
    const group = proposal.metadata.owningGroup;
    if (!layout.groupDirectories || group === undefined || group === '') return [];
    const prefix = `${layout.proposalsRoot}/`;
    if (!proposal.dir.startsWith(prefix)) return [];
    const rest = proposal.dir.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) return [];
    const directory = rest.slice(0, slash);
    // A directory that is no group (keps/provider-aws, a subproject's) says nothing about the owner.
    if (directory === group || (facts.groups && !facts.groups.names.has(directory))) return [];
    const key = metadata.keys.owningGroup;
    return [
      atMetadataValue(
        proposal,
        [key],
        `${key} is "${group}", but the KEP lives in the ${directory} directory (${proposal.dir})`,
      ),
    ];
  },
};
