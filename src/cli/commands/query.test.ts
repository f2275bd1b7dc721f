import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { corpusRepo, corpusRoot, exampleRepo, runKep } from '../../testing/fixtures.js';

// The expected answers are computed here by reading the corpus YAML with the `yaml` package directly,
// independently of kepkit's loader, and applying the documented filter semantics.

interface Kep {
  dir: string;
  data: Record<string, unknown>;
  prrApprovers: string[];
  readme?: string;
}

const TEMPLATES = new Set([
  'keps/NNNN-kep-template',
  'keps/sig-cloud-provider/providers/0000-cloud-provider-template',
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

function str(value: unknown): string {
  return typeof value === 'string' && !NULLS.has(value) ? value : '';
}
function strs(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str) : [];
}

function readCorpus(): Kep[] {
  const keps: Kep[] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(path.join(corpusRoot, dir), { withFileTypes: true });
    if (entries.some((entry) => entry.name === 'kep.yaml' && entry.isFile())) {
      if (TEMPLATES.has(dir)) return;
      let data: Record<string, unknown> = {};
      try {
        // failsafe: every scalar stays text ("1.30" is not the number 1.3), as kepkit and Go read it.
        const parsed = parse(readFileSync(path.join(corpusRoot, dir, 'kep.yaml'), 'utf8'), {
          schema: 'failsafe',
        });
        if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
      } catch {
        // An unparsable file has no metadata to match.
      }
      const prrFile = path.join(
        corpusRoot,
        'keps/prod-readiness',
        str(data['owning-sig']),
        `${str(data['kep-number'])}.yaml`,
      );
      const prrApprovers: string[] = [];
      if (str(data['owning-sig']) && str(data['kep-number']) && existsSync(prrFile)) {
        const prr = parse(readFileSync(prrFile, 'utf8'), { schema: 'failsafe' }) as Record<string, unknown>;
        for (const [key, value] of Object.entries(prr ?? {})) {
          if (key === 'kep-number' || !value || typeof value !== 'object') continue;
          const approver = str((value as Record<string, unknown>).approver);
          if (approver) prrApprovers.push(approver);
        }
      }
      const readmePath = path.join(corpusRoot, dir, 'README.md');
      keps.push({
        dir,
        data,
        prrApprovers,
        readme: existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined,
      });
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== 'prod-readiness') visit(`${dir}/${entry.name}`);
    }
  };
  visit('keps');
  return keps.sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

const handle = (value: string) => value.replace(/^@/, '').toLowerCase();
const version = (value: string) => {
  const match = /^v?(\d+)\.(\d+)$/.exec(value.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
};

const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-query-cache-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Run `kep query` on the corpus (sharing one cache, so later runs are warm) and return the directories. */
function queryDirs(args: string[]): string[] {
  const run = runKep(['query', '--repo', corpusRoot, ...args, '--format', 'json', '--fields', 'dir'], {
    env: { KEPKIT_CACHE_DIR: cacheDir },
  });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { dir: string }[]).map((row) => row.dir);
}

test('kep query filters return exactly the KEPs computed from the YAML on the corpus', () => {
  const keps = readCorpus();
  assert.ok(keps.length > 600, `read ${keps.length} KEPs`);
  const expect = (predicate: (kep: Kep) => boolean) => keps.filter(predicate).map((kep) => kep.dir);

  // The example, in full JSON: the right KEPs, with kepify's field names and values as written.
  const run = runKep(
    ['query', '--repo', corpusRoot, '--sig', 'sig-node', '--stage', 'beta', '--format', 'json'],
    {
      env: { KEPKIT_CACHE_DIR: cacheDir },
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
  const nodeBeta = keps.filter(
    (kep) => /sig-node/.test(str(kep.data['owning-sig'])) && str(kep.data.stage) === 'beta',
  );
  assert.ok(nodeBeta.length > 10);
  assert.deepEqual(
    rows.map((row) => `keps/${row.path}`),
    nodeBeta.map((kep) => kep.dir),
  );
  for (const [index, kep] of nodeBeta.entries()) {
    const row = rows[index]!;
    assert.equal(row.title, str(kep.data.title));
    assert.equal(row.kepNumber, str(kep.data['kep-number']));
    assert.equal(row.latestMilestone, str(kep.data['latest-milestone']));
    assert.deepEqual(row.authors, strs(kep.data.authors));
  }

  // Every other filter, each against its own reading of the YAML.
  assert.deepEqual(
    queryDirs(['--sig', 'node,^sig-storage$']),
    expect((kep) => /node|^sig-storage$/.test(str(kep.data['owning-sig']))),
  );
  assert.deepEqual(
    queryDirs(['--status', 'implementable', '--status', 'provisional']),
    expect((kep) => ['implementable', 'provisional'].includes(str(kep.data.status))),
  );
  assert.deepEqual(
    queryDirs(['--stage', 'none']),
    expect((kep) => str(kep.data.stage) === ''),
  );
  assert.deepEqual(
    queryDirs(['--prr', 'deads2k']),
    expect((kep) => kep.prrApprovers.some((approver) => handle(approver) === 'deads2k')),
  );
  assert.deepEqual(
    queryDirs(['--approver', '@thockin', '--author', 'thockin']),
    expect(
      (kep) =>
        strs(kep.data.approvers).some((a) => handle(a) === 'thockin') &&
        strs(kep.data.authors).some((a) => handle(a) === 'thockin'),
    ),
  );
  assert.deepEqual(
    queryDirs(['--participating-sig', 'sig-auth,sig-scheduling']),
    expect((kep) =>
      strs(kep.data['participating-sigs']).some((sig) => sig === 'sig-auth' || sig === 'sig-scheduling'),
    ),
  );
  const milestones = (kep: Kep) => {
    const per =
      kep.data.milestone && typeof kep.data.milestone === 'object' ? Object.values(kep.data.milestone) : [];
    return [kep.data['latest-milestone'], ...per].map(str).map(version);
  };
  const v134 = queryDirs(['--milestone', 'v1.34']);
  assert.ok(v134.length > 20);
  assert.deepEqual(
    v134,
    expect((kep) => milestones(kep).includes('1.34')),
  );
  assert.deepEqual(
    queryDirs(['--feature-gate', 'dynamicresourceallocation']),
    expect((kep) =>
      (Array.isArray(kep.data['feature-gates']) ? kep.data['feature-gates'] : []).some(
        (gate) =>
          str((gate as Record<string, unknown> | null)?.name).toLowerCase() === 'dynamicresourceallocation',
      ),
    ),
  );
  const text = queryDirs(['--text', 'User Namespaces', '--sig', 'node']);
  assert.ok(text.length > 0);
  assert.deepEqual(
    text,
    expect(
      (kep) =>
        /node/.test(str(kep.data['owning-sig'])) &&
        (str(kep.data.title).toLowerCase().includes('user namespaces') ||
          (kep.readme ?? '').toLowerCase().includes('user namespaces')),
    ),
  );
});

test('kep query sorts, selects fields and prints every format', () => {
  const repo = corpusRepo([
    'keps/sig-node/1029-ephemeral-storage-quotas',
    'keps/sig-storage/1495-volume-populators',
    'keps/sig-auth/3299-kms-v2-improvements',
  ]);
  try {
    const kep = (args: string[]) => runKep(['query', '--repo', repo.root, ...args]);
    const sorted = kep(['--sort', '-kep-number', '--fields', 'kepNumber,title', '--format', 'csv']);
    assert.equal(sorted.status, 0, sorted.stderr);
    assert.equal(
      sorted.stdout,
      'KEP,Title\n3299,KMS v2 Improvements\n1495,Volume Populators\n1029,Quotas for Ephemeral Storage\n',
    );
    const byMilestone = kep(['--sort', 'latestMilestone', '--fields', 'kepNumber', '--format', 'json']);
    // "1.31" and "v1.29" compare as versions, not as text.
    assert.deepEqual(JSON.parse(byMilestone.stdout), [
      { kepNumber: '3299' },
      { kepNumber: '1029' },
      { kepNumber: '1495' },
    ]);

    const table = kep(['--status', 'implemented']);
    assert.equal(table.status, 0, table.stderr);
    const [header, row, ...rest] = table.stdout.trimEnd().split('\n');
    assert.match(header!, /^UPDATED\s+STAGE\s+STATUS\s+SIG\s+AUTHORS\s+TITLE\s+LINK$/);
    assert.match(
      row!,
      /stable\s+implemented\s+auth\s+@ritazh, @aramase\s+KMS v2 Improvements\s+https:\/\/git\.k8s\.io\/enhancements\/keps\/sig-auth\/3299-kms-v2-improvements$/,
    );
    assert.deepEqual(rest, []);

    const md = kep(['--sig', 'storage', '--format', 'md', '--fields', 'kepNumber,prr']);
    assert.equal(
      md.stdout,
      '| KEP | PRR |\n| --- | --- |\n| 1495 | alpha @deads2k, beta @deads2k, stable @deads2k |\n',
    );
    const yaml = kep(['--sig', 'auth', '--format', 'yaml']);
    const parsed = parse(yaml.stdout) as Record<string, unknown>[];
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]!.kepNumber, '3299');
    assert.deepEqual(parsed[0]!.milestone, {
      alpha: 'v1.25',
      beta: 'v1.27',
      stable: 'v1.29',
      deprecated: '',
      removed: '',
      disabled: '',
    });
  } finally {
    repo.dispose();
  }
});

test('kep query reports bad filters as usage errors', () => {
  const repo = corpusRepo(['keps/sig-auth/3299-kms-v2-improvements'], { template: false });
  try {
    const noSig = runKep(['query', '--repo', repo.root, '--sig', 'sig-nothing-like-this']);
    assert.equal(noSig.status, 2);
    assert.match(noSig.stderr, /no SIGs match any of: sig-nothing-like-this/);
    const badField = runKep(['query', '--repo', repo.root, '--fields', 'title,colour']);
    assert.equal(badField.status, 2);
    assert.match(badField.stderr, /unknown field "colour"/);
    const none = runKep(['query', '--repo', repo.root, '--status', 'deferred']);
    assert.equal(none.status, 0);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no KEPs match/);
    assert.equal(
      runKep(['query', '--repo', repo.root, '--status', 'deferred', '--format', 'json']).stdout,
      '[]\n',
    );
    const badMilestone = runKep(['query', '--repo', repo.root, '--milestone', 'next']);
    assert.equal(badMilestone.status, 2);
    assert.match(badMilestone.stderr, /--milestone next: expected a version/);
  } finally {
    repo.dispose();
  }
});

test('kep query leaves out KEPs whose metadata does not parse, as kep index does, and names them on stderr', () => {
  const repo = exampleRepo();
  try {
    const broken = 'keps/sig-storage/5342-volume-expansion-quotas';
    const hostile = 'keps/sig-storage/5177-a\u001b[2J\nb';
    repo.write(`${broken}/kep.yaml`, 'title: [unclosed\n');
    renameSync(repo.file('keps/sig-storage/5177-snapshot-retention-windows'), repo.file(hostile));
    repo.write(`${hostile}/kep.yaml`, '- a list, not a mapping\n');
    const index = runKep(['index', '--repo', repo.root, '--no-markdown']);
    assert.equal(index.status, 0, index.stderr);
    const indexed = (JSON.parse(index.stdout) as { path: string }[]).map((record) => record.path);
    assert.equal(indexed.length, 8);

    const json = runKep(['query', '--repo', repo.root, '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(
      (JSON.parse(json.stdout) as { path: string }[]).map((record) => record.path),
      indexed,
    );
    const notice = `kep: left out 2 KEP(s) whose metadata does not parse (run kep lint): keps/sig-storage/5177-a\\x1b[2J\\nb, ${broken}\n`;
    assert.equal(json.stderr, notice);

    const table = runKep(['query', '--repo', repo.root]);
    assert.equal(table.status, 0, table.stderr);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    assert.match(header!, /^UPDATED\s+STAGE/);
    assert.equal(rows.length, 8);
    // No empty row: every row has a title and a link.
    for (const row of rows) assert.match(row, /\S+\s+https:\/\/git\.k8s\.io\/enhancements\/keps\//, row);
    assert.doesNotMatch(table.stdout, /5342|5177/);
    assert.equal(table.stderr, notice);

    const csv = runKep(['query', '--repo', repo.root, '--format', 'csv']);
    assert.equal(csv.stdout.trimEnd().split('\n').length, 9);
    assert.equal(csv.stderr, notice);
  } finally {
    repo.dispose();
  }
});

test('kep query --has-errors lists the KEPs lint reports errors for, and the cache follows edits', () => {
  const repo = corpusRepo([
    'keps/sig-node/1029-ephemeral-storage-quotas',
    'keps/sig-auth/3299-kms-v2-improvements',
  ]);
  const cache = mkdtempSync(path.join(tmpdir(), 'kepkit-query-cache-'));
  try {
    const kep = (args: string[]) =>
      runKep(['query', '--repo', repo.root, '--fields', 'dir', '--format', 'json', ...args], {
        env: { KEPKIT_CACHE_DIR: cache },
      });
    const dirs = (args: string[]) => {
      const run = kep(args);
      assert.equal(run.status, 0, run.stderr);
      return (JSON.parse(run.stdout) as { dir: string }[]).map((row) => row.dir);
    };
    assert.deepEqual(dirs(['--status', 'implemented']), ['keps/sig-auth/3299-kms-v2-improvements']);
    assert.deepEqual(dirs(['--has-errors']), []);
    // The edited file must not be served from the cache; an unknown field is a lint error.
    const node = 'keps/sig-node/1029-ephemeral-storage-quotas/kep.yaml';
    repo.edit(node, 'status: implementable', 'status: implemented-ish');
    assert.deepEqual(dirs(['--status', 'implemented-ish']), ['keps/sig-node/1029-ephemeral-storage-quotas']);
    repo.edit(node, 'status:', 'colour: blue\nstatus:');
    assert.deepEqual(dirs(['--has-errors']), ['keps/sig-node/1029-ephemeral-storage-quotas']);
    assert.deepEqual(dirs(['--has-errors', '--status', 'implemented']), []);
    // A PRR file change shows too.
    repo.edit(
      'keps/prod-readiness/sig-auth/3299.yaml',
      /approver: "?@?[\w-]+"?/g,
      'approver: "@someone-else"',
    );
    assert.deepEqual(dirs(['--prr', 'someone-else']), ['keps/sig-auth/3299-kms-v2-improvements']);
    repo.remove('keps/sig-auth/3299-kms-v2-improvements');
    assert.deepEqual(dirs([]), ['keps/sig-node/1029-ephemeral-storage-quotas']);
  } finally {
    repo.dispose();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('kep query trusts the cached walk only while no directory changed', () => {
  const repo = corpusRepo(['keps/sig-node/1029-ephemeral-storage-quotas']);
  const cache = mkdtempSync(path.join(tmpdir(), 'kepkit-query-cache-'));
  try {
    // Old enough that size and mtime are trusted (recent files are always re-read).
    const past = new Date(Date.now() - 3_600_000);
    const age = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) age(path.join(dir, entry.name));
        utimesSync(path.join(dir, entry.name), past, past);
      }
      utimesSync(dir, past, past);
    };
    age(repo.file('keps'));
    const dirs = () => {
      const run = runKep(['query', '--repo', repo.root, '--fields', 'dir', '--format', 'json'], {
        env: { KEPKIT_CACHE_DIR: cache },
      });
      assert.equal(run.status, 0, run.stderr);
      return (JSON.parse(run.stdout) as { dir: string }[]).map((row) => row.dir);
    };
    assert.deepEqual(dirs(), ['keps/sig-node/1029-ephemeral-storage-quotas']);
    assert.deepEqual(dirs(), ['keps/sig-node/1029-ephemeral-storage-quotas']);
    // A new proposal changes its parent directory's mtime: the walk is redone.
    cpSync(
      path.join(corpusRoot, 'keps/sig-node/1029-ephemeral-storage-quotas'),
      repo.file('keps/sig-node/9999-copy'),
      { recursive: true },
    );
    repo.edit('keps/sig-node/9999-copy/kep.yaml', 'kep-number: 1029', 'kep-number: 9999');
    assert.deepEqual(dirs(), ['keps/sig-node/1029-ephemeral-storage-quotas', 'keps/sig-node/9999-copy']);
    // Removing a metadata file changes only its own directory, whose mtime is not kept: its check sees it.
    age(repo.file('keps'));
    assert.equal(dirs().length, 2);
    repo.remove('keps/sig-node/9999-copy/kep.yaml');
    assert.deepEqual(dirs(), ['keps/sig-node/1029-ephemeral-storage-quotas']);
  } finally {
    repo.dispose();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('kep query and kep history: --format chooses the format, -o writes it to a file atomically, and --output FORMAT still works with a deprecation note', () => {
  const repo = exampleRepo();
  try {
    const json = runKep(['query', '--repo', repo.root, '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    assert.equal(json.stderr, '');
    const legacy = runKep(['query', '--repo', repo.root, '--output', 'json']);
    assert.equal(legacy.stdout, json.stdout);
    assert.match(legacy.stderr, /kep query --output json is deprecated: use --format json/);

    const file = path.join(repo.root, 'out/keps.csv');
    const written = runKep(['query', '--repo', repo.root, '--format', 'csv', '-o', file]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(
      readFileSync(file, 'utf8'),
      runKep(['query', '--repo', repo.root, '--format', 'csv']).stdout,
    );
    assert.deepEqual(readdirSync(path.dirname(file)), ['keps.csv'], 'no temp file left beside it');
    // A file named like a format is written with a path.
    const named = runKep(['query', '--repo', repo.root, '--format', 'md', '--output', `${repo.root}/json`]);
    assert.equal(named.status, 0, named.stderr);
    assert.match(readFileSync(path.join(repo.root, 'json'), 'utf8'), /^\| /);
  } finally {
    repo.dispose();
  }
});

test('colour on tables follows --no-color, NO_COLOR and FORCE_COLOR (never when writing a file)', () => {
  const repo = exampleRepo();
  try {
    const ESC = String.fromCharCode(27);
    const bold = new RegExp(`${ESC}\\[1m`);
    const anyStyle = new RegExp(`${ESC}\\[`);
    const env = (extra: Record<string, string>) => ({
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', ...extra },
    });
    for (const command of [['query'], ['lint']]) {
      const args = [...command, '--repo', repo.root];
      assert.doesNotMatch(runKep(args, env({})).stdout, anyStyle, `${command}: not a terminal`);
      assert.match(runKep(args, env({ FORCE_COLOR: '1' })).stdout, command[0] === 'lint' ? anyStyle : bold);
      assert.doesNotMatch(runKep(args, env({ FORCE_COLOR: '1', NO_COLOR: '1' })).stdout, anyStyle);
      assert.doesNotMatch(runKep([...args, '--no-color'], env({ FORCE_COLOR: '1' })).stdout, anyStyle);
    }
    const file = path.join(repo.root, 'table.txt');
    runKep(['query', '--repo', repo.root, '-o', file], env({ FORCE_COLOR: '1' }));
    assert.doesNotMatch(readFileSync(file, 'utf8'), anyStyle);
  } finally {
    repo.dispose();
  }
});
