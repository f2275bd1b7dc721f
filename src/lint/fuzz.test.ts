// Property-based tests: generated kep.yaml and README text, written into a copy of the example repo, go
// through the loader, every rule and `--fix`. No exception may escape (a rule that throws becomes an
// "internal error" finding, which counts as one), every position must lie inside the file it names, and a
// fixed file must lint again without the finding that was fixed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { applyFixes } from '../edit/fixes.js';
import { loadFacts, parseMarkdown, parseYaml, walkRepository } from '../load/index.js';
import type { Finding } from '../model/index.js';
import { kubernetesProfile } from '../profile/index.js';
import { allRules } from '../rules/registry.js';
import { exampleRepo } from '../testing/fixtures.js';
import { checkOne } from './run.js';

const KEP = 'keps/sig-node/5355-container-restart-reasons';
// A fixed seed keeps CI repeatable; KEPKIT_FUZZ_SEED=random (or a number) explores further.
const seedSetting = process.env.KEPKIT_FUZZ_SEED;
const seed = seedSetting === 'random' ? undefined : Number(seedSetting ?? 20261201);
const runs = Number(process.env.KEPKIT_FUZZ_RUNS ?? 1);
const repo = exampleRepo();
after(() => repo.dispose());
const baseYaml = repo.read(`${KEP}/kep.yaml`);
const baseReadme = repo.read(`${KEP}/README.md`);

const YAML_PIECES = [
  'title: x',
  'kep-number: 5355',
  'kep-number: 0x1F',
  'kep-number: !!timestamp 2001-12-14',
  'status: implementable',
  'status: implemented',
  'stage: beta',
  'stage: gamma',
  'latest-milestone: "v1.37"',
  'latest-milestone: 1.30',
  'milestone:',
  '  alpha: v1.2',
  '  beta: "v1.37"',
  'owning-sig: ../..',
  'owning-sig: sig-node',
  'see-also:',
  '  - keps/sig-node/nope',
  '  - "../../../etc"',
  'authors:',
  '  - "@x"',
  '- ',
  ': ',
  'key: [',
  ']',
  '{',
  '}',
  '&a x',
  '*a',
  '!!binary aGk=',
  '"unterminated',
  "'",
  '# comment',
  '\t',
  '---',
  '...',
  '? ',
  '|',
  '>',
  '%YAML 1.2',
  '\r',
  '\u0085',
  '\ufeff',
  '😀',
  'a: b: c',
  'x:\n  - y\n  -',
  'feature-gates:\n  - name: [',
  '~',
  'null',
];
const MD_PIECES = [
  '# ',
  '## ',
  '### ',
  '###### ',
  '#',
  '<!-- toc -->',
  '<!-- /toc -->',
  '```',
  '~~~',
  '<!--',
  '-->',
  '<<[UNRESOLVED x ]>>',
  '<<[/UNRESOLVED]>>',
  '- [ ] (R) ',
  '- [x] ',
  '[a](b)',
  '[a](../../x)',
  '[b]: ./nope.md',
  '|',
  '| a | b |',
  '|---|---|',
  '*',
  '_',
  '`',
  '``',
  '<div>',
  '</div>',
  '&amp;',
  '\t',
  '> ',
  '1. ',
  '    code',
  'KEP-NNNN',
  'Summary',
  'Test Plan',
  '###### How can this feature be enabled / disabled in a live cluster?',
  'Production Readiness Review Questionnaire',
  'é',
  '\r\n',
  '\r',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '!',
  '<',
  '>',
  ' ',
  'x',
];

const lines = (base: string) => base.split('\n');

/** A text made from the real file by deleting, repeating and inserting lines, or from pieces alone. */
function mutated(base: string, pieces: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.constantFrom(...pieces);
  const line = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('delete', 'repeat', 'insert', 'replace'),
    text: line,
  });
  const fromBase = fc.array(edit, { maxLength: 8 }).map((edits) => {
    const out = lines(base);
    for (const { at, kind, text } of edits) {
      const index = out.length === 0 ? 0 : at % out.length;
      if (kind === 'delete') out.splice(index, 1);
      else if (kind === 'repeat') out.splice(index, 0, out[index] ?? '');
      else if (kind === 'insert') out.splice(index, 0, text);
      else out[index] = text;
    }
    return out.join('\n');
  });
  const fromPieces = fc
    .array(fc.oneof(piece, fc.constant('\n')), { maxLength: 60 })
    .map((parts) => parts.join(''));
  return fc.oneof({ weight: 3, arbitrary: fromBase }, { weight: 1, arbitrary: fromPieces });
}

function assertInside(findings: Finding[], rule: string): void {
  for (const finding of findings) {
    assert.doesNotMatch(finding.message, /internal error in rule/, `${rule} threw: ${finding.message}`);
    let text: string;
    try {
      text = readFileSync(repo.file(finding.file), 'utf8');
    } catch {
      continue; // An unreadable file is reported at 1:1.
    }
    // Lines end at LF (a CR before it belongs to the line ending), as git, YAML and GitHub's annotations count.
    const fileLines = text.replace(/^\ufeff/, '').split(/\r?\n/);
    const where = `${rule} at ${finding.file}:${finding.line}:${finding.column}`;
    assert.ok(Number.isInteger(finding.line) && finding.line >= 1, where);
    assert.ok(Number.isInteger(finding.column) && finding.column >= 1, where);
    assert.ok(finding.line <= fileLines.length + 1, `${where}: past the last line (${fileLines.length})`);
    const lineText = fileLines[finding.line - 1] ?? '';
    assert.ok(
      finding.column <= lineText.length + 2,
      `${where}: past the end of the line (${lineText.length})`,
    );
  }
}

const facts = loadFacts(repo.root, walkRepository(repo.root, kubernetesProfile), {
  profile: kubernetesProfile,
});

test('fuzz: generated YAML and markdown never make the parsers throw', () => {
  fc.assert(
    fc.property(mutated(baseYaml, YAML_PIECES), mutated(baseReadme, MD_PIECES), (yaml, markdown) => {
      const doc = parseYaml({ path: 'kep.yaml', text: yaml, hash: '' }, { splitOnDashes: true });
      for (const issue of doc.issues) assert.ok(issue.position.line >= 1 && issue.position.column >= 1);
      parseMarkdown({ path: 'README.md', text: markdown, hash: '' });
    }),
    { numRuns: 1500 * runs, seed, includeErrorInReport: true },
  );
});

test('fuzz: every rule on generated proposals: no exception, positions inside the file, fixes that hold', () => {
  fc.assert(
    fc.property(mutated(baseYaml, YAML_PIECES), mutated(baseReadme, MD_PIECES), (yaml, markdown) => {
      repo.write(`${KEP}/kep.yaml`, yaml);
      repo.write(`${KEP}/README.md`, markdown);
      const { result } = checkOne(facts, KEP, allRules);
      for (const [rule, findings] of Object.entries(result.found)) assertInside(findings, rule);

      const fixed = new Map<string, string>();
      for (const [rule, findings] of Object.entries(result.found))
        for (const finding of findings) if (finding.fix) fixed.set(finding.fix.file, rule);
      if (fixed.size === 0) return;
      const fixes = Object.values(result.found).flatMap((findings) =>
        findings.flatMap((f) => (f.fix ? [f.fix] : [])),
      );
      const outcomes = applyFixes(repo.root, fixes);
      const again = checkOne(facts, KEP, allRules).result;
      for (const [rule, findings] of Object.entries(again.found)) assertInside(findings, rule);
      for (const outcome of outcomes) {
        if (!outcome.written) continue;
        const rule = fixed.get(outcome.file)!;
        const left = (again.found[rule] ?? []).filter(
          (finding) => finding.file === outcome.file && finding.fix,
        );
        assert.deepEqual(left, [], `${rule} still reports a fixable finding after --fix`);
      }
    }),
    { numRuns: 1000 * runs, seed, includeErrorInReport: true },
  );
});
