// Suppressions end to end: inline directives in markdown and YAML, the baseline file, --max-warnings, and what
// the reporters show of what was suppressed — on copies of corpus KEPs and of the whole corpus.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import {
  corpusRepo,
  corpusRoot,
  lineOf,
  makeWritable,
  runKep,
  sigsFile,
  type TempRepo,
  tempRepo,
  withDisposed,
} from '../testing/fixtures.js';
import { sarifValidator } from '../testing/sarif-schema.js';

const FAIRNESS = 'keps/sig-api-machinery/1040-priority-and-fairness';
const IMMUTABLE = 'keps/sig-api-machinery/1101-immutable-fields';
const ROOTLESS = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const STACK = /^\s+at /m;
const readText = (file: string) => readFileSync(file, 'utf8');

/**
 * Two corpus KEPs and what the corpus reports on them: in 1040's kep.yaml an unknown participating group (line
 * 10), a missing PRR file (the latest-milestone line) and a stale milestone; its README's unticked signoff
 * checklist; 1101's missing image (README) and see-also entry (kep.yaml).
 */
function twoKeps(): TempRepo {
  return corpusRepo([FAIRNESS, IMMUTABLE]);
}

const lintJson = (repo: TempRepo, ...args: string[]) => {
  const run = runKep(['lint', '--repo', repo.root, '--format', 'json', ...args]);
  assert.doesNotMatch(run.stderr, STACK);
  return { ...run, diagnostics: JSON.parse(run.stdout) as Diagnostic[] };
};
const rulesAt = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`);
/** Insert a line before the given 1-based line of a file. */
const insertLine = (repo: TempRepo, file: string, line: number, text: string) => {
  const lines = repo.read(file).split('\n');
  lines.splice(line - 1, 0, text);
  repo.write(file, lines.join('\n'));
};

test('inline: kep-disable-line and kep-disable-next-line in kep.yaml, a kep-disable range in the README', () =>
  withDisposed(twoKeps(), (repo) => {
    const before = lintJson(repo).diagnostics;
    const yaml = `${FAIRNESS}/kep.yaml`;
    const readme = `${IMMUTABLE}/README.md`;
    assert.deepEqual(rulesAt(before.filter((d) => d.file === yaml || d.file === readme)).sort(), [
      `metadata/latest-milestone-stage ${yaml}:36`,
      `metadata/participating-sig ${yaml}:10`,
      `readme/links ${readme}:409`,
    ]);
    repo.edit(yaml, '- wg-multitenancy', '- wg-multitenancy # kep-disable-line metadata/participating-sig');
    insertLine(
      repo,
      yaml,
      36,
      '  # kep-disable-next-line metadata -- stable shipped before the milestone moved',
    );
    insertLine(repo, readme, 408, '<!-- kep-disable readme/links -- the image was never committed -->');
    const after = lintJson(repo);
    assert.equal(after.status, 0, after.stderr);
    assert.deepEqual(
      rulesAt(after.diagnostics).filter((row) => row.includes(yaml) || row.includes(readme)),
      [],
    );
    // The rest is untouched, and the summary counts what was suppressed.
    assert.equal(after.diagnostics.length, before.length - 3);
    const stylish = runKep(['lint', '--repo', repo.root, '--no-color']);
    const left = after.diagnostics.length;
    assert.match(
      stylish.stdout,
      new RegExp(`✖ ${left} problems \\(0 errors, ${left} warnings\\), 3 suppressed\\n$`),
    );
  }));

test('inline: a group range ended by kep-enable, every rule; a comment in a code fence is no directive', () =>
  withDisposed(twoKeps(), (repo) => {
    const readme = `${FAIRNESS}/README.md`;
    const unticked = '- [ ] (R) Test plan is in place';
    const heading = lineOf(repo.read(readme), '## Release Signoff Checklist');
    insertLine(repo, readme, heading, '<!-- kep-disable readme/* -->');
    insertLine(repo, readme, lineOf(repo.read(readme), unticked) + 1, '<!-- kep-enable readme -->');
    assert.deepEqual(rulesAt(lintJson(repo).diagnostics.filter((d) => d.file === readme)), []);
    // Ended before the finding, the range hides nothing: the finding is back and the range is "unused".
    repo.edit(readme, '<!-- kep-enable readme -->\n', '');
    insertLine(repo, readme, heading + 1, '<!-- kep-enable readme -->');
    assert.deepEqual(rulesAt(lintJson(repo).diagnostics.filter((d) => d.file === readme)), [
      `lint/unused-suppression ${readme}:${heading}`,
      `readme/signoff-checklist ${readme}:${lineOf(repo.read(readme), unticked)}`,
    ]);
    // Inside a fence the same comment is text: the finding stays, and the fence is not "unused" either.
    repo.edit(readme, '<!-- kep-disable readme/* -->', '```\n<!-- kep-disable -->\n```');
    repo.edit(readme, '<!-- kep-enable readme -->\n', '');
    assert.deepEqual(rulesAt(lintJson(repo).diagnostics.filter((d) => d.file === readme)), [
      `readme/signoff-checklist ${readme}:${lineOf(repo.read(readme), unticked)}`,
    ]);
    // Without ids, every rule; a group in YAML.
    const yaml = `${FAIRNESS}/kep.yaml`;
    insertLine(repo, yaml, 1, '# kep-disable-next-line');
    repo.edit(yaml, '- wg-multitenancy', '- wg-multitenancy # kep-disable-line metadata');
    insertLine(repo, yaml, lineOf(repo.read(yaml), 'stable: "v1.29"'), '  # kep-disable-next-line');
    assert.deepEqual(rulesAt(lintJson(repo).diagnostics.filter((d) => d.file === yaml)), [
      `lint/unused-suppression ${yaml}:1`,
    ]);
  }));

test('a suppression that hides nothing is lint/unused-suppression, an unknown rule lint/unknown-rule, at the directive', () =>
  withDisposed(twoKeps(), (repo) => {
    const readme = `${IMMUTABLE}/README.md`;
    repo.write(
      readme,
      `<!-- kep-disable-next-line readme/toc -->\n<!-- kep-disable readme/tocc -->\n${repo.read(readme)}`,
    );
    const { diagnostics, status } = lintJson(repo);
    const atDirectives = diagnostics.filter((d) => d.file === readme && d.line <= 2);
    assert.deepEqual(
      atDirectives.map((d) => `${d.rule} ${d.severity} ${d.line}:${d.column} ${d.message}`),
      [
        `lint/unused-suppression warning 1:1 kep-disable-next-line readme/toc suppresses nothing on the next line; remove it`,
        `lint/unknown-rule warning 2:1 kep-disable names "readme/tocc", which is no rule or group (see kep rules)`,
      ],
    );
    assert.equal(status, 0);
    // Both are rules like any other: --rule switches them, kep rules lists them.
    assert.deepEqual(
      lintJson(repo, '--rule', 'lint=off').diagnostics.filter((d) => d.rule.startsWith('lint/')),
      [],
    );
    assert.equal(lintJson(repo, '--rule', 'lint/unknown-rule=error').status, 1);
    assert.match(
      runKep(['rules', 'lint']).stdout,
      /lint\/unused-suppression \(warning\)[\s\S]*lint\/unknown-rule/,
    );
  }));

test('inline directives apply to cached results too: the second run answers from the cache with the same output', () =>
  withDisposed(twoKeps(), (repo) => {
    insertLine(repo, `${IMMUTABLE}/README.md`, 409, '<!-- kep-disable-next-line readme/links -->');
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
    try {
      const env = { ...process.env, KEPKIT_CACHE_DIR: cacheDir };
      const first = runKep(['lint', '--repo', repo.root, '--format', 'sarif'], { env });
      const second = runKep(['lint', '--repo', repo.root, '--format', 'sarif', '--timing'], { env });
      assert.match(second.stderr, /every proposal came from the cache/);
      assert.equal(second.stdout, first.stdout);
      const results = JSON.parse(second.stdout).runs[0].results as {
        ruleId: string;
        suppressions?: unknown;
      }[];
      assert.deepEqual(
        results.filter((r) => r.suppressions).map((r) => [r.ruleId, r.suppressions]),
        [['readme/links', [{ kind: 'inSource' }]]],
      );
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }));

test('--fix applies no fix of a suppressed finding', () =>
  withDisposed(corpusRepo([ROOTLESS]), (repo) => {
    const readme = `${ROOTLESS}/README.md`;
    repo.edit(readme, '- [Summary](#summary)', '- [Summary](#sumary)');
    assert.ok(lintJson(repo).diagnostics.some((d) => d.rule === 'readme/toc' && d.fix));
    repo.write(readme, `<!-- kep-disable readme/toc -->\n${repo.read(readme)}`);
    const text = repo.read(readme);
    const run = lintJson(repo, '--fix');
    assert.doesNotMatch(run.stderr, /fixed/);
    assert.equal(repo.read(readme), text);
    assert.deepEqual(
      run.diagnostics.filter((d) => d.rule === 'readme/toc' || d.rule.startsWith('lint/')),
      [],
    );
  }));

test('baseline: write, rerun clean, a new finding is reported, a fixed one says the count can be lowered, prune', () =>
  withDisposed(twoKeps(), (repo) => {
    const all = lintJson(repo).diagnostics;
    const written = runKep(['lint', '--repo', repo.root, '--baseline-write', '--no-color']);
    assert.equal(written.status, 0, written.stderr);
    assert.match(
      written.stderr,
      new RegExp(
        `kep: kep-baseline.json: wrote ${all.length} findings in ${new Set(all.map((d) => d.file)).size} files`,
      ),
    );
    assert.equal(written.stdout, `✔ no problems, ${all.length} suppressed\n`);
    const baseline = JSON.parse(repo.read('kep-baseline.json'));
    assert.deepEqual(Object.keys(baseline), Object.keys(baseline).sort());
    assert.deepEqual(baseline[`${FAIRNESS}/kep.yaml`], {
      'metadata/latest-milestone-stage': { count: 1 },
      'metadata/participating-sig': { count: 1 },
    });
    // Rewriting an unchanged repository changes no byte.
    const text = repo.read('kep-baseline.json');
    runKep(['lint', '--repo', repo.root, '--baseline-write']);
    assert.equal(repo.read('kep-baseline.json'), text);

    const clean = runKep(['lint', '--repo', repo.root, '--format', 'json']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, '[]\n');
    assert.equal(clean.stderr.trim(), '');

    // A second missing see-also entry: the first is in the baseline, the one beyond it is reported.
    const yaml = `${IMMUTABLE}/kep.yaml`;
    repo.edit(yaml, 'see-also:\n', 'see-also:\n  - "/keps/sig-x/0000-missing"\n');
    const grown = lintJson(repo);
    assert.deepEqual(rulesAt(grown.diagnostics), [`metadata/see-also-exists ${yaml}:24`]);
    assert.deepEqual(lintJson(repo, '--no-baseline').diagnostics.length, all.length + 1);

    // A finding fixed: the count can be lowered, said on stderr; --baseline-prune lowers it and only that.
    const fairness = `${FAIRNESS}/kep.yaml`;
    repo.edit(fairness, '- wg-multitenancy\n', '');
    const lowered = lintJson(repo);
    assert.match(
      lowered.stderr,
      new RegExp(
        `kep: kep-baseline.json: ${fairness} metadata/participating-sig allows 1, found 0; run kep lint --baseline-prune to lower it\n`,
      ),
    );
    const pruned = runKep(['lint', '--repo', repo.root, '--baseline-prune', '--format', 'json']);
    assert.match(pruned.stderr, /kep: kep-baseline.json: lowered 1 count to the findings left/);
    const after = JSON.parse(repo.read('kep-baseline.json'));
    assert.equal(after[fairness]['metadata/participating-sig'], undefined);
    assert.deepEqual(after[yaml], baseline[yaml], 'prune never raises a count');
    assert.doesNotMatch(lintJson(repo).stderr, /allows/);
  }));

test('baseline: --baseline FILE names another file, --no-baseline ignores it; a PATH run keeps the counts it did not judge', () =>
  withDisposed(twoKeps(), (repo) => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'kepkit-baseline-'));
    try {
      const file = path.join(elsewhere, 'ci-baseline.json');
      assert.equal(runKep(['lint', '--repo', repo.root, '--baseline', file, '--baseline-write']).status, 0);
      assert.equal(lintJson(repo, '--baseline', file).diagnostics.length, 0);
      // The repo's own is absent: without --baseline everything is reported.
      assert.ok(lintJson(repo).diagnostics.length > 0);
      assert.equal(lintJson(repo, '--baseline', file, '--no-baseline').diagnostics.length > 0, true);
      const missing = runKep(['lint', '--repo', repo.root, '--baseline', path.join(elsewhere, 'none.json')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /--baseline .*none\.json: no such file/);

      // Written for one proposal only, the other's counts stay as they were.
      repo.edit(`${IMMUTABLE}/kep.yaml`, 'see-also:\n', 'see-also:\n  - "/keps/sig-x/0000-missing"\n');
      repo.edit(`${FAIRNESS}/kep.yaml`, '- wg-multitenancy\n', '');
      const run = runKep([
        'lint',
        path.join(repo.root, IMMUTABLE),
        '--repo',
        repo.root,
        '--baseline',
        file,
        '--baseline-write',
      ]);
      assert.equal(run.status, 0, run.stderr);
      const counts = JSON.parse(readText(file));
      assert.deepEqual(counts[`${IMMUTABLE}/kep.yaml`], { 'metadata/see-also-exists': { count: 2 } });
      assert.deepEqual(counts[`${FAIRNESS}/kep.yaml`]['metadata/participating-sig'], { count: 1 });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }));

test('baseline over a copy of the whole corpus: kep lint reports 0 findings, and is clean in every format', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-corpus-'));
  try {
    cpSync(corpusRoot, root, { recursive: true });
    cpSync(sigsFile, path.join(root, 'sigs.yaml'));
    mkdirSync(path.join(root, '.git'));
    makeWritable(root);
    const repo = tempRepo(root);
    const before = lintJson(repo).diagnostics;
    assert.ok(before.length > 1000, `${before.length} findings in the corpus copy`);
    assert.equal(runKep(['lint', '--repo', root, '--baseline-write']).status, 0);
    const after = lintJson(repo);
    assert.equal(after.status, 0, after.stderr);
    assert.deepEqual(after.diagnostics, []);
    const sarif = runKep(['lint', '--repo', root, '--format', 'sarif']);
    const log = JSON.parse(sarif.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.runs[0].results.length, before.length);
    assert.ok(
      log.runs[0].results.every(
        (r: { suppressions?: { kind: string }[] }) => r.suppressions?.[0]?.kind === 'external',
      ),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('baseline: a hostile or broken kep-baseline.json is a clear error naming it (exit 2), never a stack trace', () =>
  withDisposed(twoKeps(), (repo) => {
    const expectError = (message: RegExp, ...args: string[]) => {
      const run = runKep(['lint', '--repo', repo.root, ...args]);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, STACK);
      assert.equal(run.stdout, '');
    };
    repo.write(
      'kep-baseline.json',
      '{\n  "keps/a/README.md": {\n    "readme/toc": { "count": "3" }\n  }\n}\n',
    );
    expectError(
      /^kep: kep-baseline\.json:3:30: "keps\/a\/README\.md" → "readme\/toc" → "count": .*expected number/m,
    );
    repo.write('kep-baseline.json', '{"a": {"b": {"count": 1}},');
    expectError(/^kep: kep-baseline\.json:1:27: invalid JSON/m);
    repo.write('kep-baseline.json', Buffer.from([0x7b, 0x00, 0x7d]));
    expectError(/^kep: kep-baseline\.json: binary file/m);
    repo.remove('kep-baseline.json');
    symlinkSync('/etc/passwd', repo.file('kep-baseline.json'));
    expectError(/^kep: kep-baseline\.json: leads outside the repository/m);
    repo.remove('kep-baseline.json');
    writeFileSync(
      repo.file('kep-baseline.json'),
      `{"a": {"b": {"count": 1}}, "pad": "${'x'.repeat(17 * 1024 * 1024)}"}`,
    );
    expectError(/^kep: kep-baseline\.json: file is 17\.0 MB, over the 16 MB limit/m);
    // Rewriting replaces a broken one (a merge conflict, say), and says so.
    repo.write('kep-baseline.json', '<<<<<<< HEAD\n');
    const rewritten = runKep(['lint', '--repo', repo.root, '--baseline-write']);
    assert.equal(rewritten.status, 0, rewritten.stderr);
    assert.match(rewritten.stderr, /kep-baseline\.json:1:1: invalid JSON.*; replacing it/);
    expectError(/choose one/, '--baseline-write', '--no-baseline');
  }));

test('--max-warnings N: exit 1 when more than N warnings remain, with a message; suppressed ones do not count', () =>
  withDisposed(twoKeps(), (repo) => {
    insertLine(repo, `${FAIRNESS}/README.md`, 96, '<!-- kep-disable-next-line readme/signoff-checklist -->');
    const warnings = lintJson(repo).diagnostics.filter((d) => d.severity === 'warning').length;
    assert.equal(lintJson(repo).status, 0);
    const over = runKep(['lint', '--repo', repo.root, '--max-warnings', String(warnings - 1)]);
    assert.equal(over.status, 1);
    assert.match(
      over.stderr,
      new RegExp(`kep: ${warnings} warnings, more than --max-warnings ${warnings - 1} allows`),
    );
    assert.equal(runKep(['lint', '--repo', repo.root, '--max-warnings', String(warnings)]).status, 0);
    // --quiet hides warnings; they still count.
    const quiet = runKep(['lint', '--repo', repo.root, '--quiet', '--max-warnings', '0', '--format', 'json']);
    assert.equal(quiet.status, 1);
    assert.equal(quiet.stdout, '[]\n');
    // Suppressing one brings the count down to the limit.
    repo.edit(
      `${IMMUTABLE}/kep.yaml`,
      /^see-also:/m,
      '# kep-disable-next-line metadata/see-also-exists\nsee-also:',
    );
    assert.equal(runKep(['lint', '--repo', repo.root, '--max-warnings', String(warnings - 1)]).status, 1);
    const bad = runKep(['lint', '--repo', repo.root, '--max-warnings', 'many']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-warnings many: expected a number of warnings/);
  }));

test('sarif: suppressed findings are results with suppressions inSource or external, and the log validates', () =>
  withDisposed(twoKeps(), (repo) => {
    insertLine(repo, `${IMMUTABLE}/README.md`, 409, '<!-- kep-disable-next-line readme/links -->');
    repo.write(
      'kep-baseline.json',
      JSON.stringify({ [`${FAIRNESS}/kep.yaml`]: { 'metadata/participating-sig': { count: 1 } } }),
    );
    const run = runKep(['lint', '--repo', repo.root, '--format', 'sarif']);
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number; suppressions?: unknown }[];
    const suppressed = results.filter((r) => r.suppressions);
    assert.deepEqual(
      suppressed.map((r) => [r.ruleId, r.suppressions]),
      [
        ['metadata/participating-sig', [{ kind: 'external' }]],
        ['readme/links', [{ kind: 'inSource' }]],
      ],
    );
    // Their rules are driver rules like the others.
    const ids = log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const r of suppressed) assert.equal(ids[r.ruleIndex], r.ruleId);
    assert.ok(results.length > suppressed.length);
  }));
