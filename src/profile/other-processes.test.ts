// Processes served by profile files alone (examples/profiles/): lint, query and index run on their corpora and
// find the real defects at the right place.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { projectRoot, runKep } from '../testing/fixtures.js';

const corpus = (name: string) => path.resolve(projectRoot, '../shared/corpus', name);
const profile = (name: string) => path.join(projectRoot, 'examples/profiles', `${name}.yaml`);

const cases = [
  {
    name: 'tekton',
    repo: corpus('tekton-community'),
    defect: { file: 'teps/0037-remove-gcs-fetcher.md', line: 7, message: /"implementing"/ },
  },
  {
    name: 'gateway-api',
    repo: corpus('gateway-api'),
    defect: { file: 'geps/gep-2659/metadata.yaml', line: 6, message: /"Accepted"/ },
  },
];

for (const { name, repo, defect } of cases) {
  const args = ['--profile', profile(name), '--repo', repo];
  test(`${name}: kep lint finds the status outside the vocabulary at its line (metadata/status)`, () => {
    const run = runKep(['lint', '--no-cache', ...args, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const statuses = (JSON.parse(run.stdout) as Diagnostic[]).filter((d) => d.rule === 'metadata/status');
    assert.deepEqual(
      statuses.map((d) => `${d.file}:${d.line}`),
      [`${defect.file}:${defect.line}`],
    );
    assert.match(statuses[0]!.message, defect.message);
  });

  test(`${name}: kep query and kep index list every proposal`, () => {
    const query = runKep(['query', '--no-cache', ...args, '--format', 'json']);
    assert.equal(query.status, 0, query.stderr);
    const entries = JSON.parse(query.stdout) as { title: string; status: string }[];
    assert.ok(entries.length > 20, `${entries.length} proposals`);
    assert.ok(entries.some((entry) => entry.status !== ''));
    const index = runKep(['index', '--no-cache', ...args]);
    assert.equal(index.status, 0, index.stderr);
    assert.ok(index.stdout.length > 1000);
  });
}
