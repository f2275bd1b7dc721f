// Runs every compiled test file with node's test runner (Node 20 has no glob support in --test).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
};
walk('dist');
// Arguments keep the test files whose path contains one of them; an argument starting with `!` leaves out
// the files whose path contains the rest of it (`'!dist/e2e/'`: everything but the browser tests).
const args = process.argv.slice(2);
const keep = args.filter((arg) => !arg.startsWith('!'));
const drop = args.filter((arg) => arg.startsWith('!')).map((arg) => arg.slice(1));
const selected = files.filter(
  (file) => (keep.length === 0 || keep.some((f) => file.includes(f))) && !drop.some((f) => file.includes(f)),
);
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// A hang fails its test file within this long, named, instead of holding CI to its limit (the slowest file takes
// a few minutes on a loaded machine).
const TEST_TIMEOUT_MS = 15 * 60 * 1000;
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...selected.sort()],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
