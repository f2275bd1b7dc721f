// Repository text is hostile: titles, values and directory names with terminal escapes, line breaks and
// workflow commands reach no output raw, through the real CLI, in every text format.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import type { Diagnostic } from '../model/index.js';
import { exampleRepo, runKep, type TempRepo } from '../testing/fixtures.js';

/** YAML double-quoted escapes: ESC, an OSC window title ended by BEL, CR LF, then a workflow command. */
const HOSTILE_YAML = String.raw`Evil\e[31mRED\e]0;pwned\a\r\n::error file=injected.yaml,line=1::INJECTED`;
/** The text itself. */
const HOSTILE_TEXT = 'Evil\u001b[31mRED\u001b]0;pwned\u0007\r\n::error file=injected.yaml,line=1::INJECTED';
/** The same text as a terminal must show it. */
const HOSTILE_SHOWN = String.raw`Evil\x1b[31mRED\x1b]0;pwned\x07\r\n::error file=injected.yaml,line=1::INJECTED`;
/** In markdown: the line break is a space, backslashes and brackets are escaped. */
const HOSTILE_MD = String.raw`Evil\\x1b\[31mRED\\x1b\]0;pwned\\x07 ::error file=injected.yaml,line=1::INJECTED`;

const TITLE_KEP = 'keps/sig-node/5101-pod-log-budgets';
const STATUS_KEP = 'keps/sig-storage/5290-csi-maintenance-windows';
const MOVED_FROM = 'keps/sig-network/5407-endpointslice-zone-weights';
/** A directory name with a line break that starts a workflow command, a pipe and backticks. */
const HOSTILE_DIR = 'keps/sig-network/5407-zone\n::error file=x::PATH|`y`';
const HOSTILE_DIR_SHOWN = 'keps/sig-network/5407-zone\\n::error file=x::PATH|`y`';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A genuine annotation of `--format github`: every property escaped, so no raw `:` or `,` inside one. */
const WORKFLOW_COMMAND =
  /^::(error|warning) file=([^,:]*),line=\d+,col=\d+(,endLine=\d+)?(,endColumn=\d+)?,title=[^,:]+::/;

/** No raw control character inside any line, no line a CI runner would take as a workflow command. */
function assertInert(output: string, what: string, commands = 0): void {
  let seen = 0;
  for (const [index, line] of output.split('\n').entries()) {
    const where = `${what}, line ${index + 1}: ${JSON.stringify(line)}`;
    assert.doesNotMatch(line, RAW, where);
    // The runner trims leading blanks before it looks for `::`.
    if (/^::/.test(line.trimStart())) {
      assert.match(line, WORKFLOW_COMMAND, where);
      seen++;
    }
  }
  assert.equal(seen, commands, `${what}: workflow command lines`);
}

/** The example repo with a hostile title (5101), a hostile status (5290) and a hostile directory (5407). */
function hostileRepo(repo: TempRepo): void {
  repo.edit(`${TITLE_KEP}/kep.yaml`, /^title: .*$/m, `title: "${HOSTILE_YAML}"`);
  repo.edit(
    `${STATUS_KEP}/kep.yaml`,
    /^status: .*$/m,
    `status: "implemntable${HOSTILE_YAML.slice(4)}\\u202e"`,
  );
  renameSync(repo.file(MOVED_FROM), repo.file(HOSTILE_DIR));
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

describe('hostile repository text', () => {
  let repo: TempRepo;
  const kep = (args: string[]) => runKep([...args, '--repo', repo.root]);

  before(() => {
    repo = exampleRepo();
    repo.remove('.git');
    git(repo.root, ['init', '--quiet']);
    git(repo.root, ['add', '-A']);
    git(repo.root, ['commit', '--quiet', '--no-gpg-sign', '-m', 'the example']);
    hostileRepo(repo);
    git(repo.root, ['add', '-A']);
    git(repo.root, ['commit', '--quiet', '--no-gpg-sign', '-m', 'hostile']);
  });
  after(() => repo.dispose());

  test('kep lint (stylish) shows hostile paths and values escaped, on their own lines', () => {
    const run = kep(['lint']);
    assert.equal(run.status, 1, run.stderr);
    assertInert(run.stdout, 'stylish');
    assertInert(run.stderr, 'stderr');
    assert.ok(run.stdout.split('\n').includes(`${HOSTILE_DIR_SHOWN}/kep.yaml`), run.stdout);
    assert.ok(
      run.stdout.includes(`invalid status "implemntable${HOSTILE_SHOWN.slice(4)}\\u202e"`),
      run.stdout,
    );
  });

  test('kep lint --format github: exactly one workflow command per finding, with the texts escaped', () => {
    const json = JSON.parse(kep(['lint', '--format', 'json']).stdout) as Diagnostic[];
    const run = kep(['lint', '--format', 'github']);
    assert.equal(run.status, 1, run.stderr);
    assertInert(run.stdout, 'github', json.length);
    const files = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => decodeURIComponent(WORKFLOW_COMMAND.exec(line)![2]!));
    // The runner decodes the properties back to the real paths.
    assert.deepEqual(
      files,
      json.map((d) => d.file),
    );
    assert.ok(files.includes(`${HOSTILE_DIR}/kep.yaml`));
    assert.ok(
      run.stdout.includes(
        String.raw`invalid status "implemntable\x1b[31mRED\x1b]0;pwned\x07%0D%0A::error file=injected.yaml,line=1::INJECTED\u202e"`,
      ),
      run.stdout,
    );
  });

  test('kep query: table, md and csv escape the hostile title and directory', () => {
    const table = kep(['query']);
    assert.equal(table.status, 0, table.stderr);
    assertInert(table.stdout, 'query table');
    assert.ok(table.stdout.includes(HOSTILE_SHOWN), table.stdout);
    assert.ok(table.stdout.includes(`https://git.k8s.io/enhancements/${HOSTILE_DIR_SHOWN}\n`), table.stdout);
    // Every row is one line: the header and one per KEP.
    assert.equal(table.stdout.trimEnd().split('\n').length, 11);

    const md = kep(['query', '--format', 'md']);
    assertInert(md.stdout, 'query md');
    assert.ok(md.stdout.includes(`| ${HOSTILE_MD} |`), md.stdout);
    assert.ok(md.stdout.includes('5407-zone ::error file=x::PATH\\|\\`y\\` |'), md.stdout);
    assert.equal(md.stdout.trimEnd().split('\n').length, 12);

    const csv = kep(['query', '--format', 'csv']);
    assertInert(csv.stdout, 'query csv');
    assert.ok(csv.stdout.includes(`\n"${HOSTILE_SHOWN}",`), csv.stdout);
    assert.equal(csv.stdout.trimEnd().split('\n').length, 11);
  });

  test('kep release: table, md and csv escape the hostile title and directory', () => {
    // v1.36 looked back on from the example's newest release: the implemented 5101 shipped in it.
    const table = kep(['release', 'v1.36', '--current', 'v1.37']);
    assert.equal(table.status, 0, table.stderr);
    assertInert(table.stdout, 'release table');
    assertInert(table.stderr, 'release stderr');
    assert.match(table.stdout, /\n5101 +stable +sig-node +ready +(ok +){8}Evil\\x1b\[31mRED/);
    assert.ok(table.stdout.includes(`  ${HOSTILE_SHOWN}\n`), table.stdout);
    // The not-ready list names the directory (5407 targets v1.37, provisional).
    const current = kep(['release', 'v1.37']);
    assertInert(current.stdout, 'release table');
    assert.ok(current.stdout.includes(`(alpha, sig-network): ${HOSTILE_DIR_SHOWN}\n`), current.stdout);

    const md = kep(['release', 'v1.36', '--current', 'v1.37', '--format', 'md']);
    assertInert(md.stdout, 'release md');
    assert.ok(md.stdout.includes(`| ${HOSTILE_MD} |`), md.stdout);
    const currentMd = kep(['release', 'v1.37', '--format', 'md']);
    assertInert(currentMd.stdout, 'release md');
    assert.ok(currentMd.stdout.includes('5407-zone ::error file=x::PATH\\|\\`y\\`**'), currentMd.stdout);

    const csv = kep(['release', 'v1.36', '--current', 'v1.37', '--format', 'csv']);
    assertInert(csv.stdout, 'release csv');
    assert.ok(csv.stdout.includes(`,"${HOSTILE_SHOWN}",`), csv.stdout);
    const currentCsv = kep(['release', 'v1.37', '--format', 'csv']);
    assertInert(currentCsv.stdout, 'release csv');
    assert.ok(currentCsv.stdout.includes(`,${HOSTILE_DIR_SHOWN},`), currentCsv.stdout);
  });

  test('JSON, SARIF and YAML outputs parse back to the hostile texts and print nothing raw', () => {
    const outputs: [string, string[]][] = [
      ['lint json', ['lint', '--format', 'json']],
      ['lint sarif', ['lint', '--format', 'sarif']],
      ['query json', ['query', '--format', 'json']],
      ['query yaml', ['query', '--format', 'yaml']],
      ['release json', ['release', 'v1.36', '--format', 'json']],
      ['history json', ['history', '--format', 'json']],
    ];
    for (const [what, args] of outputs) {
      const run = kep(args);
      assert.ok(run.status === 0 || run.status === 1, `${what}: ${run.stderr}`);
      assertInert(run.stdout, what);
    }
    const rows = parse(kep(['query', '--format', 'yaml']).stdout) as { title: string; status: string }[];
    assert.ok(rows.some((row) => row.title === HOSTILE_TEXT));
    assert.ok(rows.some((row) => row.status === `implemntable${HOSTILE_TEXT.slice(4)}\u202e`));
    const records = JSON.parse(kep(['query', '--format', 'json']).stdout) as { path: string }[];
    assert.ok(records.some((record) => `keps/${record.path}` === HOSTILE_DIR));
  });

  test('kep history: table, md and csv escape hostile titles, values and paths', () => {
    const table = kep(['history', '--no-cache']);
    assert.equal(table.status, 0, table.stderr);
    assertInert(table.stdout, 'history table');
    assert.ok(table.stdout.includes(`KEP-5101  ${HOSTILE_SHOWN}\n`), table.stdout);
    assert.ok(table.stdout.includes(`implemntable -> implemntable${HOSTILE_SHOWN.slice(4)}\\u202e\n`));
    assert.ok(table.stdout.includes(`  ${HOSTILE_DIR_SHOWN} (moved from ${MOVED_FROM})\n`), table.stdout);

    const md = kep(['history', '--format', 'md']);
    assertInert(md.stdout, 'history md');
    assert.ok(md.stdout.includes('| 5407 | `` keps/sig-network/5407-zone ::error file=x::PATH\\|`y` `` |'));
    assert.ok(
      md.stdout.includes(`| implemntable | implemntable${HOSTILE_MD.slice(4)}\\\\u202e |`),
      md.stdout,
    );
    // Every row has the header's seven cells.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const line of md.stdout.trimEnd().split('\n')) assert.equal(cells(line), 9, line);

    const csv = kep(['history', '--format', 'csv']);
    assertInert(csv.stdout, 'history csv');
    assert.ok(csv.stdout.includes(`\n5407,${HOSTILE_DIR_SHOWN},`), csv.stdout);
    assert.ok(csv.stdout.includes(`,implemntable,"implemntable${HOSTILE_SHOWN.slice(4)}\\u202e"\n`));

    for (const output of ['table', 'md', 'csv']) {
      const stuck = kep(['history', '--stuck', '--releases', '0', '--release', 'v1.40', '--output', output]);
      assert.equal(stuck.status, 0, stuck.stderr);
      assertInert(stuck.stdout, `history --stuck ${output}`);
      assert.ok(stuck.stdout.includes('5407-zone'), stuck.stdout);
    }
  });
});
