// The example repository (examples/enhancements) is what the README runs on: its valid proposals must stay
// clean under every rule, and its broken ones must produce exactly the findings listed in examples/README.md.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { exampleRepo, examplesRoot, projectRoot, runKep, type TempRepo } from './testing/fixtures.js';

interface JsonDiagnostic {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  kep: number | null;
}

/** Directories and files that must have no finding from any rule. */
const VALID = [
  'keps/NNNN-kep-template/',
  'keps/README.md',
  'keps/sig-node/5101-pod-log-budgets/',
  'keps/sig-node/5230-image-prefetch-hints/',
  'keps/sig-storage/5177-snapshot-retention-windows/',
  'keps/prod-readiness/sig-node/5101.yaml',
  'keps/prod-readiness/sig-node/5230.yaml',
  'keps/prod-readiness/sig-node/5355.yaml',
];

/** The (rule, file) rows of the table in examples/README.md, whether or not the rule exists yet. */
function intendedFindings(): { rule: string; file: string }[] {
  const text = readFileSync(path.join(projectRoot, 'examples/README.md'), 'utf8');
  const rows: { rule: string; file: string }[] = [];
  for (const match of text.matchAll(/^\| `([^`]+)` \| `([a-z-]+\/[a-z-]+)` \|/gm)) {
    rows.push({ file: match[1]!, rule: match[2]! });
  }
  return rows;
}

const pair = (d: { rule: string; file: string }): string => `${d.rule}  ${d.file}`;

let repo: TempRepo;
let diagnostics: JsonDiagnostic[];
let ruleIds: Set<string>;

before(() => {
  repo = exampleRepo();
  const rules = runKep(['rules', '--json']);
  assert.equal(rules.status, 0, rules.stderr);
  ruleIds = new Set((JSON.parse(rules.stdout) as { id: string }[]).map((rule) => rule.id));
  const lint = runKep(['lint', '--repo', repo.root, '--format', 'json']);
  assert.equal(lint.status, 1, `exit status of kep lint on the examples; stderr: ${lint.stderr}`);
  diagnostics = JSON.parse(lint.stdout) as JsonDiagnostic[];
});

after(() => repo.dispose());

test('examples/README.md lists the intended findings, each naming an existing file', () => {
  const intended = intendedFindings();
  assert.ok(intended.length >= 10, `only ${intended.length} rows parsed from examples/README.md`);
  for (const { file } of intended) {
    assert.doesNotThrow(() => readFileSync(path.join(examplesRoot, file)), `${file} is listed but missing`);
  }
});

test('the broken proposals produce exactly the listed findings, for every rule that exists', () => {
  // A listed rule that does not exist yet is checked once it lands; a finding of any existing rule must be listed.
  const expected = intendedFindings()
    .filter((row) => ruleIds.has(row.rule))
    .map(pair);
  const actual = diagnostics.map(pair);
  assert.deepEqual([...new Set(actual)].sort(), [...new Set(expected)].sort());
});

test('every finding is in a broken proposal: the valid proposals and the template have none from any rule', () => {
  const inValid = diagnostics.filter((d) => VALID.some((prefix) => d.file.startsWith(prefix)));
  assert.deepEqual(
    inValid.map((d) => `${pair(d)}:${d.line} ${d.message}`),
    [],
    'findings in files that are meant to be valid',
  );
  const brokenDirs = new Set(intendedFindings().map((row) => path.posix.dirname(row.file)));
  const elsewhere = diagnostics.filter((d) => !brokenDirs.has(path.posix.dirname(d.file)));
  assert.deepEqual(
    elsewhere.map((d) => `${pair(d)}:${d.line} ${d.message}`),
    [],
  );
});

test('findings carry positions and the KEP number', () => {
  for (const d of diagnostics) {
    assert.ok(d.line >= 1 && d.column >= 1, `position of ${pair(d)}`);
    if (d.rule !== 'layout/missing-metadata') assert.equal(typeof d.kep, 'number', `kep of ${pair(d)}`);
  }
  const numberMismatch = diagnostics.find((d) => d.rule === 'metadata/number-matches-dir');
  assert.equal(numberMismatch?.line, 2);
});

test('kep lint on examples/enhancements itself exits 1 with readable output', () => {
  const run = runKep(['lint', '--repo', examplesRoot, '--no-color'], { cwd: projectRoot });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '');
  for (const { file, rule } of intendedFindings().filter((row) => ruleIds.has(row.rule))) {
    assert.ok(run.stdout.includes(file), `stylish output names ${file}`);
    assert.ok(run.stdout.includes(rule), `stylish output names ${rule}`);
  }
  assert.match(run.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
  assert.ok(!run.stdout.includes('\u001b['), 'no colour codes with --no-color');
});

test('kep toc --write changes no table of contents but the stale one of KEP-5355', (t) => {
  if (runKep(['toc', '--help']).status !== 0) {
    t.skip('kep toc is not available yet');
    return;
  }
  const copy = exampleRepo();
  try {
    const stale = 'keps/sig-node/5355-container-restart-reasons/README.md';
    const run = runKep(['toc', '--write', '--repo', copy.root]);
    assert.equal(run.status, 0, run.stderr);
    const markdown = readdirSync(path.join(examplesRoot, 'keps'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .map((file) => `keps/${file.split(path.sep).join('/')}`);
    assert.ok(markdown.length >= 12, `only ${markdown.length} markdown files found`);
    const changed = markdown.filter(
      (file) => copy.read(file) !== readFileSync(path.join(examplesRoot, file), 'utf8'),
    );
    assert.deepEqual(changed, [stale]);
    assert.match(copy.read(stale), /^ {2}- \[Reason vocabulary\]\(#reason-vocabulary\)$/m);
  } finally {
    copy.dispose();
  }
});
