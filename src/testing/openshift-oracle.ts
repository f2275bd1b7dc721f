/*
 * An independent oracle of the OpenShift enhancements repository's own lint jobs, written from
 * reading its scripts (openshift/enhancements at 1313bd47, the corpus commit) and re-implemented
 * here; kepkit's `--profile openshift` lint is compared against it file by file. It shares no code
 * with kepkit's loader or rules on purpose: a bug in one is not silently a bug in the other.
 *
 * Which files (the CI runs both checks only on files new in a pull request; the oracle checks every
 * file as if it were new):
 *   F1 hack/find_changed.sh: the candidates are the paths `git log --name-only` prints that match the
 *      regex `^enhancements.*\.md$` (any depth, README.md files included) and still exist as files.
 *      The oracle walks `enhancements/` for files whose name ends in `.md`.
 *   F2 hack/find_new.sh: keeps only paths absent from the base branch's tree (skipped here: all new).
 *   F3 hack/ignore_lib.sh `filter_ignored_paths`, called by template-lint.sh and metadata-lint.sh:
 *      reads `hack/lint-ignores`, splits it on whitespace, and deletes every occurrence of each entry
 *      from the space-joined list of paths (bash `${list//entry/}`). A path equal to an entry vanishes;
 *      a path merely containing an entry is mangled into a name that does not exist, so its real file
 *      is never checked either. Both count as ignored here. An entry with glob characters is expanded
 *      by the shell against the repo first (unquoted word), so here it ignores the paths it matches.
 *      The guidelines/ directory (template included) is outside `enhancements/`, so never linted.
 *
 * Template check, hack/template-lint.sh (one finding per line the script prints):
 *   T1 line 36: the required headings are the template's lines that start with `##` (levels 2 to 6),
 *      read from guidelines/enhancement_template.md of the checked repo;
 *   T2 line 37: minus every line containing the literal text `[optional]` (case-sensitive);
 *   T3 line 38: each line goes through `read` without -r: leading/trailing blanks dropped, a
 *      backslash makes the next character literal;
 *   T4 line 40: a heading is present when some line of the document (any line: front matter and
 *      code blocks included) matches the basic regular expression `^<heading>`, i.e. starts with
 *      it, case-sensitively; "### Goals and more" satisfies "### Goals", "#### Goals" does not;
 *   T5 line 42: each missing heading is one finding naming the heading line;
 *   T6 line 51: a title is present when some line starts with `# ` (one hash, a space); else one
 *      finding.
 *
 * Metadata check, hack/metadata-lint.sh line 26 runs `enhancement-tool metadata-lint <files>`,
 * tools/cmd/metadataLint.go, which for each file:
 *   M1 tools/enhancements/metadata.go NewMetaData (lines 22-38): splits the whole text on every
 *      `---` (anywhere, not only on lines of their own); fewer than two of them is one finding and
 *      the file's other metadata checks are skipped (metadataLint.go lines 46-50);
 *   M2 the text between the first and second `---`, whitespace-trimmed, is decoded with
 *      gopkg.in/yaml.v3 into {title: string; authors, reviewers, approvers, api-approvers,
 *      tracking-link: string lists}; other keys are ignored. A YAML syntax error, a duplicate key, or
 *      a value of the wrong shape (a mapping or list as the title, a single string or a mapping
 *      where a list is wanted, a mapping as a list item) is one finding and skips the rest. yaml.v3
 *      stores a scalar's text as written (`123` stays "123"); a null (empty, `~`, `null`) leaves a
 *      field empty and is dropped from a list;
 *   M3 metadataLint.go lines 52-59: the file name without its last three characters (`.md`) must
 *      equal `title` exactly;
 *   M4 metadata.go Validate lines 63-91: each tracking-link item that is `TBD`, the empty string, a
 *      string Go's net/url.Parse rejects, or a URL without a scheme is one finding; when no item is a
 *      URL with a scheme, one more finding (so a missing or empty tracking-link is one finding);
 *   M5 metadata.go lines 93-130: for each of authors, reviewers, approvers, api-approvers in that
 *      order: each `TBD` item and each empty-string item is one finding; fewer than one other item
 *      is one more finding. Any other text passes (`None`, `tbd`, a name without `@`).
 * Not checked by OpenShift's CI at all: status values, creation-date / last-updated formats,
 * see-also / replaces / superseded-by targets, the title's relation to the `# ` heading, any table
 * of contents. hack/markdownlint.sh also runs markdownlint-cli2 over the same files (with
 * .markdownlint-cli2.yaml); that style lint is out of this oracle's scope.
 */
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseAllDocuments,
  visit,
} from 'yaml';

export interface OracleFinding {
  check: 'template' | 'metadata';
  /** The missing heading line, `title`, `front-matter`, or the metadata field name. */
  what: string;
  message: string;
}

const TEMPLATE = 'guidelines/enhancement_template.md';
const IGNORES = 'hack/lint-ignores';
const PEOPLE_FIELDS = ['authors', 'reviewers', 'approvers', 'api-approvers'] as const;

/** Every linted file (repo-relative, `/`-separated) with its findings; clean files map to []. */
export function openshiftOracle(repoRoot: string): Map<string, OracleFinding[]> {
  const template = readFileSync(path.join(repoRoot, TEMPLATE), 'utf8');
  const headings = requiredHeadings(template);
  const result = new Map<string, OracleFinding[]>();
  for (const file of lintedFiles(repoRoot)) {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    result.set(file, [...templateFindings(text, headings), ...metadataFindings(file, text)]);
  }
  return result;
}

/** F1 + F3: enhancement markdown files, minus those the ignore list removes. */
export function lintedFiles(repoRoot: string): string[] {
  const files: string[] = [];
  const walk = (relativeDir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(repoRoot, relativeDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (relative.endsWith('.md') && isFileOrLinkToFile(repoRoot, relative, entry))
        files.push(relative);
    }
  };
  walk('enhancements');
  const ignores = ignoreEntries(repoRoot, files);
  return files.filter((file) => !ignores.some((entry) => file.includes(entry))).sort(byCodePoint);
}

function isFileOrLinkToFile(repoRoot: string, relative: string, entry: Dirent): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(repoRoot, relative)).isFile();
  } catch {
    return false;
  }
}

/** The ignore list's words; a word with glob characters stands for the candidate paths it matches. */
function ignoreEntries(repoRoot: string, candidates: string[]): string[] {
  const file = path.join(repoRoot, IGNORES);
  if (!existsSync(file)) return [];
  const words = readFileSync(file, 'utf8')
    .split(/[ \t\n]+/)
    .filter((word) => word !== '');
  return words.flatMap((word) => {
    if (!/[*?[]/.test(word)) return [word];
    const glob = globToRegExp(word);
    return candidates.filter((candidate) => glob.test(candidate));
  });
}

/** Shell pathname expansion: `*` and `?` do not cross `/`; `[...]` is a set. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        const set = glob.slice(i + 1, close).replace(/^!/, '^');
        source += `[${set.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

// ---- template check -------------------------------------------------------------------------

/** T1-T3: the template's required heading lines, as the script's loop variable holds them. */
export function requiredHeadings(template: string): string[] {
  return template
    .split('\n')
    .filter((line) => line.startsWith('##') && !line.includes('[optional]'))
    .map(readBuiltin);
}

/** `read` without -r into one variable: outer blanks dropped, `\x` becomes `x`. */
function readBuiltin(line: string): string {
  return line.replace(/\\(.)/g, '$1').replace(/^[ \t]+|[ \t]+$/g, '');
}

function templateFindings(text: string, headings: string[]): OracleFinding[] {
  const lines = text.split('\n');
  const findings: OracleFinding[] = [];
  for (const heading of headings) {
    const pattern = basicRegExp(`^${heading}`);
    // grep exits 2 on a pattern it cannot compile, which the script's `if !` counts as missing.
    if (!pattern || !lines.some((line) => pattern.test(line))) {
      findings.push({
        check: 'template',
        what: heading,
        message: `missing the required heading "${heading}"`,
      });
    }
  }
  if (!lines.some((line) => line.startsWith('# '))) {
    findings.push({
      check: 'template',
      what: 'title',
      message: 'missing a title (a line starting with "# ")',
    });
  }
  return findings;
}

/**
 * A POSIX basic regular expression (GNU grep's dialect) as a JavaScript one, or undefined when grep
 * would refuse it. `.`, `*`, `[...]`, a leading `^` and a trailing `$` are special; GNU's `\(`,
 * `\)`, `\{`, `\}`, `\|`, `\+`, `\?` are operators; every other character is itself.
 */
export function basicRegExp(bre: string): RegExp | undefined {
  let source = '';
  let atStart = true;
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i]!;
    const wasStart = atStart;
    atStart = false;
    if (c === '^' && i === 0) {
      source += '^';
      atStart = true;
    } else if (c === '$' && i === bre.length - 1) source += '$';
    else if (c === '.') source += '[^\\n]';
    else if (c === '*') source += wasStart ? '\\*' : '*';
    else if (c === '[') {
      const bracket = bracketExpression(bre, i);
      if (!bracket) return undefined;
      source += bracket.source;
      i = bracket.end;
    } else if (c === '\\') {
      const next = bre[++i];
      if (next === undefined) return undefined;
      if ('(){}|+?'.includes(next)) {
        source += next;
        atStart = next === '(' || next === '|';
      } else if (/[1-9]/.test(next)) source += `\\${next}`;
      else if (next === '<' || next === '>') source += '\\b';
      else if ('wWsSbB'.includes(next)) source += `\\${next}`;
      else source += escapeRegExp(next);
    } else source += escapeRegExp(c);
  }
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

function bracketExpression(bre: string, open: number): { source: string; end: number } | undefined {
  let i = open + 1;
  let source = '[';
  if (bre[i] === '^') {
    source += '^';
    i++;
  }
  if (bre[i] === ']') {
    source += '\\]';
    i++;
  }
  for (; i < bre.length; i++) {
    const c = bre[i]!;
    if (c === ']') return { source: `${source}]`, end: i };
    const posix = /^\[:([a-z]+):\]/.exec(bre.slice(i));
    if (posix) {
      const range = POSIX_CLASSES[posix[1]!];
      if (range === undefined) return undefined;
      source += range;
      i += posix[0].length - 1;
    } else source += c === '\\' || c === '[' ? `\\${c}` : c;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---- metadata check -------------------------------------------------------------------------

interface Metadata {
  title: string;
  lists: Record<(typeof PEOPLE_FIELDS)[number] | 'tracking-link', string[]>;
}

function metadataFindings(file: string, text: string): OracleFinding[] {
  const finding = (what: string, message: string): OracleFinding => ({ check: 'metadata', what, message });
  const parts = text.split('---');
  if (parts.length < 3) {
    return [finding('front-matter', 'no metadata block: the text holds fewer than two "---" delimiters')];
  }
  const decoded = decodeMetadata(goTrimSpace(parts[1]!));
  if (typeof decoded === 'string') return [finding('front-matter', `cannot read the metadata: ${decoded}`)];

  const findings: OracleFinding[] = [];
  const base = path.posix.basename(file).slice(0, -3);
  if (decoded.title !== base) {
    findings.push(finding('title', `title "${decoded.title}" differs from the file's base name "${base}"`));
  }

  let urls = 0;
  for (const link of decoded.lists['tracking-link']) {
    if (link === 'TBD') findings.push(finding('tracking-link', 'tracking-link holds TBD'));
    else if (link === '') findings.push(finding('tracking-link', 'tracking-link holds an empty string'));
    else {
      const parsed = goUrlScheme(link);
      if (parsed.error !== undefined) {
        findings.push(finding('tracking-link', `tracking-link "${link}" is not a URL: ${parsed.error}`));
      } else if (parsed.scheme === '') {
        findings.push(finding('tracking-link', `tracking-link "${link}" has no scheme`));
      } else urls++;
    }
  }
  if (urls === 0) findings.push(finding('tracking-link', 'tracking-link holds no URL'));

  for (const field of PEOPLE_FIELDS) {
    let people = 0;
    for (const value of decoded.lists[field]) {
      if (value === 'TBD') findings.push(finding(field, `${field} holds TBD`));
      else if (value === '') findings.push(finding(field, `${field} holds an empty string`));
      else people++;
    }
    if (people === 0) findings.push(finding(field, `${field} names nobody`));
  }
  return findings;
}

/** Go's strings.TrimSpace (Unicode White_Space; unlike String.prototype.trim, not U+FEFF). */
function goTrimSpace(text: string): string {
  const space = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  return text.replace(new RegExp(`^${space}+|${space}+$`, 'gu'), '');
}

class ShapeError extends Error {}

/** M2: yaml.v3's Unmarshal into the tool's struct, or the reason it fails. */
function decodeMetadata(yamlText: string): Metadata | string {
  const documents = parseAllDocuments(yamlText, { uniqueKeys: true, merge: true, prettyErrors: false });
  const metadata: Metadata = {
    title: '',
    lists: { authors: [], reviewers: [], approvers: [], 'api-approvers': [], 'tracking-link': [] },
  };
  // Unmarshal reads the first document only.
  const document = Array.isArray(documents) ? documents[0] : undefined;
  if (!document) return metadata;
  const error = document.errors[0];
  if (error) return error.message.split('\n')[0]!;
  const aliasError = anchorProblem(document);
  if (aliasError) return aliasError;

  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(document) : node);
  const isNull = (node: unknown): boolean => node == null || (isScalar(node) && node.value === null);
  const text = (node: unknown, where: string): string => {
    if (isScalar(node)) return node.source ?? String(node.value);
    throw new ShapeError(`${where}: a mapping or list where a string is wanted`);
  };
  const list = (node: unknown, field: string): string[] => {
    if (isNull(node)) return [];
    if (!isSeq(node)) throw new ShapeError(`${field}: a single value where a list is wanted`);
    return node.items
      .map(resolve)
      .filter((item) => !isNull(item))
      .map((item) => text(item, `an item of ${field}`));
  };
  const seen = new Set<string>();
  const apply = (map: unknown, fromMerge: boolean): void => {
    if (!isMap(map)) throw new ShapeError('a merge of something other than a mapping');
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = resolve(pair.key);
      if (isNull(key)) continue;
      const name = text(key, 'a key');
      const value = resolve(pair.value);
      if (name === '<<' && isScalar(key) && key.type === 'PLAIN') {
        for (const merged of isSeq(value) ? value.items.map(resolve) : [value]) apply(merged, true);
        continue;
      }
      if (fromMerge && seen.has(name)) continue;
      seen.add(name);
      if (name === 'title') metadata.title = isNull(value) ? '' : text(value, 'title');
      else if (Object.hasOwn(metadata.lists, name))
        metadata.lists[name as keyof Metadata['lists']] = list(value, name);
    }
  };
  try {
    const contents = resolve(document.contents);
    if (isNull(contents)) return metadata;
    if (!isMap(contents)) throw new ShapeError('the metadata is not a mapping');
    apply(contents as Node, false);
  } catch (caught) {
    if (caught instanceof ShapeError) return caught.message;
    throw caught;
  }
  return metadata;
}

/**
 * yaml.v3 is stricter than the `yaml` package about anchors: a name is `[A-Za-z0-9_-]+` (so
 * `**bold**` is a scanner error, not an alias), and an alias must follow its anchor.
 */
function anchorProblem(document: Document): string | undefined {
  let problem: string | undefined;
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (!ANCHOR_NAME.test(node.source)) problem = `"*${node.source}" is not an alias name`;
        else if (!node.resolve(document)) problem = `unknown anchor "${node.source}"`;
      } else if (node.anchor !== undefined && !ANCHOR_NAME.test(node.anchor)) {
        problem = `"&${node.anchor}" is not an anchor name`;
      }
      return problem ? visit.BREAK : undefined;
    },
  });
  return problem;
}

const ANCHOR_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * M4: the scheme Go's net/url.Parse finds in a string, or the reason Parse rejects it. Parse cuts
 * the fragment at the first `#`; rejects control bytes; takes a scheme `[A-Za-z][A-Za-z0-9+.-]*:`
 * (a leading `:` is an error); drops the query; treats `scheme:` without a `/` after it as opaque
 * (accepted as is); rejects a colon in a relative URL's first segment; checks the userinfo, host
 * and port after `//`; and rejects malformed `%` escapes in the path and fragment.
 */
export function goUrlScheme(raw: string): { scheme: string; error?: string } {
  const hash = raw.indexOf('#');
  const beforeFragment = hash === -1 ? raw : raw.slice(0, hash);
  const fragment = hash === -1 ? '' : raw.slice(hash + 1);
  for (let i = 0; i < beforeFragment.length; i++) {
    const code = beforeFragment.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return { scheme: '', error: 'invalid control character' };
  }
  if (beforeFragment === '*') return { scheme: '' };

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(beforeFragment);
  if (beforeFragment.startsWith(':')) return { scheme: '', error: 'missing protocol scheme' };
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : '';
  let rest = schemeMatch ? beforeFragment.slice(schemeMatch[0].length) : beforeFragment;
  const questionMarks = rest.split('?').length - 1;
  if (rest.endsWith('?') && questionMarks === 1) rest = rest.slice(0, -1);
  else if (questionMarks > 0) rest = rest.slice(0, rest.indexOf('?'));

  const fragmentError = () => (fragment !== '' ? percentError(fragment, false) : undefined);
  if (!rest.startsWith('/')) {
    if (scheme !== '') {
      const error = fragmentError();
      return error === undefined ? { scheme } : { scheme, error };
    }
    if ((rest.split('/')[0] ?? '').includes(':')) {
      return { scheme, error: 'first path segment in URL cannot contain colon' };
    }
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash === -1 ? '' : rest.slice(slash);
    const error = authorityError(authority);
    if (error !== undefined) return { scheme, error };
  }
  const error = percentError(rest, false) ?? fragmentError();
  return error === undefined ? { scheme } : { scheme, error };
}

function authorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = authority.slice(at + 1);
  let hostError: string | undefined;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close === -1) return "missing ']' in host";
    if (!/^(:[0-9]*)?$/.test(host.slice(close + 1)))
      return `invalid port "${host.slice(close + 1)}" after host`;
    const zone = host.slice(0, close).indexOf('%25');
    hostError =
      zone === -1
        ? percentError(host, true)
        : (percentError(host.slice(0, zone), true) ?? percentError(host.slice(close), true));
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !/^:[0-9]*$/.test(host.slice(colon))) {
      return `invalid port "${host.slice(colon)}" after host`;
    }
    hostError = percentError(host, true);
  }
  if (hostError !== undefined) return hostError;
  if (at === -1) return undefined;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'invalid userinfo';
  return percentError(userinfo, false);
}

/** Malformed `%` escapes; in a host also `%` escapes of ASCII bytes and characters a host cannot hold. */
function percentError(text: string, host: boolean): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return `invalid URL escape "${text.slice(i, i + 3)}"`;
      if (host && Number.parseInt(hex[0]!, 16) < 8 && hex !== '25') return `invalid URL escape "%${hex}"`;
      i += 2;
    } else if (host && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) {
      return `invalid character "${c}" in host name`;
    }
  }
  return undefined;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
