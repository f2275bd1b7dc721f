import assert from 'node:assert/strict';
import { checkProposal, checkRepositoryScan } from '../lint/engine.js';
import { lintRepository } from '../lint/index.js';
import { loadRepository } from '../load/index.js';
import type { Finding, ProcessProfile } from '../model/index.js';
import { kubernetesProfile } from '../profile/index.js';
import type { Rule } from '../rules/index.js';
import type { TempRepo } from './fixtures.js';

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
