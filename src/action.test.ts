// The GitHub Action (action.yml) run through its own steps, as the runner would: each `run:` script with bash
// in a temp git repository, its `env:` and `working-directory` evaluated for the only expressions the action may
// use there (`${{ inputs.NAME }}`, `${{ github.action_path }}`); `uses:` steps are not run, their `if:` and
// `with:` are checked. The annotations and exit code are compared with `kep lint --changed` run directly.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ … }}) are what this test reads
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { cliPath, corpusRepo, gitIn, projectRoot } from './testing/fixtures.js';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.NAME }}` and `${{ github.action_path }}`, anywhere in a value; any other expression throws. */
function evaluate(value: string, inputs: Record<string, string>, actionPath: string): string {
  return value.replace(/\$\{\{(.*?)\}\}/g, (_whole, inner: string) => {
    const expression = inner.trim();
    if (expression === 'github.action_path') return actionPath;
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression)?.[1];
    if (input === undefined)
      throw new Error(`action.yml: an expression the test cannot evaluate: ${expression}`);
    if (!(input in action.inputs)) throw new Error(`action.yml: no input named ${input}`);
    return inputs[input] ?? action.inputs[input]!.default ?? '';
  });
}

const git = (cwd: string, ...args: string[]): void => void gitIn(cwd, ...args);

const USERNS = 'keps/sig-node/127-user-namespaces';
const IN_PLACE = 'keps/sig-node/1287-in-place-update-pod-resources';

/** A pull request's checkout: main (also as origin/main) and a branch that changes one KEP's README. */
function pullRequestRepo(): string {
  const repo = corpusRepo([USERNS, IN_PLACE]);
  rmSync(repo.file('.git'), { recursive: true, force: true });
  git(repo.root, 'init', '-q', '-b', 'main');
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-q', '-m', 'main');
  git(repo.root, 'update-ref', 'refs/remotes/origin/main', 'main');
  git(repo.root, 'checkout', '-q', '-b', 'feature');
  repo.edit(`${USERNS}/README.md`, '## Summary', '## Summary\n\nA change in the pull request.');
  git(repo.root, 'commit', '-q', '-am', 'feature');
  return repo.root;
}

/** The action's checkout as the runner has it, built: its files, the build, the installed dependencies. */
function actionCheckout(work: string): string {
  const home = path.join(work, 'action');
  mkdirSync(home);
  for (const entry of ['action.yml', 'package.json', 'package-lock.json', 'dist', 'profiles'])
    cpSync(path.join(projectRoot, entry), path.join(home, entry), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(home, 'node_modules'));
  return home;
}

interface StepRun {
  name: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the action's steps in order as the runner would, until one fails. */
function runAction(
  workspace: string,
  actionPath: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): { steps: StepRun[]; output: string; temp: string } {
  const temp = mkdtempSync(path.join(tmpdir(), 'kepkit-runner-temp-'));
  const outputFile = path.join(temp, 'github-output');
  writeFileSync(outputFile, '');
  const steps: StepRun[] = [];
  for (const step of action.runs.steps) {
    if (step.uses !== undefined || step.run === undefined) continue;
    assert.equal(step.shell, 'bash');
    // Script injection: the script's text holds no expression; inputs arrive through its env.
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: an expression in the script text`);
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, inputs, actionPath)]),
    );
    const cwd = path.resolve(workspace, evaluate(step['working-directory'] ?? '.', inputs, actionPath));
    const script = path.join(temp, `step-${steps.length}.sh`);
    writeFileSync(script, step.run);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        ...process.env,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_OUTPUT: outputFile,
        RUNNER_TEMP: temp,
        KEPKIT_CACHE_DIR: path.join(temp, 'cache'),
        ...env,
        ...stepEnv,
      },
    });
    steps.push({ name: step.name ?? '', status: run.status, stdout: run.stdout, stderr: run.stderr });
    if (run.status !== 0) break;
  }
  return { steps, output: readFileSync(outputFile, 'utf8'), temp };
}

/** `kep lint --changed` run directly, with a cache of its own. */
function directLint(repo: string, args: string[], env: Record<string, string>) {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-direct-'));
  try {
    return spawnSync(process.execPath, [cliPath, 'lint', '--changed', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, KEPKIT_CACHE_DIR: cacheDir, ...env },
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

test('action.yml: a composite action with the inputs the README documents; uses: steps are guarded', () => {
  assert.equal(action.runs.using, 'composite');
  for (const input of ['profile', 'release', 'strict', 'base', 'sarif', 'args', 'working-directory'])
    assert.ok(action.inputs[input]?.description, `input ${input}`);
  const uses = action.runs.steps.filter((step) => step.uses !== undefined);
  const setup = uses.find((step) => step.uses!.startsWith('actions/setup-node@'));
  assert.equal(setup?.if, "${{ inputs.node-version != '' }}");
  assert.deepEqual(setup?.with, { 'node-version': '${{ inputs.node-version }}' });
  const upload = uses.find((step) => step.uses!.startsWith('github/codeql-action/upload-sarif@'));
  // Uploaded also when the lint failed (that is when findings matter), and only when SARIF was asked for.
  assert.equal(
    upload?.if,
    "${{ always() && inputs.sarif == 'true' && steps.lint.outputs.sarif-file != '' }}",
  );
  assert.deepEqual(upload?.with, { sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: 'kepkit' });
  assert.ok(action.runs.steps.some((step) => step.id === 'lint'));
  assert.equal(action.outputs?.['sarif-file']?.value, '${{ steps.lint.outputs.sarif-file }}');
});

test('action.yml run through its steps: annotations and exit code as kep lint --changed --format github gives them', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kepkit-action-'));
  const repo = pullRequestRepo();
  const temps: string[] = [];
  try {
    const actionPath = actionCheckout(work);
    const pr = { GITHUB_BASE_REF: 'main' };
    const direct = directLint(repo, ['--format', 'github'], pr);
    assert.match(direct.stdout, /^::(error|warning) file=keps\/sig-node\/127-user-namespaces\//m);

    const plain = runAction(repo, actionPath, {}, pr);
    temps.push(plain.temp);
    const [install, lint] = plain.steps;
    assert.equal(install?.status, 0, install?.stderr);
    assert.match(install!.stdout, /already installed/);
    assert.equal(lint?.stdout, direct.stdout);
    assert.equal(lint?.status, direct.status);
    assert.match(lint!.stderr, /--changed: 1 proposal to check, changed since origin\/main/);
    assert.equal(plain.output, '', 'no SARIF asked for, none written');

    // strict, SARIF and extra arguments: a glob in args reaches kep as written (`*=off`: every rule off but one).
    const strict = runAction(
      repo,
      actionPath,
      { strict: 'true', sarif: 'true', args: '--rule *=off --rule readme/placeholder=warn' },
      pr,
    );
    temps.push(strict.temp);
    const strictDirect = directLint(
      repo,
      ['--max-warnings', '0', '--rule', '*=off', '--rule', 'readme/placeholder=warn', '--format', 'github'],
      pr,
    );
    const strictLint = strict.steps[1]!;
    assert.equal(strictLint.stdout, strictDirect.stdout);
    assert.ok(strictLint.stdout.length > 0);
    assert.match(strictLint.stdout, /^::warning .*title=readme\/placeholder::/m);
    assert.doesNotMatch(strictLint.stdout, /^::error/m);
    assert.equal(strictLint.status, 1, 'warnings fail under strict');
    const sarifFile = path.join(strict.temp, 'kepkit.sarif');
    assert.equal(strict.output, `sarif-file=${sarifFile}\n`);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: unknown[] }[] };
    assert.equal(sarif.runs[0]!.results.length, strictLint.stdout.trim().split('\n').length);

    // The release gate and a working directory.
    const gate = runAction(repo, actionPath, { release: 'v1.36', 'working-directory': 'keps' }, pr);
    temps.push(gate.temp);
    assert.equal(
      gate.steps[1]!.stdout,
      directLint(repo, ['--release', 'v1.36', '--format', 'github'], pr).stdout,
    );
  } finally {
    for (const temp of temps) rmSync(temp, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  }
});

test('action.yml: inputs are data, not shell; bad values and a missing base are exit 2; nothing changed passes', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kepkit-action-'));
  const repo = pullRequestRepo();
  const temps: string[] = [];
  try {
    const actionPath = actionCheckout(work);
    const pwned = path.join(work, 'pwned');
    const hostile = runAction(
      repo,
      actionPath,
      { base: `main$(touch ${pwned})`, profile: '`touch x`' },
      {
        GITHUB_BASE_REF: 'main',
      },
    );
    temps.push(hostile.temp);
    assert.equal(hostile.steps[1]!.status, 2);
    assert.equal(existsSync(pwned), false, 'the input ran as shell');
    assert.equal(existsSync(path.join(repo, 'x')), false);

    const badStrict = runAction(repo, actionPath, { strict: 'yes' }, { GITHUB_BASE_REF: 'main' });
    temps.push(badStrict.temp);
    assert.equal(badStrict.steps[1]!.status, 2);
    assert.match(badStrict.steps[1]!.stdout, /^::error title=kepkit::strict must be true or false$/m);

    // A pull request against a branch the checkout does not have (a shallow fetch): exit 2, said.
    const noBase = runAction(repo, actionPath, {}, { GITHUB_BASE_REF: 'release-9.9' });
    temps.push(noBase.temp);
    assert.equal(noBase.steps[1]!.status, 2);
    assert.match(noBase.steps[1]!.stderr, /no base revision found \(tried origin\/release-9\.9\)/);

    // Comparing the branch with itself: nothing changed, exit 0 with a notice (and an empty SARIF to upload).
    const same = runAction(repo, actionPath, { base: 'HEAD', sarif: 'true' }, { GITHUB_BASE_REF: 'main' });
    temps.push(same.temp);
    assert.equal(same.steps[1]!.status, 0);
    assert.equal(same.steps[1]!.stdout, '');
    assert.match(same.steps[1]!.stderr, /no proposal changed since HEAD/);
    const sarif = JSON.parse(readFileSync(path.join(same.temp, 'kepkit.sarif'), 'utf8')) as {
      runs: { results: unknown[] }[];
    };
    assert.deepEqual(sarif.runs[0]!.results, []);
  } finally {
    for (const temp of temps) rmSync(temp, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  }
});
