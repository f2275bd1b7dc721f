import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../edit/fixes.js';
import { checkProposal, checkRepositoryScan } from '../lint/engine.js';
import { lintRepository } from '../lint/index.js';
import { loadRepository } from '../load/index.js';
import type { Finding, ProcessProfile } from '../model/index.js';
import { kubernetesProfile } from '../profile/index.js';
import type { Rule } from '../rules/index.js';
import { SKELETON, skeletonRepo, type TempRepo } from './fixtures.js';

/**
 * Run one rule over every proposal (and the repository scan) of a temp repo, under the Kubernetes profile unless
 * told; `current` is the release treated as current when `release` is judged as past (`kep release --current`).
 */
export function runRule(
  rule: Rule,
  repo: TempRepo,
  options: { release?: string; current?: string; profile?: ProcessProfile } = {},
): Finding[] {
  const loaded = loadRepository(repo.root, {
    profile: options.profile ?? kubernetesProfile,
    release: options.release,
  });
  if (options.current) loaded.currentRelease = options.current;
  const findings: Finding[] = [];
  for (const proposal of loaded.proposals)
    findings.push(...(checkProposal(proposal, loaded, [rule])[rule.id] ?? []));
  findings.push(...(checkRepositoryScan(loaded, loaded, [rule])[rule.id] ?? []));
  return findings;
}

/**
 * Expect exactly these findings (file and line, and the column and a message fragment when given); of several
 * findings on one line, the expectation matches one with its column and message.
 */
export function expectFindings(
  findings: Finding[],
  expected: { file: string; line: number; column?: number; message?: RegExp }[],
): void {
  const actual = findings.map((f) => `${f.file}:${f.line}`).sort();
  assert.deepEqual(
    actual,
    expected.map((e) => `${e.file}:${e.line}`).sort(),
    `findings: ${JSON.stringify(findings, null, 1)}`,
  );
  for (const e of expected) {
    const onLine = findings.filter((f) => f.file === e.file && f.line === e.line);
    const hit =
      onLine.find(
        (f) => (e.column === undefined || f.column === e.column) && (!e.message || e.message.test(f.message)),
      ) ?? onLine[0]!;
    if (e.column !== undefined) assert.equal(hit.column, e.column, `column of ${e.file}:${e.line}`);
    if (e.message) assert.match(hit.message, e.message);
  }
}

/** Lint a temp repo with every rule (no cache) and return its error diagnostics as `rule file:line:column`. */
export async function lintErrors(
  repo: TempRepo,
  options: { release?: string; profile?: ProcessProfile } = {},
): Promise<string[]> {
  const result = await lintRepository(repo.root, {
    cache: false,
    release: options.release,
    profile: options.profile ?? kubernetesProfile,
  });
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`);
}

/**
 * A file of a rule test case: its text, a function of the skeleton's text (or `''` for a new file), or null to
 * remove it. A path without a `/` is a file of the skeleton KEP (`kep.yaml`, `README.md`).
 */
export type CaseFile = string | ((skeleton: string) => string) | null;

export interface RuleTestCase {
  /** What the case shows; the test's name. */
  name: string;
  files?: Record<string, CaseFile>;
  /** A repo to start from instead of the skeleton (e.g. `() => corpusRepo([...])`). */
  repo?: () => TempRepo;
  release?: string;
  profile?: ProcessProfile;
}

export interface ExpectedFinding {
  /** Repo-relative, or a skeleton file's name; defaults to the case's one file. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  /** A fragment of the message, or a pattern it matches. */
  message?: string | RegExp;
}

export interface InvalidRuleTestCase extends RuleTestCase {
  errors: ExpectedFinding[];
  /**
   * The text after `kep lint --fix` applies the findings' fixes (through the real applier in src/edit/): of the
   * case's one file, or by file. `null`: the findings carry no fix. Required when they carry one.
   */
  output?: string | Record<string, string> | null;
}

/** Expand a skeleton file's name (no `/`) to its repo-relative path. */
function casePath(file: string): string {
  return file.includes('/') ? file : `${SKELETON.dir}/${file}`;
}

function setUp(testCase: RuleTestCase): TempRepo {
  const repo = testCase.repo ? testCase.repo() : skeletonRepo();
  try {
    for (const [name, content] of Object.entries(testCase.files ?? {})) {
      const file = casePath(name);
      if (content === null) repo.remove(file);
      else if (typeof content === 'string') repo.write(file, content);
      else {
        let before = '';
        try {
          before = repo.read(file);
        } catch {}
        repo.write(file, content(before));
      }
    }
  } catch (error) {
    repo.dispose();
    throw error;
  }
  return repo;
}

/** The one file a case names, for expectations and output that leave the file out. */
function onlyFile(testCase: RuleTestCase, what: string): string {
  const files = Object.keys(testCase.files ?? {});
  if (files.length !== 1)
    throw new Error(`${testCase.name}: name the file of ${what}; the case has ${files.length} files`);
  return casePath(files[0]!);
}

const describe = (f: Finding) =>
  `${f.file}:${f.line}:${f.column}${f.endLine ? `-${f.endLine}` : ''} ${f.message}`;

/**
 * ESLint's RuleTester for kepkit rules: each valid case must give no finding, each invalid case exactly the
 * findings listed, matched by rule id, file, line and column (so two findings on one line are told apart),
 * and the end line and message when given; `output` checks the fixes by applying them. Each case is a test.
 */
export function ruleTester(
  rule: Rule,
  cases: { valid: RuleTestCase[]; invalid: InvalidRuleTestCase[] },
): void {
  for (const testCase of cases.valid) {
    test(`${rule.id}: valid — ${testCase.name}`, () => {
      const repo = setUp(testCase);
      try {
        const findings = runRule(rule, repo, testCase);
        assert.deepEqual(findings.map(describe), [], `${rule.id} should report nothing`);
      } finally {
        repo.dispose();
      }
    });
  }
  for (const testCase of cases.invalid) {
    test(`${rule.id}: invalid — ${testCase.name}`, () => {
      const repo = setUp(testCase);
      try {
        const findings = runRule(rule, repo, testCase);
        const key = (file: string, line: number, column: number) => `${rule.id} ${file}:${line}:${column}`;
        const expected = testCase.errors.map((e) => ({
          ...e,
          file: e.file ? casePath(e.file) : onlyFile(testCase, 'the expected findings'),
        }));
        assert.deepEqual(
          findings.map((f) => key(f.file, f.line, f.column)).sort(),
          expected.map((e) => key(e.file, e.line, e.column)).sort(),
          `findings:\n${findings.map(describe).join('\n')}`,
        );
        const unmatched = [...findings];
        for (const e of expected) {
          const at = unmatched.findIndex(
            (f) =>
              f.file === e.file &&
              f.line === e.line &&
              f.column === e.column &&
              (e.endLine === undefined || f.endLine === e.endLine) &&
              (e.message === undefined ||
                (typeof e.message === 'string' ? f.message.includes(e.message) : e.message.test(f.message))),
          );
          assert.ok(
            at !== -1,
            `no finding at ${e.file}:${e.line}:${e.column} with ${e.endLine ? `end line ${e.endLine} and ` : ''}message ${String(e.message)}; findings:\n${findings.map(describe).join('\n')}`,
          );
          unmatched.splice(at, 1);
        }
        checkOutput(repo, testCase, findings);
      } finally {
        repo.dispose();
      }
    });
  }
}

function checkOutput(repo: TempRepo, testCase: InvalidRuleTestCase, findings: Finding[]): void {
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
  if (testCase.output === undefined) {
    assert.equal(fixes.length, 0, `${testCase.name}: the findings carry fixes; state the output`);
    return;
  }
  if (testCase.output === null) {
    assert.equal(fixes.length, 0, `${testCase.name}: expected no fix`);
    return;
  }
  assert.ok(fixes.length > 0, `${testCase.name}: expected fixes, the findings carry none`);
  for (const outcome of applyFixes(repo.root, fixes))
    assert.deepEqual(outcome.skipped, [], `fixes of ${outcome.file} were skipped`);
  const outputs =
    typeof testCase.output === 'string'
      ? { [onlyFile(testCase, 'the output')]: testCase.output }
      : Object.fromEntries(Object.entries(testCase.output).map(([file, text]) => [casePath(file), text]));
  for (const [file, text] of Object.entries(outputs)) assert.equal(repo.read(file), text, `fixed ${file}`);
}
