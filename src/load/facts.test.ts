import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { kubernetesProfile } from '../profile/index.js';
import { sigsFile } from '../testing/fixtures.js';
import { LoadError } from './errors.js';
import { loadGroups } from './facts.js';

test('loadGroups finds every dir of the SIGs, working groups, user groups and committees of the real sigs.yaml', () => {
  const data = parse(readFileSync(sigsFile, 'utf8')) as Record<string, { dir: string }[]>;
  const expected = new Set(
    ['sigs', 'workinggroups', 'usergroups', 'committees'].flatMap((key) =>
      (data[key] ?? []).map((entry) => entry.dir),
    ),
  );
  const found = loadGroups(path.dirname(sigsFile), sigsFile, kubernetesProfile);
  assert.deepEqual([...found.names].sort(), [...expected].sort());
  assert.ok(found.names.has('sig-node') && found.names.has('wg-device-management'));
});

test('loadGroups rejects a file with no group lines, naming it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-groups-'));
  const file = path.join(dir, 'sigs.yaml');
  writeFileSync(file, 'sigs:\n  - name: Node\n');
  assert.throws(
    () => loadGroups(dir, file, kubernetesProfile),
    (error: unknown) => {
      assert.ok(error instanceof LoadError);
      assert.match(error.message, /sigs\.yaml: no groups found/);
      return true;
    },
  );
});
