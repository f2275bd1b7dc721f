import path from 'node:path';
import { atFileStart, atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

export const titleMatchesFileRule: Rule = {
  id: 'metadata/title-matches-file',
  description:
    'the metadata title is not the proposal file’s name without `.md` (one-file layouts whose profile asks for it)',
  rationale:
    'Where a process names each proposal file after its metadata title (OpenShift’s metadata-lint compares them exactly), a renamed file or an edited title breaks the links between them. The counterpart of metadata/number-matches-dir for processes without numbers; it runs only when the profile asks for it. Example: `title: my-feature` in enhancements/network/my-feature-v2.md.',
  severity: 'warning',
  docs: {
    appliesTo: 'one-file layouts, when the profile sets `rules.metadata/title-matches-file`',
    profileKeys: ['layout.kind', 'metadata.keys.title', 'rules.metadata/title-matches-file'],
    bad: { kind: 'metadata', text: '# enhancements/network/my-feature-v2.md\ntitle: my-feature' },
    good: { kind: 'metadata', text: '# enhancements/network/my-feature-v2.md\ntitle: my-feature-v2' },
  },
  check(proposal, facts) {
    if (facts.profile.layout.kind !== 'file' || !facts.profile.ruleOptions['metadata/title-matches-file'])
      return [];
    const data = rawMetadata(proposal);
    if (!data || !proposal.metadataFile) return [];
    const expected = path.posix.basename(proposal.dir).replace(/\.md$/, '');
    const key = facts.profile.metadata.keys.title;
    const title = key === '' ? undefined : data[key];
    if (title === expected) return [];
    if (typeof title !== 'string' || title === '')
      return [
        atFileStart(
          proposal.metadataFile.file.path,
          `no ${key || 'title'}; expected "${expected}" (the file name)`,
        ),
      ];
    return [atMetadataValue(proposal, [key], `${key} "${title}" is not the file name "${expected}"`)];
  },
};
