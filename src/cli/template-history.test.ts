// `kep lint --template history` on the real history: the corpus's history bundle cloned once for this file,
// with the corpus's READMEs copied over its work tree and left untracked. The bundle holds the history of
// every kep.yaml, PRR file and the template only; leaving the READMEs out of it keeps every kep.yaml's
// history — and so the commit each KEP last moved at — exactly the bundle's, and HEAD the bundle's HEAD.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { corpusRoot, makeWritable, projectRoot, runKep, sigsFile } from '../testing/fixtures.js';

const BUNDLE = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements-history.bundle');
/** Implementable, beta, latest-milestone v1.23 set on 2021-09-07 (ab195380): the template was then 90104f0's. */
const CRI = 'keps/sig-node/2040-kubelet-cri';
/** Implementable, latest-milestone v1.22 set in 2021, before the same template change. */
const POD_COST = 'keps/sig-apps/2255-pod-cost';
const TEMPLATE = 'keps/NNNN-kep-template/README.md';
/** "Extend Test Plan section in the KEP template" (2022-04-14) added "Prerequisite testing updates". */
const TEST_PLAN_COMMIT = '53f42dea';
const LATER = 'missing section "Prerequisite testing updates"';
/** A heading the 2021 template already had, and the CRI KEP has not. */
const EARLIER = 'missing section "Drawbacks"';
const NOTE_2021 = '(template of 2021-05-07, 90104f0)';

let work: string;
let clone: string;
let cacheDir: string;

const git = (...args: string[]) => {
  const run = spawnSync('git', args, { cwd: clone, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
};

/** Every README.md of the corpus's keps/, copied to the same path below `to`. */
function copyReadmes(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyReadmes(source, path.join(to, entry.name));
    else if (entry.name === 'README.md') {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
      chmodSync(path.join(to, entry.name), 0o644);
    }
  }
}

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kepkit-template-history-'));
  clone = path.join(work, 'kubernetes-enhancements');
  const cloned = spawnSync('git', ['clone', '--quiet', BUNDLE, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  copyReadmes(path.join(corpusRoot, 'keps'), path.join(clone, 'keps'));
  // The KEPs compared with the corpus whole, for the files their READMEs link to.
  for (const dir of [CRI, POD_COST]) {
    cpSync(path.join(corpusRoot, dir), path.join(clone, dir), { recursive: true });
    makeWritable(path.join(clone, dir));
  }
  cpSync(path.join(corpusRoot, 'OWNERS_ALIASES'), path.join(clone, 'OWNERS_ALIASES'));
  chmodSync(path.join(clone, 'OWNERS_ALIASES'), 0o644);
  // Only untracked files were added: no tracked file (kep.yaml, PRR, template) differs from the bundle.
  assert.equal(git('status', '--porcelain', '--untracked-files=no'), '');
  cacheDir = path.join(work, 'cache');
});

after(() => rmSync(work, { recursive: true, force: true }));

/** `kep lint` on the clone (the given KEPs), with this file's shared cache unless `--no-cache` is passed. */
function lint(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = runKep(['lint', '--repo', clone, '--groups', sigsFile, '--format', 'json', ...args], {
    env: { KEPKIT_CACHE_DIR: cacheDir, ...env },
  });
  assert.doesNotMatch(run.stderr, /^\s+at /m);
  return { ...run, diagnostics: JSON.parse(run.stdout) as Diagnostic[] };
}

const messages = (diagnostics: Diagnostic[], dir: string, rule = 'readme/missing-section') =>
  diagnostics.filter((d) => d.rule === rule && d.file.startsWith(`${dir}/`)).map((d) => d.message);

test('the template commit these tests name added "Prerequisite testing updates"', () => {
  const heading = /^#+ Prerequisite testing updates/m;
  assert.doesNotMatch(git('show', `${TEST_PLAN_COMMIT}^:${TEMPLATE}`), heading);
  assert.match(git('show', `${TEST_PLAN_COMMIT}:${TEMPLATE}`), heading);
  assert.match(
    git('log', '-1', '--format=%aI %s', TEST_PLAN_COMMIT),
    /^2022-04-14T.* Extend Test Plan section/,
  );
});

test('a KEP is judged by the template of the commit where its latest-milestone last changed', () => {
  const { diagnostics, stderr } = lint([CRI]);
  assert.equal(stderr, '');
  const found = messages(diagnostics, CRI);
  // The section the template gained after the KEP moved is not asked for…
  assert.equal(
    found.some((message) => message.startsWith(LATER)),
    false,
  );
  // …one it already had still is, and the finding names the version it was judged by.
  const drawbacks = found.find((message) => message.startsWith(EARLIER));
  assert.ok(drawbacks, found.join('\n'));
  assert.ok(drawbacks.endsWith(NOTE_2021), drawbacks);
  for (const message of found) assert.ok(message.endsWith(NOTE_2021), message);
});

test('--template current gives today’s findings, as on the corpus without history', () => {
  const current = lint([CRI, '--template', 'current']).diagnostics;
  const found = messages(current, CRI);
  assert.ok(
    found.some((message) => message.startsWith(LATER)),
    found.join('\n'),
  );
  assert.ok(found.every((message) => !message.includes('(template of')));
  const corpus = runKep(['lint', '--repo', corpusRoot, '--groups', sigsFile, '--format', 'json', CRI]);
  assert.deepEqual(current, JSON.parse(corpus.stdout));
});

test('the release gate judges the KEPs it gates by the current template, the others by their own', () => {
  const { diagnostics } = lint([CRI, POD_COST, '--release', 'v1.23']);
  const gated = messages(diagnostics, CRI);
  assert.ok(
    gated.some((message) => message.startsWith(LATER)),
    gated.join('\n'),
  );
  assert.ok(gated.every((message) => !message.includes('(template of')));
  const other = messages(diagnostics, POD_COST);
  assert.ok(other.length > 0);
  assert.ok(
    other.every((message) => message.endsWith(NOTE_2021)),
    other.join('\n'),
  );
});

test('a cached lint runs no git: the same findings with no git on PATH', () => {
  const first = lint([CRI, POD_COST]);
  const noGit = mkdtempSync(path.join(work, 'empty-path-'));
  const cached = lint([CRI, POD_COST], { PATH: noGit });
  assert.equal(cached.stderr, '');
  assert.deepEqual(cached.diagnostics, first.diagnostics);
  // Without the cache, git is needed: today's template, and a notice that says why.
  const uncached = lint([CRI, '--no-cache'], { PATH: noGit });
  assert.match(
    uncached.stderr,
    /^kep: no template history, README rules use the current template: git is not installed/m,
  );
  assert.deepEqual(uncached.diagnostics, lint([CRI, '--template', 'current']).diagnostics);
});

test('a KEP whose latest-milestone changed in the work tree is judged by the current template', () => {
  const file = path.join(clone, CRI, 'kep.yaml');
  const text = git('show', `HEAD:${CRI}/kep.yaml`);
  try {
    writeFileSync(file, text.replace('latest-milestone: "v1.23"', 'latest-milestone: "v1.24"'));
    const found = messages(lint([CRI]).diagnostics, CRI);
    assert.ok(
      found.some((message) => message.startsWith(LATER)),
      found.join('\n'),
    );
    assert.ok(found.every((message) => !message.includes('(template of')));
  } finally {
    writeFileSync(file, text);
  }
  assert.ok(messages(lint([CRI]).diagnostics, CRI).every((message) => message.endsWith(NOTE_2021)));
});

test('a shallow clone falls back to the current template with a notice', () => {
  const shallow = path.join(clone, '.git', 'shallow');
  try {
    writeFileSync(shallow, `${git('rev-parse', 'HEAD').trim()}\n`);
    const { diagnostics, stderr } = lint([CRI]);
    assert.match(
      stderr,
      /^kep: no template history, README rules use the current template: .*shallow clone/m,
    );
    assert.deepEqual(diagnostics, lint([CRI, '--template', 'current']).diagnostics);
  } finally {
    rmSync(shallow, { force: true });
  }
});

test('kep.config.json "template": "current" is today’s behaviour; --template history overrides it', () => {
  const config = path.join(clone, 'kep.config.json');
  try {
    writeFileSync(config, JSON.stringify({ template: 'current' }));
    assert.ok(messages(lint([CRI]).diagnostics, CRI).some((message) => message.startsWith(LATER)));
    const history = messages(lint([CRI, '--template', 'history']).diagnostics, CRI);
    assert.ok(history.every((message) => message.endsWith(NOTE_2021)));
    writeFileSync(config, JSON.stringify({ template: 'old' }));
    const bad = runKep(['lint', '--repo', clone, CRI]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /kep\.config\.json: "template": /);
  } finally {
    rmSync(config, { force: true });
  }
});
