import type {
  Finding,
  MarkdownDocument,
  Proposal,
  ReadmeSettings,
  RepositoryFacts,
} from '../../model/index.js';
import type { Rule } from '../types.js';
import { literalPrefix, pattern, targetsCurrentRelease } from './outline.js';
import { fenceStarts, visibleLines } from './prose.js';

function mayOccur(text: string, source: string): boolean {
  const prefix = literalPrefix(source);
  return prefix === '' || text.includes(prefix);
}

/**
 * Whether every occurrence of `needle` is plainly inside an HTML comment: after a `<!--` with no `-->`, and no
 * backtick or tilde fence between them (code could make the `<!--` text rather than a comment).
 */
function onlyInComments(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    const open = text.lastIndexOf('<!--', at);
    if (open === -1 || text.lastIndexOf('-->', at) > open) return false;
    const between = text.slice(open, at);
    if (between.includes('`') || between.includes('~~~')) return false;
  }
  return true;
}

export const unresolvedRule: Rule = {
  id: 'readme/unresolved',
  description:
    'an `<<[UNRESOLVED …]>>` block (in the text or in fenced code) in an implementable or implemented KEP; an unterminated block anywhere',
  rationale:
    'The template marks open debates with <<[UNRESOLVED …]>> … <<[/UNRESOLVED]>>; a KEP approved as implementable (or done) should have settled them, and the release team checks for them by hand. Blocks inside HTML comments are not blocks (the template’s own example sits in a comment), but blocks in fenced code are: the template shows the markers in a fence, and authors copy that form around real open questions. Open blocks are reported at their opening line in KEPs whose status is implementable or implemented or whose latest-milestone is the current release; an opening without a closing marker, or a closing marker without an opening, is reported whatever the status. Example: "<<[UNRESOLVED beta criteria]>>" left in an implementable KEP.',
  severity: 'warning',
  docs: {
    appliesTo:
      'open blocks in KEPs whose status is settled (readme.settledStatuses) or that target the current release; unterminated blocks and stray closing markers in every KEP; HTML comments are not searched',
    profileKeys: ['readme.unresolved', 'readme.settledStatuses'],
    bad: {
      kind: 'README',
      text: '```\n<<[UNRESOLVED beta criteria]>>\nShould beta wait for two releases?\n<<[/UNRESOLVED]>>\n```',
    },
    good: { kind: 'README', text: 'Beta waits for two releases of alpha feedback.' },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const settings = facts.profile.readme;
    if (!doc || !settings) return [];
    const text = doc.file.text;
    // A cheap search for the markers' literal start ("<<[") first: most READMEs have none.
    const { open: opening, close: closing } = settings.unresolved;
    if (!mayOccur(text, opening) && !mayOccur(text, closing)) return [];
    // Most READMEs that have the markers only keep the template's example of them, in an HTML comment.
    const prefix = literalPrefix(opening);
    if (prefix !== '' && prefix === literalPrefix(closing) && onlyInComments(text, prefix)) return [];
    if (!pattern(opening).test(text) && !pattern(closing).test(text)) return [];
    return findBlocks(proposal, facts, doc, settings);
  },
};

/**
 * The line-by-line search, apart from the quick checks above that answer for most READMEs: the engine keeps
 * a small, hot function optimised instead of recompiling a large one each time a rare path first runs.
 */
function findBlocks(
  proposal: Proposal,
  facts: RepositoryFacts,
  doc: MarkdownDocument,
  settings: ReadmeSettings,
  fenceScoped = false,
): Finding[] {
  // matchAll works on a copy of a global pattern, so these shared instances stay stateless.
  const open = pattern(settings.unresolved.open, 'g');
  const close = pattern(settings.unresolved.close, 'g');
  // Fenced code counts: the template shows the block in a fence, and authors copy that form.
  const lines = visibleLines(doc);
  const fences = fenceStarts(doc);
  let fence = -1;
  let outsideFence = 0;
  const status = proposal.metadata.status;
  const settled =
    status !== undefined && settings.settledStatuses.includes(status)
      ? `a KEP that is ${status}`
      : targetsCurrentRelease(proposal, facts)
        ? `a KEP targeting ${facts.release}`
        : undefined;
  const findings: Finding[] = [];
  const stack: { line: number; column: number }[] = [];
  // A line holds a marker only if it holds the literal text both markers start with (`<<[` in Kubernetes).
  const marker = sharedStart(
    literalPrefix(settings.unresolved.open),
    literalPrefix(settings.unresolved.close),
  );
  const neverClosed = (opening: { line: number; column: number }) =>
    findings.push({
      file: doc.file.path,
      ...opening,
      message: 'unresolved block is never closed with <<[/UNRESOLVED]>>',
    });
  for (let index = 0; index < lines.length; index++) {
    if (fenceScoped && fences[index] !== fence) {
      if (fence !== -1) for (const opening of stack.splice(outsideFence)) neverClosed(opening);
      fence = fences[index]!;
      outsideFence = stack.length;
    }
    const line = lines[index]!;
    if (marker !== '' && !line.includes(marker)) continue;
    // Plain loops: spreading match lists that may be empty gives arrays of changing element kinds, and
    // the optimised rule was thrown away and rebuilt seven times on the corpus.
    const markers: { opens: boolean; column: number }[] = [];
    for (const match of line.matchAll(open)) markers.push({ opens: true, column: match.index + 1 });
    for (const match of line.matchAll(close)) markers.push({ opens: false, column: match.index + 1 });
    if (markers.length > 1) markers.sort((a, b) => a.column - b.column);
    for (const marker of markers) {
      if (marker.opens) {
        stack.push({ line: index + 1, column: marker.column });
        continue;
      }
      const opening = stack.pop();
      if (!opening) {
        findings.push({
          file: doc.file.path,
          line: index + 1,
          column: marker.column,
          message: 'closing <<[/UNRESOLVED]>> without an opening <<[UNRESOLVED]>>',
        });
      } else if (settled && stack.length === 0) {
        findings.push({
          file: doc.file.path,
          ...opening,
          message: `unresolved block (until line ${index + 1}) in ${settled}`,
        });
      }
    }
  }
  // A block opened in code and never closed would swallow every block after it: then each code block is
  // a scope of its own (a block may still span several code blocks when it is closed).
  if (!fenceScoped && stack.some((opening) => fences[opening.line - 1] !== -1))
    return findBlocks(proposal, facts, doc, settings, true);
  for (const opening of stack) neverClosed(opening);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function sharedStart(a: string, b: string): string {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}
