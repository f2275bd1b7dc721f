import path from 'node:path';
import type { Finding, RepositoryFacts } from '../../model/index.js';
import type { Rule } from '../types.js';
import { proseLines } from './prose.js';

export const linksRule: Rule = {
  id: 'readme/links',
  description: 'a relative link to a file or KEP directory that does not exist (says where a moved KEP is)',
  rationale:
    'KEPs link to each other and to their own files; directories get renamed (the 2020 move to NNNN-name directories broke many links) and the link silently 404s on GitHub. Inline links, images and reference definitions with a relative target (`../1234-foo`, `/keps/…`, `diagram.png`) are resolved like GitHub does (from the README’s directory, `/` from the repo root) and checked on disk; links in HTML comments, code and inline code, anchors-only and URLs are left alone. When the target names a KEP number that lives elsewhere, the message says where. Applies to every KEP. Example: "[KEP-1234](../1234-old-name/README.md)" after the KEP was renamed.',
  severity: 'warning',
  docs: {
    appliesTo:
      'relative links, images and reference definitions of every KEP’s README (URLs are not fetched)',
    profileKeys: ['layout.proposalsRoot', 'layout.templateDirs'],
    bad: { kind: 'README', text: 'See [the resize KEP](../1287-in-place-pod-update).' },
    good: { kind: 'README', text: 'See [the resize KEP](../1287-in-place-update-pod-resources).' },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    if (!doc) return [];
    // Most links are URLs or anchors: jump from one `](` or `]:` to the next in the raw text and look at a
    // line only when a target there may be a relative path. Comments and code (the prose view) are only
    // looked at for a relative link that is missing.
    const text = doc.file.text;
    const lines = doc.lines;
    const base = path.posix.dirname(doc.file.path);
    const findings: Finding[] = [];
    let prose: readonly string[] | undefined;
    let index = 0;
    let lineStart = 0;
    let checkedLine = -1;
    for (let at = nextLinkMark(text, 0); at !== -1; at = nextLinkMark(text, at + 2)) {
      NOT_A_PATH.lastIndex = at + 2;
      if (NOT_A_PATH.test(text)) continue;
      for (
        let newline = text.indexOf('\n', lineStart);
        newline !== -1 && newline < at;
        newline = text.indexOf('\n', lineStart)
      ) {
        index++;
        lineStart = newline + 1;
      }
      if (index === checkedLine) continue;
      checkedLine = index;
      const line = lines[index]!.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
      for (const link of linksIn(line)) {
        const target = resolve(link.target, base);
        if (target === undefined || exists(facts, target)) continue;
        prose ??= proseLines(doc);
        if (!(prose[index] ?? '').startsWith(link.target, link.column - 1)) continue;
        findings.push({
          file: doc.file.path,
          line: index + 1,
          column: link.column,
          endLine: index + 1,
          endColumn: link.column + link.target.length,
          message: missingMessage(facts, link.target, target),
        });
      }
    }
    return findings;
  },
};

/** The offset of the next `](` (inline link) or `]:` (definition) from `from`, or -1. */
function nextLinkMark(text: string, from: number): number {
  for (let at = text.indexOf(']', from); at !== -1; at = text.indexOf(']', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next === 40 || next === 58) return at;
  }
  return -1;
}

/** What follows a link mark when the target is a URL (any scheme) or an anchor: nothing to check on disk. */
const NOT_A_PATH = /[ \t]*<?(?:[a-z][a-z0-9+.-]*:|#)/iy;

const INLINE = /\]\(\s*(<[^>]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)/g;
// A footnote (`[^1]: text`) is not a link definition.
const DEFINITION = /^\s{0,3}\[(?!\^)[^\]]+\]:\s*(<[^>]*>|\S+)/;

function linksIn(line: string): { target: string; column: number }[] {
  const links: { target: string; column: number }[] = [];
  for (const match of line.matchAll(INLINE)) {
    const target = match[1]!;
    links.push({ target, column: match.index + match[0].length - target.length + 1 });
  }
  const definition = DEFINITION.exec(line);
  if (definition) {
    const target = definition[1]!;
    links.push({ target, column: definition[0].length - target.length + 1 });
  }
  return links;
}

/** The repo-relative path a link target points at, or undefined when it is not a relative file link. */
function resolve(target: string, base: string): string | undefined {
  let value = target.startsWith('<') ? target.slice(1, -1) : target;
  // URLs, anchors, and targets that are themselves markup (a link pasted as a link's target) are not files.
  if (value === '' || value.startsWith('#') || value.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(value))
    return undefined;
  if (/[[\]]|:\/\//.test(value)) return undefined;
  value = value.replace(/[#?].*$/, '');
  if (value === '') return undefined;
  try {
    value = decodeURIComponent(value);
  } catch {
    // Keep the text as written: a stray % is a valid file name character.
  }
  const joined = value.startsWith('/') ? value.slice(1) : path.posix.join(base, value);
  return path.posix.normalize(joined).replace(/\/+$/, '') || '.';
}

interface Tree {
  directories: Set<string>;
  byNumber: Map<number, string>;
}

const trees = new WeakMap<Set<string>, Tree>();

/** Directories of the walked files, and proposal directories by number: built once per run. */
function tree(facts: RepositoryFacts): Tree {
  let found = trees.get(facts.files);
  if (!found) {
    const directories = new Set<string>();
    for (const file of facts.files) {
      for (let cut = file.lastIndexOf('/'); cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
        const dir = file.slice(0, cut);
        if (directories.has(dir)) break;
        directories.add(dir);
      }
    }
    const byNumber = new Map<number, string>();
    for (const dir of facts.proposalDirs) {
      const number = /^(\d+)-/.exec(path.posix.basename(dir))?.[1];
      if (number && !facts.profile.layout.templateDirs.includes(dir)) byNumber.set(Number(number), dir);
    }
    found = { directories, byNumber };
    trees.set(facts.files, found);
  }
  return found;
}

function exists(facts: RepositoryFacts, target: string): boolean {
  if (target === '.' || target.startsWith('../')) return target === '.';
  const root = facts.profile.layout.proposalsRoot;
  if (target === root || target.startsWith(`${root}/`))
    return facts.files.has(target) || tree(facts).directories.has(target);
  return facts.pathExists(target);
}

function missingMessage(facts: RepositoryFacts, written: string, target: string): string {
  if (/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:io|com|org|dev|net)(?:\/|$)/i.test(written))
    return `link "${written}" has no scheme, so GitHub resolves it as a path in the repository; add https://`;
  if (target.startsWith('../')) return `link "${written}" points outside the repository`;
  // The innermost directory named like a KEP (`1234-name`) is the one the link means.
  const named = target
    .split('/')
    .reverse()
    .map((segment) => /^(\d+)-(.*)$/.exec(segment))
    .find((match) => match !== null);
  const number = named?.[1];
  const elsewhere = number ? tree(facts).byNumber.get(Number(number)) : undefined;
  // Only a KEP that shares a word of the link's directory name is the same KEP moved (numbers were reused
  // by early directories).
  if (elsewhere && !target.startsWith(elsewhere) && sharesWord(named![2]!, path.posix.basename(elsewhere)))
    return `link "${written}" points to ${target}, which does not exist; KEP ${Number(number)} is at ${elsewhere}`;
  return `link "${written}" points to ${target}, which does not exist`;
}

function sharesWord(a: string, b: string): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 2 && !/^\d+$/.test(word));
  const other = new Set(words(b));
  return words(a).some((word) => other.has(word));
}
