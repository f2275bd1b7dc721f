// Everything that differs between processes is profile data: no code asks which profile it runs under.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../testing/fixtures.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

test('no source file branches on a profile’s name', () => {
  const pattern = /profile\.name\s*[!=]==|\.name\s*===\s*['"]kubernetes['"]/;
  const offending = sources(path.join(projectRoot, 'src')).filter((file) =>
    pattern.test(readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offending, []);
});
