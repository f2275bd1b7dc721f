// `kep migrate`: a README brought to the current template. Each required section it lacks is inserted with
// the template's own heading and guidance, in template order, at a line boundary; no existing line changes
// but the table of contents, which is regenerated.
import { loadProposal } from '../load/proposal.js';
import type { MarkdownDocument } from '../model/index.js';
import { inFlight, matchTemplate, type TemplateHeading, templateOutline } from '../rules/readme/outline.js';
import { applyEdits } from '../text/apply.js';
import { inspectToc } from '../text/toc.js';
import { AuthorError } from './errors.js';
import { changedFile, type Plan } from './plan.js';
import { findProposal, proposalKeys, readForEdit, type Workspace } from './workspace.js';

/**
 * Plans for the proposals named (or, with none, every proposal the template applies to: those still in
 * flight, as readme/missing-section judges), only those that would change.
 */
export function planMigrations(ws: Workspace, refs: string[]): Plan[] {
  const outline = templateOutline(ws.facts);
  const template = ws.facts.template;
  if (!outline || !template)
    throw new AuthorError(
      `the ${ws.options.profile.name} profile holds no README template sections to migrate to`,
    );
  const keys = refs.length > 0 ? refs.map((ref) => findProposal(ws, ref)) : proposalKeys(ws);
  const plans: Plan[] = [];
  for (const key of keys) {
    // Metadata first: a README is only parsed when the template applies to its proposal.
    if (refs.length === 0 && !inFlight(loadProposal(ws.facts, key, { readme: 'skip' }), ws.facts)) continue;
    const proposal = loadProposal(ws.facts, key);
    if (!proposal.readme) continue;
    const read = readForEdit(ws, proposal.readmePath);
    if (read.text !== proposal.readme.file.text) continue;
    const after = migratedText(proposal.readme, template, outline.headings, outline.required, ws);
    if (after !== read.text)
      plans.push({
        proposal: key,
        files: [changedFile(proposal.readmePath, read, after)],
        metadataFiles: [],
      });
  }
  return plans;
}

function migratedText(
  doc: MarkdownDocument,
  template: MarkdownDocument,
  headings: TemplateHeading[],
  required: TemplateHeading[],
  ws: Workspace,
): string {
  const outline = templateOutline(ws.facts)!;
  const found = matchTemplate(doc, outline);
  const missing = new Set(required.filter((heading) => found.get(heading) === -1));
  if (missing.size === 0) return doc.file.text;
  const lineOffsets = offsetsOfLines(doc.file.text);
  const inserts = new Map<number, string[]>();
  let previousOffset: number | undefined;
  let previous: TemplateHeading | undefined;
  for (const heading of headings) {
    const at = found.get(heading) ?? -1;
    if (!missing.has(heading)) {
      if (at >= 0) {
        previous = heading;
        previousOffset = undefined;
      }
      continue;
    }
    let offset: number;
    if (previousOffset !== undefined) offset = previousOffset;
    else if (previous) {
      // After what follows the previous heading, up to the next heading at this one's level or above.
      const index = found.get(previous)!;
      let next = index + 1;
      while (next < doc.sections.length && doc.sections[next]!.level > heading.section.level) next++;
      const line = next < doc.sections.length ? doc.sections[next]!.line - 1 : doc.lines.length;
      offset = lineOffsets[line] ?? doc.file.text.length;
    } else {
      const title = doc.sections.find((section) => section.level === 1);
      const line = title ? title.bodyEndLine + 1 : 0;
      offset = lineOffsets[Math.min(line, doc.lines.length)] ?? doc.file.text.length;
    }
    const list = inserts.get(offset) ?? [];
    list.push(sectionText(template, heading));
    inserts.set(offset, list);
    previousOffset = offset;
  }
  const text = doc.file.text;
  const edits = [...inserts].map(([offset, parts]) => {
    const before = offset > 0 && text[offset - 1] !== '\n' ? '\n' : '';
    const separated = offset > 1 && text.slice(offset - 2, offset) !== '\n\n' && before === '' ? '\n' : '';
    return { start: offset, end: offset, text: `${before}${separated}${parts.join('')}` };
  });
  let out = applyEdits(text, edits);
  const toc = ws.options.profile.toc;
  if (toc) {
    const state = inspectToc(out, toc);
    if (state.status === 'outdated') out = applyEdits(out, [state.edit]);
  }
  return out;
}

/** A template heading's own lines (its guidance comment; its subsections are inserted on their own), then a blank line. */
function sectionText(template: MarkdownDocument, heading: TemplateHeading): string {
  const { section } = heading;
  const lines = template.lines.slice(section.line - 1, section.bodyEndLine + 1);
  while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
  return `${lines.join('\n')}\n\n`;
}

function offsetsOfLines(text: string): number[] {
  const offsets = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) offsets.push(at + 1);
  return offsets;
}
