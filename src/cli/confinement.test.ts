// Repo content is hostile: symbolic links and paths built from metadata must not make kepkit read or write
// anything outside the repository. Each test plants a secret beside a temp copy of the example repo.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exampleRepo, examplesRoot, runKep, type TempRepo, tempRepo } from '../testing/fixtures.js';

const KEP = 'keps/sig-node/5355-container-restart-reasons';
const SECRET = 'TOP-SECRET-4f1d';

/** A temp example repo inside a temp dir that also holds `outside/`, files the repo must never touch. */
function repoBesideSecret(): { repo: TempRepo; outside: string; dispose(): void } {
  const parent = mkdtempSync(path.join(tmpdir(), 'kepkit-confine-'));
  const root = path.join(parent, 'repo');
  cpSync(examplesRoot, root, { recursive: true });
  mkdirSync(path.join(root, '.git'));
  const outside = path.join(parent, 'outside');
  mkdirSync(outside);
  // A markdown file whose table of contents is out of date (so a fix would rewrite it) and a YAML file.
  writeFileSync(
    path.join(outside, 'README.md'),
    `# ${SECRET}\n\n<!-- toc -->\n<!-- /toc -->\n\n## ${SECRET}\n`,
  );
  writeFileSync(path.join(outside, 'secret.yaml'), `kep-number: "5355"\nalpha:\n  approver: "@${SECRET}"\n`);
  return { repo: tempRepo(root), outside, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

test('a README that is a symbolic link out of the repo is reported as io/outside-repo and never read', () => {
  const { repo, outside, dispose } = repoBesideSecret();
  try {
    rmSync(repo.file(`${KEP}/README.md`));
    symlinkSync(path.join(outside, 'README.md'), repo.file(`${KEP}/README.md`));
    const lint = runKep(['lint', '--no-cache', '--repo', repo.root, '--format', 'json']);
    assert.equal(lint.status, 1);
    const diagnostics = JSON.parse(lint.stdout) as { rule: string; file: string }[];
    assert.ok(
      diagnostics.some((d) => d.rule === 'io/outside-repo' && d.file === `${KEP}/README.md`),
      lint.stdout,
    );
    assert.ok(!lint.stdout.includes(SECRET) && !lint.stderr.includes(SECRET), 'the linked text is not read');

    const index = runKep(['index', '--repo', repo.root, '--format', 'kepkit']);
    assert.equal(index.status, 0, index.stderr);
    assert.ok(!index.stdout.includes(SECRET), 'kep index does not embed the linked text');
    const query = runKep(['query', '--repo', repo.root, '--text', SECRET, '--format', 'json']);
    assert.equal(query.status, 0, query.stderr);
    assert.deepEqual(JSON.parse(query.stdout), [], 'kep query --text does not search the linked text');
  } finally {
    dispose();
  }
});

test('kep lint --fix and kep toc --write never write through a link that leaves the repo', () => {
  const { repo, outside, dispose } = repoBesideSecret();
  try {
    const secretFile = path.join(outside, 'README.md');
    const before = readFileSync(secretFile, 'utf8');
    rmSync(repo.file(`${KEP}/README.md`));
    symlinkSync(secretFile, repo.file(`${KEP}/README.md`));

    const fix = runKep(['lint', '--fix', '--no-cache', '--repo', repo.root]);
    assert.equal(fix.status, 1);
    const toc = runKep(['toc', '--write', '--repo', repo.root]);
    assert.equal(toc.status, 1);
    assert.match(toc.stderr, /5355-container-restart-reasons\/README\.md.*leads outside the repository/);
    assert.doesNotMatch(toc.stdout, /updated/);
    assert.equal(readFileSync(secretFile, 'utf8'), before, 'the file outside the repo is unchanged');
  } finally {
    dispose();
  }
});

test('links inside the repository are followed as before', () => {
  const { repo, dispose } = repoBesideSecret();
  try {
    // 5355's README replaced by a link to its own copy elsewhere in the repo: read through the link.
    writeFileSync(repo.file('keps/shared-readme.md'), readFileSync(repo.file(`${KEP}/README.md`)));
    rmSync(repo.file(`${KEP}/README.md`));
    symlinkSync('../../shared-readme.md', repo.file(`${KEP}/README.md`));
    const lint = runKep(['lint', '--no-cache', '--repo', repo.root, '--format', 'json', KEP]);
    const diagnostics = JSON.parse(lint.stdout) as { rule: string }[];
    assert.ok(!diagnostics.some((d) => d.rule.startsWith('io/')), lint.stdout);
    assert.ok(
      diagnostics.some((d) => d.rule === 'readme/toc'),
      'the README was read and checked',
    );
  } finally {
    dispose();
  }
});

test('a kep.yaml or PRR file linked out of the repo, or an owning-sig of ../.., reads nothing outside', () => {
  const { repo, outside, dispose } = repoBesideSecret();
  try {
    const prr = 'keps/prod-readiness/sig-node/5101.yaml';
    rmSync(repo.file(prr));
    symlinkSync(path.join(outside, 'secret.yaml'), repo.file(prr));
    rmSync(repo.file(`${KEP}/kep.yaml`));
    symlinkSync(path.join(outside, 'secret.yaml'), repo.file(`${KEP}/kep.yaml`));
    // owning-sig names the PRR file's directory: ../../../outside would make it outside/secret.yaml.
    const kepYaml = repo.file('keps/sig-network/5266-service-traffic-mirroring/kep.yaml');
    const text = readFileSync(kepYaml, 'utf8');
    writeFileSync(
      kepYaml,
      text
        .replace(/^owning-sig: .*$/m, 'owning-sig: ../../../outside')
        .replace(/^kep-number: .*$/m, 'kep-number: secret'),
    );

    const lint = runKep(['lint', '--no-cache', '--repo', repo.root, '--format', 'json']);
    const diagnostics = JSON.parse(lint.stdout) as { rule: string; file: string }[];
    const outsideRepo = diagnostics.filter((d) => d.rule === 'io/outside-repo').map((d) => d.file);
    assert.deepEqual(outsideRepo.sort(), [`${KEP}/kep.yaml`, prr].sort());
    for (const output of [lint.stdout, lint.stderr]) assert.ok(!output.includes(SECRET), output);
    const query = runKep(['query', '--repo', repo.root, '--format', 'json']);
    assert.ok(!query.stdout.includes(SECRET) && !query.stderr.includes(SECRET), query.stdout);
  } finally {
    dispose();
  }
});

test('a PATH argument is resolved from the repo root when the current directory is elsewhere', () => {
  const repo = exampleRepo();
  try {
    const elsewhere = tmpdir();
    const found = runKep(['lint', '--no-cache', '--repo', repo.root, '--format', 'json', 'keps/sig-node'], {
      cwd: elsewhere,
    });
    assert.ok(found.status === 0 || found.status === 1, found.stderr);
    const files = (JSON.parse(found.stdout) as { file: string }[]).map((d) => d.file);
    assert.ok(files.length > 0 && files.every((file) => file.startsWith('keps/sig-node/')), found.stdout);

    const missing = runKep(['lint', '--repo', repo.root, 'keps/nonexistent'], { cwd: elsewhere });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /keps\/nonexistent: no such file or directory/);
    assert.doesNotMatch(missing.stderr, /outside the repository/);
  } finally {
    repo.dispose();
  }
});
