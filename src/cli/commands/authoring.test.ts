// kep create, promote, set, migrate and init through the CLI: real temp repositories, real exit codes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkPlan, openWorkspace, planSet, writePlan } from '../../author/index.js';
import { EditConflictError } from '../../edit/atomic.js';
import { profileNamed } from '../../profile/index.js';
import {
  cliPath,
  corpusRepo,
  makeWritable,
  openshiftRepo,
  projectRoot,
  runKep,
  tempRepo,
  withDisposed,
} from '../../testing/fixtures.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const lintJson = (root: string, extra: string[] = []) =>
  JSON.parse(runKep(['lint', '--repo', root, '--format', 'json', ...extra]).stdout) as {
    rule: string;
    severity: string;
    file: string;
  }[];

test('kep create then kep lint on the Kubernetes profile: no error, no placeholder, the upstream layout', () =>
  withDisposed(corpusRepo([KEP]), (repo) => {
    const run = runKep([
      'create',
      '--repo',
      repo.root,
      '--number',
      '9999',
      '--name',
      'my-feature',
      '--sig',
      'sig-auth',
      '--title',
      'My feature',
      '--authors',
      '@me',
      '--approvers',
      '@enj',
      '--prr-approver',
      '@deads2k',
      '--release',
      'v1.37',
    ]);
    assert.equal(run.status, 0, run.stderr);
    for (const file of ['README.md', 'kep.yaml'])
      assert.ok(existsSync(repo.file(`keps/sig-auth/9999-my-feature/${file}`)), file);
    assert.ok(existsSync(repo.file('keps/prod-readiness/sig-auth/9999.yaml')));
    assert.match(repo.read('keps/sig-auth/9999-my-feature/README.md'), /^# KEP-9999: My feature$/m);
    assert.match(repo.read('keps/sig-auth/9999-my-feature/kep.yaml'), /^creation-date: \d{4}-\d{2}-\d{2}$/m);
    const found = lintJson(repo.root).filter((d) => d.file.includes('9999'));
    assert.deepEqual(
      found.filter((d) => d.severity === 'error'),
      [],
    );
    assert.deepEqual(
      found.filter((d) => d.rule === 'readme/placeholder' || d.rule === 'readme/toc'),
      [],
    );
    assert.doesNotMatch(
      repo.read('keps/sig-auth/9999-my-feature/kep.yaml'),
      /NNNN|yyyy|TBD|sig-aaa|MyFeature/,
    );
  }));

test('kep create then kep lint on the OpenShift profile: one file with front matter, no error', () =>
  withDisposed(openshiftRepo(['enhancements/network/admin-network-policy.md']), (repo) => {
    const run = runKep([
      'create',
      '--repo',
      repo.root,
      '--name',
      'my-feature',
      '--sig',
      'network',
      '--title',
      'My feature',
      '--authors',
      '@me',
      '--reviewers',
      '@you',
      '--approvers',
      '@boss',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const text = repo.read('enhancements/network/my-feature.md');
    assert.match(text, /^---\ntitle: my-feature\n/);
    assert.match(text, /^# My feature$/m);
    const found = lintJson(repo.root).filter((d) => d.file.includes('my-feature'));
    assert.deepEqual(
      found.filter((d) => d.severity === 'error'),
      [],
    );
    assert.deepEqual(
      found.filter((d) => d.rule === 'readme/placeholder'),
      [],
    );
  }));

test('kep create then kep lint on the Tekton example profile: teps/NNNN-name.md, no finding', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-tekton-'));
  mkdirSync(path.join(root, '.git'));
  const corpus = path.resolve(projectRoot, '../shared/corpus/tekton-community');
  mkdirSync(path.join(root, 'teps'));
  for (const file of ['README.md', '0002-custom-tasks.md', '0003-tekton-catalog-organization.md'])
    cpSync(path.join(corpus, 'teps', file), path.join(root, 'teps', file));
  makeWritable(root);
  withDisposed(tempRepo(root), (repo) => {
    const profile = path.join(projectRoot, 'examples/profiles/tekton.yaml');
    const run = runKep([
      'create',
      '--repo',
      repo.root,
      '--profile',
      profile,
      '--number',
      '150',
      '--name',
      'new-thing',
      '--title',
      'New thing',
      '--authors',
      '@me',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const text = repo.read('teps/0150-new-thing.md');
    assert.match(text, /^---\ntitle: New thing\n/);
    const found = lintJson(repo.root, ['--profile', profile]).filter((d) => d.file.includes('0150'));
    assert.deepEqual(found, []);
  });
});

interface Refusal {
  name: string;
  args: string[];
  message: RegExp;
}

const refusals: Refusal[] = [
  {
    name: 'a number that is taken',
    args: [
      'create',
      '--number',
      '2033',
      '--name',
      'x',
      '--sig',
      'sig-node',
      '--title',
      'T',
      '--authors',
      '@a',
      '--approvers',
      '@b',
    ],
    message: /--number 2033: number 2033 is taken by keps\/sig-node\/2033/,
  },
  {
    name: 'an unknown SIG',
    args: [
      'create',
      '--number',
      '9998',
      '--name',
      'x',
      '--sig',
      'sig-nope',
      '--title',
      'T',
      '--authors',
      '@a',
      '--approvers',
      '@b',
    ],
    message: /--sig sig-nope: "sig-nope" is not a group listed in sigs.yaml/,
  },
  {
    name: 'a name that is not a slug',
    args: [
      'create',
      '--number',
      '9998',
      '--name',
      'My_Name',
      '--sig',
      'sig-node',
      '--title',
      'T',
      '--authors',
      '@a',
      '--approvers',
      '@b',
    ],
    message: /--name My_Name: "My_Name" is not a lowercase slug/,
  },
  {
    name: 'a path that leaves the repository',
    args: [
      'create',
      '--number',
      '9998',
      '--name',
      'x',
      '--sig',
      '..',
      '--title',
      'T',
      '--authors',
      '@a',
      '--approvers',
      '@b',
    ],
    message: /--sig \.\.: "\.\." is not a plain directory name/,
  },
  {
    name: 'a missing required field without a terminal',
    args: ['create', '--number', '9998', '--name', 'x', '--sig', 'sig-node'],
    message: /missing --title, --authors, --approvers \(no terminal to ask on\)/,
  },
  {
    name: 'a status that is not a status',
    args: ['set', '2033', 'status=implementd'],
    message: /status: "implementd" is not a status of the kubernetes profile/,
  },
  {
    name: 'a milestone of the wrong format',
    args: ['set', '2033', 'milestone.beta=v1.3x'],
    message: /milestone.beta: "v1.3x" is not a milestone/,
  },
  {
    name: 'a field the profile does not have',
    args: ['set', '2033', 'colour=blue'],
    message: /colour: not a field of the kubernetes profile/,
  },
  {
    name: 'a backwards promotion',
    args: ['promote', '2033', '--stage', 'alpha', '--release', 'v1.40'],
    message: /stage is beta; alpha would be a move back/,
  },
  {
    name: 'a write that adds an error',
    args: ['promote', '2033', '--stage', 'stable', '--release', 'v1.40', '--prr-approver', '@nobody'],
    message: /not written: .*"@nobody" is not a PRR approver .*prr\/approver/,
  },
  {
    name: 'an unknown proposal',
    args: ['set', '4242', 'status=implemented'],
    message: /no proposal numbered 4242 under keps/,
  },
];

for (const { name, args, message } of refusals) {
  test(`refused with exit 2, its message, nothing written: ${name}`, () =>
    withDisposed(corpusRepo([KEP]), (repo) => {
      const before = snapshot(repo.root);
      const run = runKep([...args, '--repo', repo.root], { stdio: ['ignore', 'pipe', 'pipe'] });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(snapshot(repo.root), before);
    }));
}

/** Every file of a tree with its text. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(rel);
      else out[rel] = tempRepo(root).read(rel);
    }
  };
  visit('.');
  return out;
}

test('kep set --dry-run prints a unified diff and writes nothing; without it, writes only the value', () =>
  withDisposed(corpusRepo([KEP]), (repo) => {
    const before = repo.read(`${KEP}/kep.yaml`);
    const dry = runKep(['set', '2033', 'reviewers+=@zed', '--dry-run', '--repo', repo.root]);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^\+\+\+ b\/keps\/sig-node\/2033-kubelet-in-userns-aka-rootless\/kep.yaml$/m);
    assert.match(dry.stdout, /^\+ {2}- "@zed"$/m);
    assert.equal(repo.read(`${KEP}/kep.yaml`), before);
    const run = runKep(['set', '2033', 'reviewers+=@zed', '--repo', repo.root]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      repo.read(`${KEP}/kep.yaml`),
      before.replace('  - "@sftim"\n', '  - "@sftim"\n  - "@zed"\n'),
    );
  }));

test('kep migrate --check exits 1 and names the README; kep migrate writes it, then --check exits 0', () =>
  withDisposed(corpusRepo([KEP]), (repo) => {
    repo.edit(`${KEP}/README.md`, /^## Drawbacks\n/m, '## Former drawbacks\n');
    const named = runKep(['migrate', '2033', '--check', '--repo', repo.root]);
    assert.equal(named.status, 1, named.stderr);
    assert.match(named.stdout, /2033-kubelet-in-userns-aka-rootless\/README.md/);
    const run = runKep(['migrate', '2033', '--repo', repo.root]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(repo.read(`${KEP}/README.md`), /^## Drawbacks\n/m);
    assert.equal(runKep(['migrate', '2033', '--check', '--repo', repo.root]).status, 0);
  }));

test('kep init sets up a repository that kep lint passes and kep create adds to', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-init-test-'));
  try {
    const run = runKep(['init', '--repo', root]);
    assert.equal(run.status, 0, run.stderr);
    mkdirSync(path.join(root, '.git'));
    const lint = runKep(['lint', '--repo', root, '--format', 'json']);
    assert.deepEqual(
      JSON.parse(lint.stdout).filter((d: { severity: string }) => d.severity === 'error'),
      [],
    );
    const again = runKep(['init', '--repo', root]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /kep.config.json already exists/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('crash safety: a process killed between the temporary write and the rename leaves the original intact', () =>
  withDisposed(corpusRepo([KEP]), (repo) => {
    const before = repo.read(`${KEP}/kep.yaml`);
    const script = `
      import { openWorkspace, planSet, writePlan } from ${JSON.stringify(path.join(projectRoot, 'dist/author/index.js'))};
      import { profileNamed } from ${JSON.stringify(path.join(projectRoot, 'dist/profile/index.js'))};
      const ws = openWorkspace(${JSON.stringify(repo.root)}, { profile: profileNamed('kubernetes') });
      const plan = planSet(ws, '2033', [{ field: 'status', op: '=', value: 'implemented' }]);
      writePlan(ws.root, plan, { inWindow: () => process.kill(process.pid, 'SIGKILL') });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.signal, 'SIGKILL');
    assert.equal(repo.read(`${KEP}/kep.yaml`), before);
    // The temporary file it left is removed by the next write there.
    const ws = openWorkspace(repo.root, { profile: profileNamed('kubernetes')! });
    writePlan(repo.root, planSet(ws, '2033', [{ field: 'status', op: '=', value: 'implemented' }]));
    assert.deepEqual(
      readdirSync(repo.file(KEP)).filter((f) => f.endsWith('.tmp')),
      [],
    );
    assert.match(repo.read(`${KEP}/kep.yaml`), /^status: implemented$/m);
  }));

test('a concurrent edit between read and write is detected and not overwritten', () =>
  withDisposed(corpusRepo([KEP]), (repo) => {
    const ws = openWorkspace(repo.root, { profile: profileNamed('kubernetes')! });
    const plan = planSet(ws, '2033', [{ field: 'status', op: '=', value: 'implemented' }]);
    assert.deepEqual(checkPlan(ws, plan).blocking, []);
    repo.edit(`${KEP}/kep.yaml`, 'title: Rootless mode', 'title: Rootless mode, edited meanwhile');
    assert.throws(() => writePlan(repo.root, plan), EditConflictError);
    assert.match(repo.read(`${KEP}/kep.yaml`), /edited meanwhile/);
    assert.match(repo.read(`${KEP}/kep.yaml`), /^status: implementable$/m);
  }));

test('interactive kep create through a pseudo-terminal: each missing field asked, a bad answer refused as typed', async () => {
  const repo = corpusRepo([KEP]);
  try {
    const command = [
      process.execPath,
      cliPath,
      'create',
      '--repo',
      repo.root,
      '--number',
      '9997',
      '--sig',
      'sig-auth',
      '--approvers',
      '@enj',
    ]
      .map((arg) => `'${arg.replaceAll("'", "'\\''")}'`)
      .join(' ');
    // util-linux script(1) gives the command a terminal; the answers are typed when their prompt shows.
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const answers: [RegExp, string][] = [
      [/Short name/, 'Not A Slug\r'],
      [/not a lowercase slug/, '\u0015pty-feature\r'],
      [/Title/, 'Typed title\r'],
      [/Authors/, '@typist\r'],
    ];
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const next = answers[0];
      if (next && next[0].test(output)) {
        answers.shift();
        child.stdin.write(next[1]);
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 0, output);
    assert.deepEqual(answers, [], 'every prompt was shown');
    const text = repo.read('keps/sig-auth/9997-pty-feature/kep.yaml');
    assert.match(text, /^title: Typed title$/m);
    assert.match(text, /^ {2}- "@typist"$/m);
  } finally {
    repo.dispose();
  }
});
