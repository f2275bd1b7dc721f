import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { kubernetesProfile } from '../../profile/index.js';
import { corpusRoot, exampleRepo, withDisposed } from '../../testing/fixtures.js';
import { loadedEntries, plainlyReadEntry } from './build.js';

test('catalog entries built by the plain path equal those built by the full loader', async () => {
  const dirs = readdirSync(path.join(corpusRoot, 'keps/sig-node'))
    .map((name) => `keps/sig-node/${name}`)
    .concat([
      'keps/sig-api-machinery/4420-retry-generate-name',
      'keps/sig-node/5573-remove-cgroup-v1',
      'keps/sig-instrumentation/4785-resource-state-metrics',
      'keps/sig-cluster-lifecycle/kubeadm/4656-add-kubelet-instance-configuration',
    ])
    .filter((dir) => {
      try {
        return readdirSync(path.join(corpusRoot, dir)).includes('kep.yaml');
      } catch {
        return false;
      }
    });
  assert.ok(dirs.length > 100);
  const loaded = await loadedEntries(corpusRoot, kubernetesProfile, dirs);
  for (const [index, dir] of dirs.entries()) {
    const plain = plainlyReadEntry(corpusRoot, kubernetesProfile, dir);
    assert.ok(plain, `${dir} not taken by the plain path`);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(plain)), JSON.parse(JSON.stringify(loaded[index])), dir);
  }
});

test('the plain path leaves a kep.yaml over the metadata size limit to the full loader, which reports it', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const dir = 'keps/sig-node/5101-pod-log-budgets';
    repo.edit(`${dir}/kep.yaml`, /^stage: stable$/m, `stage: stable\n${'# padding\n'.repeat(30_000)}`);
    assert.equal(plainlyReadEntry(repo.root, kubernetesProfile, dir), undefined);
    const [loaded] = await loadedEntries(repo.root, kubernetesProfile, [dir]);
    assert.equal(loaded?.metadataOk, false);
  }));
