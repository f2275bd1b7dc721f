import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parsePlainYaml } from '../load/plain-yaml.js';
import { parseYaml } from '../load/yaml.js';
import { kubernetesProfile } from '../profile/index.js';
import { corpusRoot, exampleRepo, withDisposed } from '../testing/fixtures.js';
import { loadedEntries, plainlyReadEntry } from './catalog-build.js';

const full = (text: string, metadata = true) =>
  parseYaml({ path: 'x.yaml', text, hash: '' }, { splitOnDashes: metadata });

/** The plain reader must either give up or agree with the loader's parse exactly. */
function agrees(text: string): 'same' | 'unsupported' {
  const plain = parsePlainYaml(text);
  if (plain === undefined) return 'unsupported';
  const loaded = full(text);
  assert.deepEqual(loaded.issues, [], `the loader rejects what the plain reader took:\n${text}`);
  assert.deepStrictEqual(plain, loaded.data, text);
  return 'same';
}

test('the plain YAML reader agrees with the loader on the shapes metadata files use', () => {
  const same = [
    'title: A KEP\nkep-number: 0752\nauthors:\n  - "@a"\n  - \'@b\'\n',
    'authors:\n- "@a" # a comment\n- b\nowning-sig: sig-node\n',
    'reviewers:\napprovers: []\nsee-also: ~\nreplaces: null\nstage: ""\nstatus:   implementable   # note\n',
    'milestone:\n  alpha: "v1.30"\n  beta: v1.31\n  stable:\nmilestone2: {}\n',
    'feature-gates:\n  - name: Gate\n    components:\n      - kube-apiserver\n  - name: Other\n    components: [kubelet, "kube-proxy"]\n',
    'feature-gates:\n- name: Gate\n  components:\n  - kubelet\ndisable-supported: true\n',
    'see-also: [\n  "keps/a",\n  "keps/b",\n]\nmetrics: [a, b,]\n',
    'metrics:\n  - first_metric\n    - `label` continued here\n',
    'title: "Quotes \\"inside\\" and \\\\ back"\nother: \'it\'\'s\'\nurl: https://example.com/a#b\n',
    'creation-date: 2019-01-02\nlast-updated: 1.30\nkep-number: 2033\n',
    '# leading comment\n\ntitle: x\n\n# trailing\n',
    'title: C# and more\n',
    '- top-level sequence\n- second\n',
  ];
  for (const text of same) assert.equal(agrees(text), 'same', text);
  const unsupported = [
    'title: x\n---\nother: y\n',
    'anchor: &a x\nalias: *a\n',
    'text: |\n  block\n',
    'text: >\n  folded\n',
    'map: {a: b}\n',
    'title: x\ntitle: y\n',
    '"quoted key": x\n',
    'title:\tx\n',
    'text: a\n\n  continued after a blank line\n',
    'text: a\n  # comment\n  continued\n',
    'title: a: b\n',
    'list: [a, [b]]\n',
    'tagged: !!str 1\n',
    '',
  ];
  for (const text of unsupported) assert.equal(parsePlainYaml(text), undefined, text);
});

test('the plain reader reads every corpus kep.yaml and PRR file as the loader does', () => {
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(path.join(corpusRoot, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(relative);
      else if (entry.name === 'kep.yaml' || relative.startsWith('keps/prod-readiness/')) files.push(relative);
    }
  };
  visit('keps');
  let read = 0;
  for (const file of files) {
    if (!file.endsWith('.yaml')) continue;
    if (agrees(readFileSync(path.join(corpusRoot, file), 'utf8')) === 'same') read++;
  }
  // Every one of them, today; a file it gives up on would only be slower, never different.
  assert.ok(read > 1100, `${read} of ${files.length}`);
});

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

test('the plain reader leaves nesting deeper than 64 levels to the bounded loader', () => {
  const nested = (levels: number) =>
    `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v\n`;
  assert.equal(agrees(nested(60)), 'same');
  assert.equal(parsePlainYaml(nested(70)), undefined);
  assert.equal(full(nested(70)).issues[0]?.kind, 'too-deep');
});

test('the plain path leaves a kep.yaml over the metadata size limit to the full loader, which reports it', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const dir = 'keps/sig-node/5101-pod-log-budgets';
    repo.edit(`${dir}/kep.yaml`, /^stage: stable$/m, `stage: stable\n${'# padding\n'.repeat(30_000)}`);
    assert.equal(plainlyReadEntry(repo.root, kubernetesProfile, dir), undefined);
    const [loaded] = await loadedEntries(repo.root, kubernetesProfile, [dir]);
    assert.equal(loaded?.metadataOk, false);
  }));
