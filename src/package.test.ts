// The installable package: `npm pack` on a clean copy of the sources builds (prepack) and packs the built code and
// the profiles without tests; the tarball, copied away from the sources and installed with `npm install -g` into a
// temp prefix, runs every command on a copy of the examples with the same output as the build under test.
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cliPath, examplesRoot, projectRoot } from './testing/fixtures.js';

const SOURCES = [
  'src',
  'scripts',
  'profiles',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'README.md',
];

/** npm's environment without what `npm test` sets for its own run (a prefix, a script name), cache kept. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) || /^npm_config_(cache|registry|userconfig)$/i.test(key)) env[key] = value;
  return { ...env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function npm(cwd: string, args: string[]): string {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', env: npmEnv(), timeout: 300_000 });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

interface PackedFile {
  path: string;
}

/** Everything the test makes: the clean source copy, the tarball's new home, the prefix, the repos. */
function packAndInstall(work: string): { kep: string; files: string[] } {
  const stage = path.join(work, 'stage');
  mkdirSync(stage);
  for (const entry of [...SOURCES, 'CHANGELOG.md'])
    cpSync(path.join(projectRoot, entry), path.join(stage, entry), { recursive: true });
  // The dependencies as `npm ci` installed them; no dist: prepack must build it.
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(stage, 'node_modules'));
  const packed = JSON.parse(npm(stage, ['pack', '--json', '--pack-destination', work])) as {
    filename: string;
    files: PackedFile[];
  }[];
  const tarball = packed[0]!.filename;
  rmSync(stage, { recursive: true, force: true });

  // A machine with the tarball only: its own directory, installed globally into a prefix of its own.
  const machine = path.join(work, 'machine');
  mkdirSync(machine);
  cpSync(path.join(work, tarball), path.join(machine, tarball));
  const prefix = path.join(machine, 'prefix');
  npm(machine, ['install', '--global', '--prefix', prefix, '--prefer-offline', `./${tarball}`]);
  return { kep: path.join(prefix, 'bin', 'kep'), files: packed[0]!.files.map((file) => file.path) };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, cacheDir: string): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, KEPKIT_CACHE_DIR: cacheDir, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the examples as a git repository with one commit (kep history reads git). */
function exampleGitRepo(root: string): void {
  cpSync(examplesRoot, root, { recursive: true });
  rmSync(path.join(root, '.git'), { recursive: true, force: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'kepkit test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'kepkit test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'examples'],
  ])
    assert.equal(spawnSync('git', args, { cwd: root, env }).status, 0, `git ${args.join(' ')}`);
}

/** Start the installed `kep serve --port 0`, fetch the list page, stop it. */
async function servePage(kep: string, root: string, cacheDir: string): Promise<string> {
  const child = spawn(kep, ['serve', '--repo', root, '--port', '0'], {
    env: { ...process.env, KEPKIT_CACHE_DIR: cacheDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(() => reject(new Error(`kep serve did not start: ${stderr}`)), 60_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.on('exit', (code) => reject(new Error(`kep serve exited ${code}: ${stderr}`)));
    });
    const response = await fetch(url);
    assert.equal(response.status, 200);
    return await response.text();
  } finally {
    child.kill('SIGTERM');
  }
}

test('npm pack builds and packs no tests; the tarball installed elsewhere runs every command as the build does', {
  timeout: 600_000,
}, async () => {
  const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'kepkit-package-')));
  try {
    const { kep, files } = packAndInstall(work);
    assert.ok(files.includes('dist/cli/main.js'), 'the built CLI is packed');
    assert.ok(files.includes('profiles/kubernetes.yaml') && files.includes('profiles/openshift.yaml'));
    assert.ok(files.includes('CHANGELOG.md'));
    assert.deepEqual(
      files.filter((file) => /\.test\.js$|^dist\/testing\/|^src\//.test(file)),
      [],
      'no tests, test helpers or sources',
    );

    // The installed CLI is the package's copy, not the sources'.
    const installed = realpathSync(kep);
    assert.ok(installed.startsWith(work) && !installed.startsWith(projectRoot), installed);
    assert.ok(existsSync(path.join(path.dirname(installed), '../../profiles/kubernetes.yaml')));

    const repo = path.join(work, 'repo');
    exampleGitRepo(repo);
    const cacheDir = (name: string) => mkdtempSync(path.join(work, `cache-${name}-`));
    const outside = path.join(work, 'elsewhere');
    mkdirSync(outside);
    const both = (args: string[]) => {
      const mine = cacheDir('installed');
      const theirs = cacheDir('build');
      return {
        installed: run(kep, args, outside, mine),
        build: run(process.execPath, [cliPath, ...args], outside, theirs),
      };
    };

    const help = both(['--help']);
    assert.equal(help.installed.status, 0);
    assert.equal(help.installed.stdout, help.build.stdout);
    const commands = [...help.installed.stdout.matchAll(/^ {2}([a-z-]+) /gm)]
      .map((match) => match[1]!)
      .filter((name) => name !== 'help');
    assert.ok(commands.includes('lint') && commands.includes('build-site') && commands.length >= 15);
    for (const command of commands) {
      const runs = both([command, '--help']);
      assert.equal(runs.installed.status, 0, `${command} --help: ${runs.installed.stderr}`);
      assert.equal(runs.installed.stdout, runs.build.stdout, `${command} --help`);
    }

    const r = ['--repo', repo];
    const site = path.join(work, 'site');
    const cases: string[][] = [
      ['lint', ...r, '--format', 'json'],
      ['lint', ...r, '--format', 'sarif'],
      ['rules', '--format', 'json'],
      ['rules', 'readme/toc'],
      ['schema', ...r],
      ['schema', 'profile'],
      ['query', ...r, '--format', 'json'],
      ['index', ...r],
      ['toc', ...r, '--check'],
      ['release', 'v1.36', ...r, '--format', 'json'],
      ['history', ...r, '--format', 'json'],
      ['set', '5101', 'status=implemented', '--dry-run', ...r],
      ['promote', '5101', '--stage', 'stable', '--release', 'v1.40', '--dry-run', ...r],
      ['migrate', '--all', '--check', ...r],
      [
        'create',
        '--dry-run',
        '--number',
        '9999',
        '--name',
        'packaged',
        '--sig',
        'sig-storage',
        '--title',
        'Packaged',
        '--authors',
        '@a',
        '--approvers',
        '@b',
        '--no-input',
        ...r,
      ],
      ['init', '--repo', path.join(work, 'new-repo'), '--dry-run'],
    ];
    for (const args of cases) {
      const runs = both(args);
      const name = args.filter((arg) => !arg.startsWith(work)).join(' ');
      assert.notEqual(runs.installed.status, null, name);
      assert.doesNotMatch(runs.installed.stderr, /^\s+at |Cannot find (module|package)/m, name);
      assert.equal(runs.installed.status, runs.build.status, `${name}: ${runs.installed.stderr}`);
      assert.equal(runs.installed.stdout, runs.build.stdout, name);
    }
    // The example repository breaks rules on purpose: the lint finds them.
    assert.equal(both(['lint', ...r]).installed.status, 1);

    const built = run(kep, ['build-site', ...r, '--out', site], outside, cacheDir('site'));
    assert.equal(built.status, 0, built.stderr);
    assert.ok(readdirSync(site).includes('index.html'));
    assert.match(await servePage(kep, repo, cacheDir('serve')), /5101/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
