import type { Finding, TextEdit } from '../../model/index.js';
import { applyEdits } from '../../text/apply.js';
import {
  insertTocEdit,
  inspectToc,
  positionAt,
  type TocSettings,
  tocMatchesHeadings,
} from '../../text/toc.js';
import type { Rule } from '../types.js';

export const tocRule: Rule = {
  id: 'readme/toc',
  description: 'the table of contents is missing or differs from what mdtoc writes',
  rationale:
    'Upstream CI (hack/verify-toc.sh) regenerates every table of contents with mdtoc and fails the pull request when one differs. ' +
    'The fix writes exactly what `hack/update-toc.sh` would, so `kep lint --fix` replaces that step.',
  severity: 'warning',
  docs: {
    appliesTo:
      'every markdown file below toc.root not in the skip list (toc.skipListFile), templates included',
    profileKeys: [
      'toc.root',
      'toc.skipListFile',
      'toc.maxDepth',
      'toc.startMarker',
      'toc.endMarker',
      'toc.skipPrefix',
    ],
    bad: {
      kind: 'README',
      text: '<!-- toc -->\n- [Summary](#summary)\n<!-- /toc -->\n\n## Summary\n## Motivation',
    },
    good: {
      kind: 'README',
      text: '<!-- toc -->\n- [Summary](#summary)\n- [Motivation](#motivation)\n<!-- /toc -->\n\n## Summary\n## Motivation',
    },
  },
  upstream: true,
  appliesToTemplates: true,
  fixable: true,
  check(proposal, facts) {
    const settings = facts.profile.toc;
    const readme = proposal.readme;
    if (!settings || !readme) return [];
    const file = readme.file.path;
    if (!file.startsWith(`${settings.root}/`) || facts.tocSkipList?.has(file)) return [];
    const { text, hash } = readme.file;
    // The section tree is already parsed: when its headings give the same entries, skip the gomarkdown pass.
    if (tocMatchesHeadings(text, settings, readme.sections)) return [];
    const state = inspectToc(text, settings);
    if (state.status === 'current') return [];

    if (state.status === 'outdated') {
      const start = positionAt(text, state.start);
      const end = positionAt(text, state.end + settings.endMarker.length);
      const finding: Finding = {
        file,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        message: `table of contents differs from the headings: ${firstDifference(state.current, state.expected)}`,
      };
      if (fixHolds(text, state.edit, settings))
        finding.fix = {
          file,
          description: 'regenerate the table of contents',
          edits: [state.edit],
          sourceHash: hash,
        };
      else finding.message += MARKER_IN_HEADING;
      return [finding];
    }

    // Hostile markup that would keep mdtoc's parser busy for minutes: say so rather than hang.
    if (state.status === 'too-complex') return [{ file, line: 1, column: 1, message: state.message }];

    const finding: Finding = {
      file,
      line: 1,
      column: 1,
      message: `no table of contents: ${state.message} (${settings.startMarker} … ${settings.endMarker}); upstream's verify-toc fails without both`,
    };
    const insert =
      state.status === 'missing-start' && !new RegExp(escapeRegExp(settings.endMarker), 'i').test(text)
        ? insertTocEdit(text, settings)
        : undefined;
    if (insert && fixHolds(text, insert, settings))
      finding.fix = { file, description: 'insert a table of contents', edits: [insert], sourceHash: hash };
    else if (insert) finding.message += MARKER_IN_HEADING;
    return [finding];
  },
};

const MARKER_IN_HEADING =
  ' (not fixed automatically: a heading holds a table-of-contents marker, so the regenerated table would end early)';

/**
 * Whether the fixed text is current: a heading that holds a marker (`# <!-- /toc -->`) puts the marker into
 * the table itself, and a fix that moves the end every time would never hold. Outdated tables are rare.
 */
function fixHolds(text: string, edit: TextEdit, settings: TocSettings): boolean {
  return inspectToc(applyEdits(text, [edit]), settings).status === 'current';
}

/** The first entry that differs, for the message. */
function firstDifference(current: string, expected: string): string {
  const have = current.trim().split('\n');
  const want = expected.trim().split('\n');
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const a = have[index]?.trimEnd();
    const b = want[index]?.trimEnd();
    if (a === b) continue;
    if (b === undefined) return `entry ${index + 1} "${a!.trim()}" matches no heading`;
    if (a === undefined || a === '') return `entry ${index + 1} "${b.trim()}" is missing`;
    return `entry ${index + 1} is "${a.trim()}", expected "${b.trim()}"`;
  }
  return 'the entries differ in white space';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
