import { test } from 'node:test';
import { lineOf, withCorpusRepo } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { releaseCodeFreezeStatusRule } from './code-freeze-status.js';
import { releaseStatusRule } from './status.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless'; // implementable, beta, latest-milestone v1.37
const FILE = `${KEP}/kep.yaml`;

/** Each case: the status written, the release, the current release, and the message expected (none: valid). */
const CASES: { name: string; status: string; release: string; current?: string; message?: RegExp }[] = [
  { name: 'implementable, targeting the release', status: 'implementable', release: 'v1.37' },
  { name: 'provisional, another release', status: 'provisional', release: 'v1.36' },
  { name: 'withdrawn: stopped, not judged', status: 'withdrawn', release: 'v1.37' },
  {
    name: 'implemented, in a release judged as past',
    status: 'implemented',
    release: 'v1.37',
    current: 'v1.38',
  },
  {
    name: 'provisional, targeting the release',
    status: 'provisional',
    release: 'v1.37',
    message: /^status is provisional; a KEP targeting v1\.37 must be implementable$/,
  },
  {
    name: 'implemented, in the current release',
    status: 'implemented',
    release: 'v1.37',
    message:
      /^status is implemented, but a KEP targeting v1\.37 must be implementable until the release ships$/,
  },
  { name: 'deferred: stopped, not judged', status: 'deferred', release: 'v1.37' },
  {
    name: 'an unknown status, in a release judged as past',
    status: 'paused',
    release: 'v1.37',
    current: 'v1.38',
    message: /^status is paused; a KEP targeting v1\.37 must be implementable$/,
  },
];

for (const c of CASES)
  test(`release/status: ${c.message ? 'invalid' : 'valid'} — ${c.name}`, () =>
    withCorpusRepo([KEP], (repo) => {
      if (c.status !== 'implementable') repo.edit(FILE, /^status: .*$/m, `status: ${c.status}`);
      const findings = runRule(releaseStatusRule, repo, { release: c.release, current: c.current });
      expectFindings(
        findings,
        c.message
          ? [{ file: FILE, line: lineOf(repo.read(FILE), /^status:/), column: 9, message: c.message }]
          : [],
      );
    }));

const CODE_FREEZE: { status: string; message?: RegExp }[] = [
  { status: 'implementable' },
  { status: 'implemented' },
  { status: 'rejected' },
  {
    status: 'provisional',
    message:
      /^status is provisional; at code freeze a KEP targeting v1\.37 must be implementable or implemented$/,
  },
];

for (const c of CODE_FREEZE)
  test(`release/code-freeze-status: ${c.message ? 'invalid' : 'valid'} — ${c.status}`, () =>
    withCorpusRepo([KEP], (repo) => {
      if (c.status !== 'implementable') repo.edit(FILE, /^status: .*$/m, `status: ${c.status}`);
      expectFindings(
        runRule(releaseCodeFreezeStatusRule, repo, { release: 'v1.37' }),
        c.message
          ? [{ file: FILE, line: lineOf(repo.read(FILE), /^status:/), column: 9, message: c.message }]
          : [],
      );
    }));
