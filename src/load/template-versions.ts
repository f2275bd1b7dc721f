// The template a proposal was written to: the version its git history names (see TemplateHistory), parsed
// once per thread when a proposal first needs it.
import type {
  MarkdownDocument,
  Proposal,
  RepositoryFacts,
  TemplateHistory,
  TemplateVersion,
} from '../model/index.js';
import { countLines, MAX_MARKDOWN_LINES } from './files.js';
import { parseMarkdown } from './markdown.js';

/** Give the facts `templateVersionOf`, answered from the history (texts of the versions needed included). */
export function withTemplateVersions(facts: RepositoryFacts, history: TemplateHistory): void {
  const current = facts.template;
  const parsed = new Map<string, TemplateVersion | undefined>();
  const version = (blob: string): TemplateVersion | undefined => {
    if (parsed.has(blob)) return parsed.get(blob);
    const text = history.texts?.[blob];
    const written = history.versions[blob];
    // The current template's own text is the current template, whatever commit wrote it; a version over the
    // line limit is not parsed, as the current template would not be.
    const usable =
      text !== undefined &&
      written &&
      text !== current?.file.text &&
      countLines(text, MAX_MARKDOWN_LINES) <= MAX_MARKDOWN_LINES;
    const found = usable ? { doc: templateDocument(facts, blob, text), ...written } : undefined;
    parsed.set(blob, found);
    return found;
  };
  facts.templateVersionOf = (proposal: Proposal) => {
    const entry = history.proposals[proposal.dir];
    // Not in the history (a new proposal), or moved in the work tree since: it is written to today's template.
    if (!entry || (proposal.metadata.latestMilestone ?? null) !== entry.latestMilestone) return undefined;
    return version(entry.blob);
  };
}

/** A version's text parsed as the template's file; its blob id is its content hash. */
function templateDocument(facts: RepositoryFacts, blob: string, text: string): MarkdownDocument {
  return parseMarkdown({ path: facts.profile.template, text, hash: blob });
}
