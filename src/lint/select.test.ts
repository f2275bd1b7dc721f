import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkRepository } from '../load/walk.js';
import { kubernetesProfile } from '../profile/index.js';
import { exampleRepo } from '../testing/fixtures.js';
import { selectProposals, UnmatchedPathsError } from './select.js';

test('selectProposals: approval files name their proposals; a path that climbs out of the approval directory names none', () => {
  const repo = exampleRepo();
  try {
    const layout = walkRepository(repo.root, kubernetesProfile);
    const select = (paths: string[]) => selectProposals(repo.root, layout, kubernetesProfile, paths, []).dirs;
    assert.deepEqual(select(['keps/prod-readiness/sig-node/5101.yaml']), [
      'keps/sig-node/5101-pod-log-budgets',
    ]);
    assert.deepEqual(select(['keps/prod-readiness/sig-network']), [
      'keps/sig-network/5266-service-traffic-mirroring',
    ]);
    assert.throws(() => select(['keps/prod-readiness/../../..']), UnmatchedPathsError);
    assert.throws(() => select(['keps/prod-readiness/nope/7.txt']), /names no proposal/);
  } finally {
    repo.dispose();
  }
});
