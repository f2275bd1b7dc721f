// The import boundaries of ARCHITECTURE.md, as .dependency-cruiser.mjs encodes them, hold over src/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from './testing/fixtures.js';

const CONFIG = path.join(projectRoot, '.dependency-cruiser.mjs');
const DEPCRUISE = path.join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** The violations dependency-cruiser finds in `src` of a directory. */
function violationsIn(cwd: string): { violations: Violation[]; modules: number } {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json', '--no-progress'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.ok(run.stdout, `dependency-cruiser gave no output: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as {
    summary: { violations: Violation[]; totalCruised: number };
  };
  return { violations: result.summary.violations, modules: result.summary.totalCruised };
}

function describe(violation: Violation): string {
  const cycle = violation.cycle ? ` (cycle: ${violation.cycle.map((step) => step.name).join(' → ')})` : '';
  return `${violation.rule.name}: ${violation.from} → ${violation.to}${cycle}`;
}

test('architecture: every import in src stays within what its part may import, and nothing cycles', () => {
  const { violations, modules } = violationsIn(projectRoot);
  assert.ok(modules > 100, `only ${modules} modules cruised: is src still TypeScript under src/?`);
  assert.deepEqual(violations.map(describe), [], 'imports that break ARCHITECTURE.md');
});

test('architecture: the rules catch a rule importing load, a part importing the CLI, and a cycle', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-architecture-'));
  try {
    const file = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    };
    file('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true } }));
    file('src/model/a.ts', "import type { B } from './b.js';\nexport type A = B[];\n");
    file('src/model/b.ts', "import type { A } from './a.js';\nexport type B = A | string;\n");
    file('src/load/read.ts', 'export const read = 1;\n');
    file('src/rules/rule.ts', "import { read } from '../load/read.js';\nexport const rule = read;\n");
    file('src/cli/main.ts', 'export const main = 1;\n');
    file('src/query/query.ts', "import { main } from '../cli/main.js';\nexport const query = main;\n");
    file('src/query/query.test.ts', "import { main } from '../cli/main.js';\nexport const t = main;\n");
    // A cycle is reported once, at the module where the cruise met it; the test file's import is allowed.
    const found = violationsIn(dir).violations.map(describe).sort();
    assert.deepEqual(found, [
      'no-circular: src/model/a.ts → src/model/b.ts (cycle: src/model/b.ts → src/model/a.ts)',
      'nothing-imports-cli: src/query/query.ts → src/cli/main.ts',
      'query-imports-only-model-load: src/query/query.ts → src/cli/main.ts',
      'rules-imports-only-model-text: src/rules/rule.ts → src/load/read.ts',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
