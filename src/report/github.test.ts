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

test('github: terminal escapes and bidi characters in a message or path are made visible, never raw', () => {
  const out = formatGithub([
    {
      rule: 'metadata/status',
      severity: 'warning',
      file: 'keps/sig-x/1-a\u001b[2J\n::error file=y::z/kep.yaml',
      line: 8,
      column: 9,
      message:
        'invalid status "Evil\u001b[31mRED\u001b]0;pwned\u0007\r\n::error file=injected.yaml,line=1::INJECTED\u202e"',
      kep: 1,
    },
  ]);
  assert.equal(
    out,
    '::warning file=keps/sig-x/1-a\\x1b[2J%0A%3A%3Aerror file=y%3A%3Az/kep.yaml,line=8,col=9,title=metadata/status::' +
      'invalid status "Evil\\x1b[31mRED\\x1b]0;pwned\\x07%0D%0A::error file=injected.yaml,line=1::INJECTED\\u202e"\n',
  );
});
