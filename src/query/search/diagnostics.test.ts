import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerOf } from './diagnostics.js';

test('ownerOf: a proposal owns the files in its directory, its own file (one-file layouts) and its PRR file', () => {
  const proposals = [
    { dir: 'keps/sig-node/2033-rootless', prrPath: 'keps/prod-readiness/sig-node/2033.yaml' },
    { dir: 'enhancements/network/no-overlay.md' },
    { dir: 'keps/sig-node/20-short', prrPath: null },
  ];
  const owner = ownerOf(proposals);
  const cases: [string, string | undefined][] = [
    ['keps/sig-node/2033-rootless/README.md', 'keps/sig-node/2033-rootless'],
    ['keps/sig-node/2033-rootless/nested/diagram.md', 'keps/sig-node/2033-rootless'],
    ['keps/prod-readiness/sig-node/2033.yaml', 'keps/sig-node/2033-rootless'],
    ['enhancements/network/no-overlay.md', 'enhancements/network/no-overlay.md'],
    // A key that is a prefix of another name is not its parent.
    ['keps/sig-node/20-short-other/README.md', undefined],
    ['keps/README.md', undefined],
    ['OWNERS_ALIASES', undefined],
  ];
  for (const [file, dir] of cases) assert.equal(owner(file)?.dir, dir, file);
});
