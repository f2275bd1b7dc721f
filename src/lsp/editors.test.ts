import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot, runKep } from '../testing/fixtures.js';

const extension = path.join(projectRoot, 'editors/vscode');

interface ExtensionManifest {
  main: string;
  engines: { vscode: string };
  dependencies: Record<string, string>;
  contributes: {
    configuration: { properties: Record<string, { type: string; default: unknown }> };
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
}

test('the VS Code extension is a valid one: manifest, entry point that parses, its setting for the kep path', () => {
  const manifest = JSON.parse(
    readFileSync(path.join(extension, 'package.json'), 'utf8'),
  ) as ExtensionManifest;
  const main = path.join(extension, manifest.main);
  assert.ok(existsSync(main), manifest.main);
  const check = spawnSync(process.execPath, ['--check', main], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  assert.match(readFileSync(main, 'utf8'), /require\('vscode-languageclient\/node'\)/);
  assert.ok(manifest.dependencies['vscode-languageclient']);
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.deepEqual(manifest.contributes.configuration.properties['kepkit.path'], {
    ...manifest.contributes.configuration.properties['kepkit.path'],
    type: 'string',
    default: 'kep',
  });
  for (const validation of manifest.contributes.yamlValidation)
    assert.ok(existsSync(path.join(extension, validation.url)), validation.url);
});

test('the schema the extension registers for yaml-language-server is what kep schema prints', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'kepkit-schema-'));
  try {
    const run = runKep(['schema', '--repo', empty, '--profile', 'kubernetes']);
    assert.equal(run.status, 0, run.stderr);
    const shipped = readFileSync(path.join(extension, 'schemas/kep.schema.json'), 'utf8');
    assert.equal(shipped, run.stdout, 'regenerate with: kep schema --repo EMPTY_DIR --profile kubernetes');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
