import type { Finding } from '../../model/index.js';
import type { Rule } from '../types.js';
import { inFlight, pattern, templateNote, templateOutline, titleSection } from './outline.js';
import { linkLabels } from './prose.js';

export const titleRule: Rule = {
  id: 'readme/title',
  description: 'the H1 is not `KEP-<number>: <title>`, has a wrong number, or differs from kep.yaml’s title',
  rationale:
    'The H1 is what GitHub, search and links show for a KEP. A wrong or placeholder number ("KEP-NNNN", a neighbour’s number) is reported on every KEP; a missing H1, another form ("# My feature" from templates before 2020) or a title that disagrees with kep.yaml only on KEPs still moving (readme/missing-section’s scope), since old KEPs were written to older templates. Titles agree when, ignoring case, punctuation, plurals and spaces, one contains the other or they share half their words (kep.yaml often holds a short form or a rewording). Example: "# KEP-2322: Suspend Jobs" in keps/sig-apps/2232-suspend-jobs.',
  severity: 'warning',
  docs: {
    appliesTo:
      'a wrong or placeholder number on every KEP; a missing H1, another form or a differing title on moving KEPs',
    profileKeys: ['readme.titlePattern', 'readme.titleFormat', 'metadata.keys.title', 'rules.readme/title'],
    bad: { kind: 'README', text: '# KEP-2322: Suspend Jobs   (in keps/sig-apps/2232-suspend-jobs)' },
    good: { kind: 'README', text: '# KEP-2232: Suspend Jobs' },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    // The profile's `match: line-prefix` mode (OpenShift's template-lint): some line must start with `# `.
    if (facts.profile.ruleOptions['readme/title']?.match === 'line-prefix') {
      if (!doc || doc.lines.some((line) => line.startsWith('# '))) return [];
      return [
        { file: doc.file.path, line: 1, column: 1, message: 'no title line (a line starting with "# ")' },
      ];
    }
    const settings = facts.profile.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !settings || !outline) return [];
    const moving = inFlight(proposal, facts);
    const title = titleSection(doc);
    const number = proposal.number;
    const expected = settings.titleFormat
      .replace('{number}', number === null ? '<number>' : String(number))
      .replace('{title}', proposal.metadata.title ?? '<title>');
    if (!title) {
      return moving
        ? [{ file: doc.file.path, line: 1, column: 1, message: `no title heading; expected "# ${expected}"` }]
        : [];
    }
    const at = (message: string): Finding[] => [
      { file: doc.file.path, line: title.line, column: title.column, message },
    ];
    // A linked number (`[KEP-3077](…): …`) reads the same as a plain one.
    const text = linkLabels(title.heading);
    const match = pattern(settings.titlePattern).exec(text);
    const written = match?.groups?.number;
    if (!match || written === undefined) {
      return moving ? at(`title "${title.heading}" is not in the form "${expected}"`) : [];
    }
    if (number !== null && (!/^\d+$/.test(written) || Number(written) !== number)) {
      return at(
        `title names ${match[0].slice(0, match[0].indexOf(written) + written.length)}, but this is KEP ${number}`,
      );
    }
    if (outline.title && match.groups?.title === outline.title.title)
      return at(
        `title is still the template’s placeholder "${outline.title.title}"${templateNote(outline.version)}`,
      );
    const metadataTitle = proposal.metadata.title;
    if (moving && metadataTitle && !titlesAgree(match.groups?.title ?? '', metadataTitle)) {
      return at(
        `title "${match.groups?.title ?? ''}" disagrees with ${facts.profile.metadata.keys.title} "${metadataTitle}" in ${facts.profile.layout.metadataFile}`,
      );
    }
    return [];
  },
};

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => word.replace(/s$/, ''));
}

/**
 * Whether a README title and the metadata title name the same thing: ignoring case, punctuation, plurals
 * and spaces one contains the other, or they share at least half their words. kep.yaml often holds a
 * short form or a rewording; what matters is a title of another KEP or of the template.
 */
function titlesAgree(heading: string, metadata: string): boolean {
  const a = words(heading);
  const b = words(metadata);
  const joinedA = a.join('');
  const joinedB = b.join('');
  if (joinedA.includes(joinedB) || joinedB.includes(joinedA)) return true;
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared * 2 >= left.size + right.size - shared;
}
