// Reading the tracked fields (number, status, stage, latest milestone, per-stage milestones) out of one
// version of a metadata file. Thousands of versions are read per history, so a line reader handles the
// plain block-style YAML that kep.yaml files are written in, and the YAML parser is the fallback for
// anything it is unsure of (flow collections, block scalars, anchors, multi-line values, odd quoting).

/** The metadata keys (as written in the file) of the fields a history tracks. */
export interface TrackedKeys {
  number: string;
  title: string;
  status: string;
  stage: string;
  latestMilestone: string;
  milestones: string;
}

/** The tracked fields of one version of a metadata file; null is absent, empty or `~`. */
export interface TrackedFields {
  number: string | null;
  title: string | null;
  status: string | null;
  stage: string | null;
  latestMilestone: string | null;
  /** Stage → milestone; stages with an empty value are left out. */
  milestones: Record<string, string>;
}

export const NO_FIELDS: TrackedFields = Object.freeze({
  number: null,
  title: null,
  status: null,
  stage: null,
  latestMilestone: null,
  milestones: Object.freeze({}) as Record<string, string>,
});

const UNSURE = Symbol('unsure');
type Unsure = typeof UNSURE;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const NESTED_KEY_LINE = /^([ \t]+)([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * Read the tracked fields. Returns undefined when the text is not a readable mapping (then the caller
 * keeps the last known values). Like upstream's Go parser, a file with `---` lines keeps only the first
 * segment after the first such line. The line reader tolerates YAML errors in untracked fields (a history
 * holds many versions that were never valid), which the YAML fallback cannot.
 */
export async function readTrackedFields(text: string, keys: TrackedKeys): Promise<TrackedFields | undefined> {
  const lines = firstDashSegment(text.replace(/^\uFEFF/, '').split(/\r?\n/));
  const fast = readLines(lines, keys, false);
  if (fast !== UNSURE) return fast;
  const parsed = await readWithYaml(lines.join('\n'), keys);
  if (parsed) return parsed;
  // Not YAML at all: what its one-line `key: value` lines say is still the author's intent.
  const lenient = readLines(lines, keys, true);
  return lenient === UNSURE ? undefined : lenient;
}

/** The line reader alone: undefined when it is unsure (exported for tests that compare it with YAML). */
export function readTrackedFieldsByLine(text: string, keys: TrackedKeys): TrackedFields | undefined {
  const result = readLines(firstDashSegment(text.replace(/^\uFEFF/, '').split(/\r?\n/)), keys, false);
  return result === UNSURE ? undefined : result;
}

function firstDashSegment(lines: string[]): string[] {
  const first = lines.findIndex((line) => line.includes('---'));
  if (first === -1) return lines;
  const next = lines.findIndex((line, index) => index > first && line.includes('---'));
  return lines.slice(first + 1, next === -1 ? undefined : next);
}

/**
 * Strict: UNSURE at anything the YAML parser might read differently. Lenient (for text that is not valid
 * YAML): skip such lines and keep what the unambiguous ones say; UNSURE only when nothing was readable.
 */
function readLines(lines: string[], keys: TrackedKeys, lenient: boolean): TrackedFields | Unsure {
  const scalarKeys = new Map<string, keyof Omit<TrackedFields, 'milestones'>>([
    [keys.number, 'number'],
    [keys.title, 'title'],
    [keys.status, 'status'],
    [keys.stage, 'stage'],
    [keys.latestMilestone, 'latestMilestone'],
  ]);
  const out: TrackedFields = { ...NO_FIELDS, milestones: {} };
  const seen = new Set<string>();
  let current: string | undefined;
  let nestedIndent: string | undefined;
  let sawKey = false;
  for (const line of lines) {
    if (line.trim() === '' || /^[ \t]*#/.test(line)) continue;
    if (line[0] === ' ' || line[0] === '\t') {
      if (current === undefined || scalarKeys.has(current)) {
        if (lenient) continue;
        return UNSURE; // indented text before any key, or a multi-line value
      }
      if (current !== keys.milestones) continue;
      const match = NESTED_KEY_LINE.exec(line);
      if (!match) {
        if (lenient) continue;
        return UNSURE;
      }
      const [, indent, stage, raw] = match as unknown as [string, string, string, string | undefined];
      if (nestedIndent === undefined) nestedIndent = indent;
      else if (indent !== nestedIndent && !lenient) return UNSURE;
      const nestedKey = `${current}.${stage}`;
      if (seen.has(nestedKey) && !lenient) return UNSURE;
      seen.add(nestedKey);
      const value = scalar(raw);
      if (value === UNSURE) {
        if (lenient) continue;
        return UNSURE;
      }
      if (value !== null) out.milestones[stage] = value;
      else delete out.milestones[stage];
      continue;
    }
    if (line.startsWith('- ') || line === '-') {
      // A block sequence written at the key's own indentation belongs to the key above it.
      if (current === undefined || scalarKeys.has(current) || current === keys.milestones) {
        if (lenient) continue;
        return UNSURE;
      }
      continue;
    }
    const match = KEY_LINE.exec(line);
    if (!match) {
      if (lenient) {
        current = undefined;
        continue;
      }
      return UNSURE;
    }
    const [, key, raw] = match as unknown as [string, string, string | undefined];
    if (seen.has(key) && !lenient) return UNSURE; // a duplicate key: let the parser decide
    seen.add(key);
    sawKey = true;
    current = key;
    nestedIndent = undefined;
    const field = scalarKeys.get(key);
    if (field) {
      const value = scalar(raw);
      if (value !== UNSURE) out[field] = value;
      else if (!lenient) return UNSURE;
    } else if (key === keys.milestones) {
      const value = scalar(raw);
      // A flow mapping or a scalar where a mapping belongs.
      if (value !== null && !lenient) return UNSURE;
    }
  }
  return sawKey ? out : UNSURE;
}

/** A one-line scalar as written: quotes removed, a trailing comment dropped; UNSURE for anything else. */
function scalar(raw: string | undefined): string | null | Unsure {
  const text = (raw ?? '').trim();
  if (text === '' || text.startsWith('#')) return null;
  const first = text[0]!;
  if (first === '"') {
    const end = closingDoubleQuote(text);
    if (end === -1 || !restIsComment(text.slice(end + 1))) return UNSURE;
    const body = text.slice(1, end);
    if (body.includes('\\')) return UNSURE;
    return body === '' ? null : body;
  }
  if (first === "'") {
    let end = 1;
    for (;;) {
      end = text.indexOf("'", end);
      if (end === -1) return UNSURE;
      if (text[end + 1] === "'") end += 2;
      else break;
    }
    if (!restIsComment(text.slice(end + 1))) return UNSURE;
    const body = text.slice(1, end).replaceAll("''", "'");
    return body === '' ? null : body;
  }
  if ('{[&*!|>%@`'.includes(first)) return UNSURE;
  const comment = text.search(/[ \t]#/);
  const value = (comment === -1 ? text : text.slice(0, comment)).trim();
  if (/:([ \t]|$)/.test(value)) return UNSURE;
  return NULLS.has(value) ? null : value;
}

function closingDoubleQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function restIsComment(rest: string): boolean {
  return /^([ \t]+#.*)?[ \t]*$/.test(rest);
}

let loader: Promise<typeof import('../../load/yaml.js')> | undefined;

async function readWithYaml(text: string, keys: TrackedKeys): Promise<TrackedFields | undefined> {
  // Loaded on demand: a cached history never needs the parser. The loader's parse is the one `kep lint`
  // runs, bounded in size and depth, every scalar kept as its text.
  loader ??= import('../../load/yaml.js');
  const { parseYaml } = await loader;
  const doc = parseYaml({ path: '', text, hash: '' });
  if (doc.issues.length > 0 || !isRecord(doc.data)) return undefined;
  const data = doc.data;
  const value = (node: unknown): string | null => (typeof node === 'string' && node !== '' ? node : null);
  const milestones: Record<string, string> = {};
  const nested = data[keys.milestones];
  if (isRecord(nested)) {
    for (const [stage, raw] of Object.entries(nested)) {
      const milestone = value(raw);
      if (!NULLS.has(stage) && milestone !== null) milestones[stage] = milestone;
    }
  }
  return {
    number: value(data[keys.number]),
    title: value(data[keys.title]),
    status: value(data[keys.status]),
    stage: value(data[keys.stage]),
    latestMilestone: value(data[keys.latestMilestone]),
    milestones,
  };
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === 'object' && !Array.isArray(data);
}
