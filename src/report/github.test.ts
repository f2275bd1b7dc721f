import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGithub } from './github.js';

test('github: one workflow command per diagnostic, errors as ::error and warnings as ::warning', () => {
  const out = formatGithub([
    {
      rule: 'prr/approver',
      severity: 'error',
      file: 'keps/prod-readiness/sig-node/2033.yaml',
      line: 5,
      column: 13,
      message: '"@x" is not a PRR approver',
      kep: 2033,
    },
    {
      rule: 'metadata/stage',
      severity: 'warning',
      file: 'keps/sig-node/2033-rootless/kep.yaml',
      line: 27,
      column: 8,
      message: 'invalid stage',
      kep: 2033,
    },
  ]);
  assert.equal(
    out,
    '::error file=keps/prod-readiness/sig-node/2033.yaml,line=5,col=13,title=prr/approver::"@x" is not a PRR approver\n' +
      '::warning file=keps/sig-node/2033-rootless/kep.yaml,line=27,col=8,title=metadata/stage::invalid stage\n',
  );
});

test('github: properties and data are escaped as @actions/core does', () => {
  const out = formatGithub([
    {
      rule: 'metadata/parse',
      severity: 'error',
      file: 'keps/a,b:c/kep.yaml',
      line: 2,
      column: 1,
      endLine: 3,
      endColumn: 4,
      message: '100% broken:\nsecond line',
      kep: null,
    },
  ]);
  assert.equal(
    out,
    '::error file=keps/a%2Cb%3Ac/kep.yaml,line=2,col=1,endLine=3,endColumn=4,title=metadata/parse::100%25 broken:%0Asecond line\n',
  );
  assert.equal(formatGithub([]), '');
});
