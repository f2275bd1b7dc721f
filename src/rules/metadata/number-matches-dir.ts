import type { Fix, Proposal, RepositoryFacts } from '../../model/index.js';
import { atMetadataValue, scalarSpan } from '../findings.js';
import { pattern, titleSection } from '../readme/outline.js';
import { linkLabels } from '../readme/prose.js';
import type { Rule } from '../types.js';

/** The number the README's H1 gives (`# KEP-2033: …`), if it gives one. */
function titleNumber(proposal: Proposal, facts: RepositoryFacts): number | undefined {
  const settings = facts.profile.readme;
  const title = proposal.readme && titleSection(proposal.readme);
  if (!settings || !title) return undefined;
  const written = pattern(settings.titlePattern).exec(linkLabels(title.heading))?.groups?.number;
  return written !== undefined && /^\d+$/.test(written) ? Number(written) : undefined;
}

/**
 * The directory is right when the README's title agrees with it: then kep-number is the odd one out, and is
 * rewritten to the directory's number in the quotes it was written in.
 */
function numberFix(
  proposal: Proposal,
  facts: RepositoryFacts,
  key: string,
  dirNumber: number,
): Fix | undefined {
  const doc = proposal.metadataFile;
  if (!doc || titleNumber(proposal, facts) !== dirNumber) return undefined;
  const span = scalarSpan(doc, [key]);
  if (!span || !/^\s*\d+\s*$/.test(doc.file.text.slice(span.start, span.end))) return undefined;
  return {
    file: doc.file.path,
    description: `set ${key} to the directory's number ${dirNumber}`,
    edits: [{ start: span.start, end: span.end, text: String(dirNumber) }],
    sourceHash: doc.file.hash,
  };
}

export const numberMatchesDirRule: Rule = {
  id: 'metadata/number-matches-dir',
  description:
    'a `kep-number` that differs from the directory’s number (compared as numbers: `0752` is 752); fixed to the directory’s number when the README’s title agrees with the directory',
  rationale:
    'Links, PRR files and tracking issues are keyed by the number; two numbers for one KEP send people to the wrong place.',
  severity: 'warning',
  docs: {
    appliesTo: 'proposals whose number comes from a metadata field and whose directory name carries a number',
    profileKeys: ['layout.number', 'metadata.keys.number', 'readme.titlePattern'],
    bad: {
      kind: 'metadata',
      text: '# keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml\nkep-number: 2034',
    },
    good: {
      kind: 'metadata',
      text: '# keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml\nkep-number: 2033',
    },
  },
  fixable: true,
  check(proposal, facts) {
    const written = proposal.metadata.number;
    if (written === undefined || proposal.dirNumber === null) return [];
    const key = facts.profile.metadata.keys.number;
    if (!/^\s*\d+\s*$/.test(written)) {
      return [atMetadataValue(proposal, [key], `${key} "${written}" is not a number`)];
    }
    if (Number(written) === proposal.dirNumber) return [];
    const finding = atMetadataValue(
      proposal,
      [key],
      `${key} ${written} does not match the directory number ${proposal.dirNumber} (${proposal.dir})`,
    );
    const fix = numberFix(proposal, facts, key, proposal.dirNumber);
    return [fix ? { ...finding, fix } : finding];
  },
};
