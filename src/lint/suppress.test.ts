import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../load/markdown.js';
import type { Diagnostic } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import { applyDirectives, refCovers } from './suppress.js';

const FILE = 'keps/sig-x/1-a/README.md';
const finding = (rule: string, line: number): Diagnostic => ({
  rule,
  severity: 'warning',
  file: FILE,
  line,
  column: 1,
  message: `${rule} at ${line}`,
  kep: 1,
});

/** Apply the directives of a markdown text to findings given as `rule@line`; what is kept, hidden, reported. */
function run(text: string, findings: string[], rules: Record<string, 'off'> = {}) {
  const directives = parseMarkdown({ path: FILE, text, hash: '' }).directives;
  const diagnostics = findings.map((spec) => {
    const [rule, line] = spec.split('@');
    return finding(rule!, Number(line));
  });
  const outcome = applyDirectives(diagnostics, directives, allRules, { rules }, 1);
  const at = (d: Diagnostic) => `${d.rule}@${d.line}`;
  return {
    kept: outcome.kept.map(at),
    suppressed: outcome.suppressed.map(at),
    reports: outcome.reports.map((d) => `${d.rule}@${d.line}: ${d.message}`),
  };
}

test('rule references cover ids, groups, group/* and *, as --rule keys do', () => {
  assert.equal(refCovers('readme/toc', 'readme/toc'), true);
  assert.equal(refCovers('readme', 'readme/toc'), true);
  assert.equal(refCovers('readme/*', 'readme/toc'), true);
  assert.equal(refCovers('*', 'prr/approver'), true);
  assert.equal(refCovers('readme', 'metadata/stage'), false);
  assert.equal(refCovers('readme/to', 'readme/toc'), false);
  assert.equal(refCovers('read', 'readme/toc'), false);
});

test('inline directives: ranges, next line, groups, and what they leave', () => {
  const cases: { name: string; text: string; findings: string[]; kept: string[]; suppressed: string[] }[] = [
    {
      name: 'a range of one rule, ended by kep-enable of it',
      text: 'a\n<!-- kep-disable readme/links -->\nb\nc\n<!-- kep-enable readme/links -->\nd\n',
      findings: ['readme/links@3', 'readme/links@6', 'readme/title@4'],
      kept: ['readme/links@6', 'readme/title@4'],
      suppressed: ['readme/links@3'],
    },
    {
      name: 'without ids every rule; an unterminated range runs to the end of the file',
      text: '<!-- kep-disable -->\nb\n',
      findings: ['readme/links@2', 'metadata/stage@900'],
      kept: [],
      suppressed: ['readme/links@2', 'metadata/stage@900'],
    },
    {
      name: 'a group, and its group/* spelling, ended by a kep-enable without ids',
      text: '<!-- kep-disable readme -->\n<!-- kep-disable metadata/* -->\nx\n<!-- kep-enable -->\ny\n',
      findings: ['readme/toc@3', 'metadata/stage@3', 'readme/toc@5', 'prr/approver@3'],
      kept: ['readme/toc@5', 'prr/approver@3'],
      suppressed: ['readme/toc@3', 'metadata/stage@3'],
    },
    {
      name: 'kep-enable of one group ends only that group’s range',
      text: '<!-- kep-disable readme, metadata -->\nx\n<!-- kep-enable readme/* -->\ny\n',
      findings: ['readme/toc@2', 'readme/toc@4', 'metadata/stage@4'],
      kept: ['readme/toc@4'],
      suppressed: ['readme/toc@2', 'metadata/stage@4'],
    },
    {
      name: 'next line only',
      text: '<!-- kep-disable-next-line readme/links -->\n[a](b)\n[c](d)\n',
      findings: ['readme/links@2', 'readme/links@3'],
      kept: ['readme/links@3'],
      suppressed: ['readme/links@2'],
    },
  ];
  for (const c of cases) {
    const outcome = run(c.text, c.findings);
    assert.deepEqual(outcome.kept, c.kept, c.name);
    assert.deepEqual(outcome.suppressed, c.suppressed, c.name);
    assert.deepEqual(outcome.reports, [], c.name);
  }
});

test('a directive that suppresses nothing, or names no rule, is reported at the directive', () => {
  const cases: {
    name: string;
    text: string;
    findings: string[];
    reports: string[];
    rules?: Record<string, 'off'>;
  }[] = [
    {
      name: 'nothing in the range',
      text: 'a\n<!-- kep-disable readme/toc -->\nb\n',
      findings: ['readme/links@3'],
      reports: [
        'lint/unused-suppression@2: kep-disable readme/toc suppresses nothing in its range; remove it',
      ],
    },
    {
      name: 'one of two ids used',
      text: '<!-- kep-disable-next-line readme/links, readme/toc -->\n[a](b)\n',
      findings: ['readme/links@2'],
      reports: [
        'lint/unused-suppression@1: kep-disable-next-line readme/toc suppresses nothing on the next line; remove it',
      ],
    },
    {
      name: 'kep-enable with nothing open',
      text: '<!-- kep-enable readme -->\n',
      findings: [],
      reports: ['lint/unused-suppression@1: kep-enable readme: no kep-disable of it is open here'],
    },
    {
      name: 'an unknown id (and only the known one is judged unused)',
      text: '<!-- kep-disable-next-line readme/tock, readme/toc -->\nx\n',
      findings: ['readme/toc@2'],
      reports: [
        'lint/unknown-rule@1: kep-disable-next-line names "readme/tock", which is no rule or group (see kep rules)',
      ],
    },
    {
      name: 'a rule switched off this run hides nothing, but is not called unused',
      text: '<!-- kep-disable readme/toc -->\n',
      findings: [],
      reports: [],
      rules: { 'readme/toc': 'off' },
    },
    {
      name: 'lint/unused-suppression itself can be switched off',
      text: '<!-- kep-disable readme/toc -->\n',
      findings: [],
      reports: [],
      rules: { 'lint/unused-suppression': 'off' },
    },
  ];
  for (const c of cases) assert.deepEqual(run(c.text, c.findings, c.rules).reports, c.reports, c.name);
});
