// The plain reader against an oracle: the loader's full parse (the `yaml` package, failsafe schema, converted
// by toPlain), never the plain reader itself. Whatever the plain reader returns must be exactly that.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusRoot, projectRoot } from '../testing/fixtures.js';
import { parsePlainYaml } from './plain-yaml.js';
import { parseYaml } from './yaml.js';

const sharedCorpus = path.resolve(projectRoot, '../shared/corpus');

/** The oracle: what the loader's full parser makes of the text, or undefined when it reports an issue. */
function fullParse(text: string): { data: unknown } | undefined {
  const doc = parseYaml({ path: 'x.yaml', text, hash: '' }, { plainReader: false });
  return doc.issues.length === 0 ? { data: doc.data } : undefined;
}

/** Plain data with ordinary prototypes: both sides build objects without one, compared here by content. */
const canonical = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The plain reader gives up, or agrees with the full parse exactly. */
function agrees(text: string, label = text): 'plain' | 'full' {
  const plain = parsePlainYaml(text);
  if (plain === undefined) return 'full';
  const full = fullParse(text);
  assert.ok(full, `${label}: the full parser rejects what the plain reader took:\n${text}`);
  assert.deepStrictEqual(canonical(plain), canonical(full.data), `${label}:\n${text}`);
  return 'plain';
}

/** Files under a directory (absolute), whose repo-relative path passes. */
function filesUnder(dir: string, wanted: (relative: string) => boolean): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((file) => file.split(path.sep).join('/'))
    .filter(wanted)
    .sort()
    .map((file) => path.join(dir, file));
}

/** The YAML between a leading `---` line and the next `---` line, or undefined when there is none. */
function frontMatter(markdown: string): string | undefined {
  const lines = markdown.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && line.replace(/\r$/, '') === '---');
  return end === -1 ? undefined : `${lines.slice(1, end).join('\n')}\n`;
}

test('plain YAML reader: the shapes metadata files use agree with the full parser; the rest is left to it', () => {
  const same = [
    'title: A KEP\nkep-number: 0752\nauthors:\n  - "@a"\n  - \'@b\'\n',
    'authors:\n- "@a" # a comment\n- b\nowning-sig: sig-node\n',
    'reviewers:\napprovers: []\nsee-also: ~\nreplaces: null\nstage: ""\nstatus:   implementable   # note\n',
    'milestone:\n  alpha: "v1.30"\n  beta: v1.31\n  stable:\nmilestone2: {}\n',
    'feature-gates:\n  - name: Gate\n    components:\n      - kube-apiserver\n  - name: Other\n    components: [kubelet, "kube-proxy"]\n',
    'feature-gates:\n- name: Gate\n  components:\n  - kubelet\ndisable-supported: true\n',
    'see-also: [\n  "keps/a",\n  "keps/b",\n]\nmetrics: [a, b,]\n',
    'metrics:\n  - first_metric\n    - `label` continued here\n',
    'title: "Quotes \\"inside\\" and \\\\ back"\nother: \'it\'\'s\'\nurl: https://example.com/a#b\n',
    'creation-date: 2019-01-02\nlast-updated: 1.30\nkep-number: 2033\n',
    '# leading comment\n\ntitle: x\n\n# trailing\n',
    'title: C# and more\n',
    '- top-level sequence\n- second\n',
  ];
  for (const text of same) assert.equal(agrees(text), 'plain', text);
  const unsupported = [
    'title: x\n---\nother: y\n',
    'anchor: &a x\nalias: *a\n',
    'text: |\n  block\n',
    'text: >\n  folded\n',
    'map: {a: b}\n',
    'title: x\ntitle: y\n',
    '"quoted key": x\n',
    'title:\tx\n',
    'text: a\n\n  continued after a blank line\n',
    'text: a\n  # comment\n  continued\n',
    'title: a: b\n',
    'list: [a, [b]]\n',
    'tagged: !!str 1\n',
    '',
  ];
  for (const text of unsupported) assert.equal(parsePlainYaml(text), undefined, text);
});

test('plain YAML reader: nesting deeper than 64 levels is left to the bounded loader', () => {
  const nested = (levels: number) =>
    `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v\n`;
  assert.equal(agrees(nested(60)), 'plain');
  assert.equal(parsePlainYaml(nested(70)), undefined);
  assert.equal(parseYaml({ path: 'x.yaml', text: nested(70), hash: '' }).issues[0]?.kind, 'too-deep');
});

const CORPORA: { name: string; texts: () => { file: string; text: string }[]; minimumPlain: number }[] = [
  {
    name: 'kubernetes kep.yaml',
    texts: () => filesUnder(path.join(corpusRoot, 'keps'), (file) => file.endsWith('/kep.yaml')).map(read),
    minimumPlain: 600,
  },
  {
    name: 'kubernetes PRR files',
    texts: () =>
      filesUnder(path.join(corpusRoot, 'keps/prod-readiness'), (file) => file.endsWith('.yaml')).map(read),
    minimumPlain: 400,
  },
  {
    name: 'openshift front matter',
    texts: () =>
      filesUnder(path.join(sharedCorpus, 'openshift-enhancements/enhancements'), (file) =>
        file.endsWith('.md'),
      ).flatMap(frontMatterOf),
    minimumPlain: 200,
  },
  {
    name: 'tekton front matter',
    texts: () =>
      filesUnder(
        path.join(sharedCorpus, 'tekton-community/teps'),
        (file) => file.endsWith('.md') && !file.includes('/'),
      ).flatMap(frontMatterOf),
    minimumPlain: 100,
  },
  {
    name: 'gateway-api metadata.yaml',
    texts: () =>
      filesUnder(path.join(sharedCorpus, 'gateway-api/geps'), (file) => file.endsWith('metadata.yaml')).map(
        read,
      ),
    minimumPlain: 40,
  },
];

function read(file: string): { file: string; text: string } {
  return { file, text: readFileSync(file, 'utf8') };
}

function frontMatterOf(file: string): { file: string; text: string }[] {
  const text = frontMatter(readFileSync(file, 'utf8'));
  return text === undefined ? [] : [{ file, text }];
}

for (const corpus of CORPORA) {
  test(`plain YAML reader: every ${corpus.name} it reads, it reads as the full parser does`, (t) => {
    const texts = corpus.texts();
    let plain = 0;
    for (const { file, text } of texts) if (agrees(text, file) === 'plain') plain++;
    t.diagnostic(`${corpus.name}: ${plain} of ${texts.length} take the plain path`);
    // A file the reader gives up on is only slower; the count guards against a reader that gives up on all.
    assert.ok(plain >= corpus.minimumPlain, `${corpus.name}: only ${plain} of ${texts.length} read plainly`);
  });
}

test('plain YAML reader: escapes in quoted scalars decode as YAML decodes them', () => {
  const cases: [text: string, value: string][] = [
    ['t: "say \\"hi\\""\n', 'say "hi"'],
    ['t: "back\\\\slash"\n', 'back\\slash'],
    ['t: "two\\nlines"\n', 'two\nlines'],
    ['t: "tab\\there"\n', 'tab\there'],
    ['t: "a\\/b"\n', 'a/b'],
    ['t: "caf\\u00e9"\n', 'café'],
    ['t: "\\x41\\u263A\\U0001F600"\n', 'A☺😀'],
    ["t: 'it''s'\n", "it's"],
    ['t: \'back\\slash "quoted"\'\n', 'back\\slash "quoted"'],
  ];
  for (const [text, value] of cases) {
    const oracle = fullParse(text)?.data as { t: unknown } | undefined;
    assert.equal(oracle?.t, value, `the oracle itself: ${text}`);
    agrees(text);
  }
  // The common escapes are the plain reader's own, not handed to the full parser: their values, too.
  const own: [text: string, value: unknown][] = [
    ['t: "\\"x\\""\n', '"x"'],
    ['t: "a\\\\b"\n', 'a\\b'],
    ['t: "a\\nb"\n', 'a\nb'],
    ["t: 'it''s'\n", "it's"],
    ["t: [\"a\\\"b\", 'c''d']\n", ['a"b', "c'd"]],
  ];
  for (const [text, value] of own) {
    assert.equal(agrees(text), 'plain', text);
    assert.deepStrictEqual(canonical(parsePlainYaml(text)), { t: value }, text);
  }
});

test('plain YAML reader: only spaces are trimmed, and a comment needs a space before it, as in YAML', () => {
  const cases = [
    'k: a\u3000 #b\n',
    'k: v\u00a0\n',
    'k: [a\u3000, b]\n',
    'k:\n  - \u00a0a\n',
    'k: a\n  \u3000b\n',
    'k: a\ufeff\n',
    'k: "x"#c\n',
    "k: 'x'#c\n",
    'k: []#c\n',
    'k: {}#c\n',
    'k: "x" #c\n',
  ];
  for (const text of cases) agrees(text);
  assert.deepStrictEqual(canonical(parsePlainYaml('k: a\u3000 #b\n')), { k: 'a\u3000' });
  assert.equal(parsePlainYaml('k: "x"#c\n'), undefined);
});

/** Scalars as metadata writes them, with the characters that need quoting or escaping. */
const scalarText = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '"',
    "'",
    '\\',
    '#',
    ':',
    '-',
    ',',
    '[',
    ']',
    '{',
    '}',
    'é',
    '/',
    'n',
    'u',
  ),
  maxLength: 12,
});

/** How a scalar is written: plain, single-quoted (`''` for `'`), or double-quoted with escapes. */
const written = fc.oneof(
  scalarText,
  scalarText.map((s) => `'${s.replaceAll("'", "''")}'`),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\/', '\\u00e9', '\\x41', '\\ ', '\\0', '\\e'),
        scalarText.map((s) => s.replaceAll('\\', '').replaceAll('"', '')),
      ),
      { maxLength: 5 },
    )
    .map((parts) => `"${parts.join('')}"`),
);

test('plain YAML reader: generated mappings, sequences and flow lists agree with the full parser', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('title', 'a-b', 'k.1', 'x_y'), written), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.array(written, { maxLength: 3 }),
      (pairs, items) => {
        const keys = new Set<string>();
        let text = '';
        for (const [key, value] of pairs) {
          if (keys.has(key)) continue;
          keys.add(key);
          text += `${key}: ${value}\n`;
        }
        text += `list:\n${items.map((item) => `  - ${item}\n`).join('')}`;
        text += `flow: [${items.join(', ')}]\n`;
        agrees(text);
      },
    ),
    { numRuns: 2000 },
  );
});
