import { test } from 'node:test';
import { lineOf, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import type { Rule } from '../types.js';
import { releaseLatestMilestoneRule } from './latest-milestone.js';
import { releaseStageMilestoneRule } from './stage-milestone.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless'; // implementable, beta, latest-milestone v1.37
const FILE = `${KEP}/kep.yaml`;

/** Each case: edits to kep.yaml, and the finding expected (the line's text, column, message) or none. */
const CASES: {
  rule: Rule;
  name: string;
  edits: [RegExp, string][];
  at?: { line: RegExp; column: number; message: RegExp };
}[] = [
  { rule: releaseLatestMilestoneRule, name: 'latest-milestone written as the release', edits: [] },
  {
    rule: releaseLatestMilestoneRule,
    name: 'another release: not targeting v1.37, not judged',
    edits: [[/^latest-milestone: .*$/m, 'latest-milestone: "1.36"']],
  },
  {
    rule: releaseLatestMilestoneRule,
    name: '"1.37" means v1.37 but is not written so',
    edits: [[/^latest-milestone: .*$/m, 'latest-milestone: "1.37"']],
    at: {
      line: /^latest-milestone:/,
      column: 19,
      message: /^latest-milestone "1\.37" means v1\.37 but is not written so: write "v1\.37"/,
    },
  },
  { rule: releaseStageMilestoneRule, name: 'milestone.beta is the release', edits: [] },
  {
    rule: releaseStageMilestoneRule,
    name: 'milestone of the stage earlier: the KEP stays beta',
    edits: [[/^ {2}beta: .*$/m, '  beta: "v1.36"']],
  },
  {
    rule: releaseStageMilestoneRule,
    name: 'withdrawn: not judged',
    edits: [
      [/^status: .*$/m, 'status: withdrawn'],
      [/^stage: .*\n/m, ''],
    ],
  },
  {
    rule: releaseStageMilestoneRule,
    name: 'no stage',
    edits: [[/^stage: .*\n/m, '']],
    at: {
      line: /^latest-milestone:/,
      column: 1,
      message: /^"stage" is not set: name the stage this KEP reaches in v1\.37$/,
    },
  },
  {
    rule: releaseStageMilestoneRule,
    name: 'milestone of the stage unset',
    edits: [[/^ {2}beta: .*\n/m, '']],
    at: { line: /^stage:/, column: 8, message: /^milestone\.beta is not set: set it to v1\.37$/ },
  },
  {
    rule: releaseStageMilestoneRule,
    name: 'milestone of the stage after the release',
    edits: [[/^ {2}beta: .*$/m, '  beta: "v1.38"']],
    at: {
      line: /^ {2}beta:/,
      column: 9,
      message: /^milestone\.beta is v1\.38, after v1\.37 that the KEP targets$/,
    },
  },
  {
    rule: releaseStageMilestoneRule,
    name: 'milestone of the stage not a version',
    edits: [[/^ {2}beta: .*$/m, '  beta: "TBD"']],
    at: {
      line: /^ {2}beta:/,
      column: 9,
      message: /^milestone\.beta "TBD" is not a version: set it to v1\.37$/,
    },
  },
];

for (const c of CASES)
  test(`${c.rule.id}: ${c.at ? 'invalid' : 'valid'} — ${c.name}`, () =>
    withCorpusRepo([KEP], (repo) => {
      for (const [from, to] of c.edits) repo.edit(FILE, from, to);
      const findings = runRule(c.rule, repo, { release: 'v1.37' });
      const at = c.at;
      expectFindings(
        findings,
        at
          ? [{ file: FILE, line: lineOf(repo.read(FILE), at.line), column: at.column, message: at.message }]
          : [],
      );
    }));
