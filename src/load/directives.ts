// Inline suppression comments: `<!-- kep-disable … -->` in markdown, `# kep-disable-line …` in YAML. They are
// read from the structure the parsers already see, so that a comment inside a code fence, a YAML string or a
// block scalar is text, not a directive.
import { Lexer } from 'yaml';
import type { Proposal, SourceFile, SuppressionDirective } from '../model/index.js';
import { METADATA_LIMITS } from './plain-yaml.js';

/** Directives read per file at most: a file of nothing but comments must not cost more than its parse. */
export const MAX_DIRECTIVES_PER_FILE = 1000;
/** Rule ids kept per directive, and the longest id kept: anything longer names no rule anyway. */
const MAX_RULES_PER_DIRECTIVE = 100;
const MAX_RULE_ID_LENGTH = 200;

/** `kep-disable[-line|-next-line]` or `kep-enable`, then the rule list, then an optional `-- reason`. */
const DIRECTIVE = /^kep-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

/** Whether a text can hold a directive at all: almost no file does, and those are never scanned. */
function mayHoldDirectives(text: string): boolean {
  return text.includes('kep-disable') || text.includes('kep-enable');
}

/** A comment's text (without `<!--`/`-->` or `#`) as a directive, or undefined when it is none. */
export function parseDirectiveText(
  comment: string,
): Pick<SuppressionDirective, 'kind' | 'rules'> | undefined {
  const match = DIRECTIVE.exec(comment.trim());
  if (!match) return undefined;
  const kind = match[1] as SuppressionDirective['kind'];
  // ESLint's convention: ` -- ` starts a free-text reason.
  const list = (match[2] ?? '').split(/(?:^|\s)--(?:\s|$)/)[0]!;
  const rules = list
    .split(/[\s,]+/)
    .filter((id) => id !== '')
    .slice(0, MAX_RULES_PER_DIRECTIVE)
    .map((id) => id.slice(0, MAX_RULE_ID_LENGTH));
  return { kind, rules };
}

/**
 * Add the directives of one HTML block of a markdown file (`parseMarkdown` hands each over): comments that start
 * one of its lines. A comment in a code fence or an indented code block is code, not an HTML block; one inside
 * a paragraph's line is prose about directives. `line` is the block's 0-based first line.
 */
export function addHtmlBlockDirectives(
  found: SuppressionDirective[],
  block: { content: string; line: number },
  lines: readonly string[],
  path: string,
): void {
  const { content } = block;
  if (found.length >= MAX_DIRECTIVES_PER_FILE || !mayHoldDirectives(content)) return;
  for (const comment of content.matchAll(/<!--([\s\S]*?)-->/g)) {
    const before = content.slice(0, comment.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    if (before.slice(lineStart).trim() !== '') continue;
    const directive = parseDirectiveText(comment[1]!);
    if (!directive) continue;
    const line = block.line + countNewlines(before);
    const column = (lines[line]?.indexOf('<!--') ?? -1) + 1 || 1;
    found.push({ file: path, line: line + 1, column, ...directive });
    if (found.length === MAX_DIRECTIVES_PER_FILE) return;
  }
}

/** Token texts of the YAML lexer that stand for no source text. */
const LEXER_MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The directives of a YAML file: its comments, as the yaml library's lexer tells them from quoted strings and
 * block scalars. `# kep-disable-line` ends a line it applies to; `# kep-disable-next-line` stands on its own.
 */
export function yamlDirectives(file: SourceFile): SuppressionDirective[] {
  // A file over the metadata limit is not parsed, so it is not lexed for comments either.
  if (!mayHoldDirectives(file.text) || file.text.length > METADATA_LIMITS.maxBytes) return [];
  const found: SuppressionDirective[] = [];
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for (const token of new Lexer().lex(file.text)) {
    if (LEXER_MARKERS.has(token)) continue;
    const start = offset;
    offset += token.length;
    if (token[0] === '#') {
      const directive = parseDirectiveText(token.slice(1));
      if (directive) {
        found.push({ file: file.path, line, column: start - lineStart + 1, ...directive });
        if (found.length === MAX_DIRECTIVES_PER_FILE) return found;
      }
    }
    // Block scalars and multi-line strings are one token: count the line breaks inside them too.
    for (let at = token.indexOf('\n'); at !== -1; at = token.indexOf('\n', at + 1)) {
      line++;
      lineStart = start + at + 1;
    }
  }
  return found;
}

/** Every directive in a proposal's own files: its metadata (or front matter), its README, its PRR file. */
export function proposalDirectives(proposal: Proposal): SuppressionDirective[] {
  const { readme, metadataFile, prr } = proposal;
  const yaml = metadataFile ? yamlDirectives(metadataFile.file) : [];
  const prrs = prr ? yamlDirectives(prr.file.file) : [];
  // The README's were found while it was parsed (a front matter's lines are YAML to it, not markdown).
  if (yaml.length === 0 && prrs.length === 0) return readme?.directives ?? [];
  return [...yaml, ...(readme?.directives ?? []), ...prrs];
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
