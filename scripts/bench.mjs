// `npm run bench`: the speed figures the issues name, on the Kubernetes corpus, as ratios to the floor
// (../shared/bench/floor: read every file, parse the YAML, tokenize the markdown, one thread) measured in the
// same run. Medians of several whole-process runs; peak RSS from the process itself.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const project = fileURLToPath(new URL('..', import.meta.url));
const shared = path.resolve(project, '../shared');
const corpus = path.join(shared, 'corpus/kubernetes-enhancements');
const floorScript = path.join(shared, 'bench/floor/floor.mjs');
const kep = path.join(project, 'dist/cli/main.js');
const rssHook = path.join(project, 'scripts/bench-rss.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv.slice(2);

if (!existsSync(corpus) || !existsSync(floorScript)) {
  console.error(`bench: needs ${corpus} and ${floorScript}`);
  process.exit(2);
}

/** Run a command once; return wall seconds and peak RSS in MB (node processes only). */
function runOnce(args, env = {}) {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'kepkit-bench-')), 'rss');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', rssHook, ...args], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile, ...env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`bench: ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { seconds, rss };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Median wall time and max peak RSS over `runs` runs; `prepare` runs before each (not timed). */
/**
 * Median wall time and max peak RSS over `runs` runs; `prepare` runs before each (not timed). With `pairFloor`,
 * a floor run precedes each run and the ratio is the median of the per-round ratios (as for the paired rows).
 */
function measure(args, { env = {}, prepare, pairFloor } = {}) {
  const times = [];
  const rss = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    prepare?.();
    const floorRun = pairFloor ? runOnce(paired[0].args) : undefined;
    const run = runOnce(args, env);
    times.push(run.seconds);
    rss.push(run.rss);
    if (floorRun) ratios.push(run.seconds / floorRun.seconds);
  }
  return {
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    rss: Math.max(...rss),
    ...(pairFloor ? { ratio: median(ratios) } : {}),
  };
}

const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-cache-'));
const cacheEnv = { KEPKIT_CACHE_DIR: cacheDir };
const clearCache = () => rmSync(cacheDir, { recursive: true, force: true });
const commands = spawnSync(process.execPath, [kep, '--help'], { encoding: 'utf8' }).stdout;
const has = (command) => new RegExp(`^  ${command}\\b`, 'm').test(commands);
const ruleIds = JSON.parse(
  spawnSync(process.execPath, [kep, 'rules', '--json'], { encoding: 'utf8' }).stdout,
).map((r) => r.id);
// The README rules of issue 3, switched off for the metadata-only comparison (only those that exist).
const readmeRuleFlags = ruleIds
  .filter((id) => id.startsWith('readme/') || id === 'prr/questionnaire')
  .flatMap((id) => ['--rule', `${id}=off`]);

const rows = [];

// The floor and the two no-cache lints run in rounds (floor, all rules, metadata rules, in turn), so that each
// ratio is taken between runs made moments apart: the machines' speed drifts by a quarter within minutes.
const paired = [
  { name: 'floor (parse)', args: [floorScript, corpus, 'parse'], target: '' },
  {
    name: 'lint, no cache',
    args: [kep, 'lint', '--repo', corpus, '--no-cache', '--format', 'json'],
    target: 1.2,
    rssTarget: 300,
  },
  {
    name: 'lint, metadata rules only, no cache',
    args: [kep, 'lint', '--repo', corpus, '--no-cache', '--format', 'json', ...readmeRuleFlags],
  },
];
const pairedRuns = paired.map(() => []);
for (let round = 0; round < runs; round++) {
  for (const [index, bench] of paired.entries()) pairedRuns[index].push(runOnce(bench.args));
}
const pairedRow = (index) => {
  const times = pairedRuns[index].map((run) => run.seconds);
  return {
    ...paired[index],
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    rss: Math.max(...pairedRuns[index].map((run) => run.rss)),
    // Median of the per-round ratios to the floor.
    ratio: median(times.map((time, round) => time / pairedRuns[0][round].seconds)),
  };
};
const floor = pairedRow(0);
rows.push(floor, pairedRow(1), pairedRow(2));
// OpenShift (a one-file layout, profiles/openshift.yaml): the no-cache lint against the floor on that corpus, in rounds.
const openshiftCorpus = path.join(shared, 'corpus/openshift-enhancements');
if (existsSync(openshiftCorpus)) {
  const pair = [
    [floorScript, openshiftCorpus, 'parse'],
    [kep, 'lint', '--repo', openshiftCorpus, '--no-cache', '--format', 'json'],
  ];
  const times = pair.map(() => []);
  for (let round = 0; round < runs; round++)
    for (const [index, args] of pair.entries()) times[index].push(runOnce(args).seconds);
  const [floorTimes, lintTimes] = times;
  rows.push({
    name: 'openshift: lint, no cache',
    median: median(lintTimes),
    min: Math.min(...lintTimes),
    max: Math.max(...lintTimes),
    rss: Number.NaN,
    ratio: median(lintTimes.map((time, round) => time / floorTimes[round])),
    target: 1.5,
  });
}
/** Median over rounds of (every rule ÷ metadata rules only), the issue's README-rules budget. */
const readmeRatio = median(pairedRuns[1].map((run, round) => run.seconds / pairedRuns[2][round].seconds));

const benchmarks = [
  {
    name: 'lint, cached, nothing changed',
    args: [kep, 'lint', '--repo', corpus, '--format', 'json'],
    env: cacheEnv,
    warm: true,
    target: 0.2,
  },
  {
    // The cache keeps each configuration apart: switching between them costs no cold run.
    name: 'lint, cached, after alternating with --release v1.37 and --rule readme=off',
    args: [kep, 'lint', '--repo', corpus, '--format', 'json'],
    env: cacheEnv,
    warm: true,
    prepare: () => {
      runOnce([kep, 'lint', '--repo', corpus, '--format', 'json', '--release', 'v1.37'], cacheEnv);
      runOnce([kep, 'lint', '--repo', corpus, '--format', 'json', '--rule', 'readme=off'], cacheEnv);
    },
    alsoWarm: [
      ['--release', 'v1.37'],
      ['--rule', 'readme=off'],
    ],
    target: 0.2,
  },
];
if (has('query')) {
  benchmarks.push(
    {
      name: 'query --sig sig-node --stage beta, cold',
      args: [kep, 'query', '--repo', corpus, '--sig', 'sig-node', '--stage', 'beta', '--format', 'json'],
      env: cacheEnv,
      cold: true,
      target: 0.5,
    },
    {
      name: 'query --text, cold',
      args: [kep, 'query', '--repo', corpus, '--text', 'topology', '--format', 'json'],
      env: cacheEnv,
      cold: true,
      target: 0.5,
    },
    {
      name: 'query --sig sig-node --stage beta, warm',
      args: [kep, 'query', '--repo', corpus, '--sig', 'sig-node', '--stage', 'beta', '--format', 'json'],
      env: cacheEnv,
      warm: true,
      target: 0.1,
    },
  );
}
if (has('index')) {
  benchmarks.push({
    name: 'index (kepify shape), cold',
    args: [kep, 'index', '--repo', corpus],
    env: cacheEnv,
    cold: true,
  });
}

let historyRepo;
if (has('history')) {
  historyRepo = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-history-'));
  spawnSync('git', [
    'clone',
    '-q',
    path.join(shared, 'corpus/kubernetes-enhancements-history.bundle'),
    historyRepo,
  ]);
  benchmarks.push(
    {
      name: 'history, whole bundle, cold',
      args: [kep, 'history', '--repo', historyRepo, '--format', 'json'],
      env: cacheEnv,
      cold: true,
      target: 4,
    },
    {
      name: 'history, whole bundle, cached',
      args: [kep, 'history', '--repo', historyRepo, '--format', 'json'],
      env: cacheEnv,
      warm: true,
      target: 0.4,
    },
  );
}

// The web UI (issue 12): the static site of the corpus from nothing (no cache, no earlier output), again with
// nothing changed, and after one KEP changed (a copy of the corpus, edited before each run: the manifest in the
// output lets the build render only what depends on it).
let siteOut;
let siteCopy;
const SITE_KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
/** A writable copy of the corpus with the groups list beside it, as in ../shared/corpus. */
function corpusCopy() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-corpus-'));
  cpSync(corpus, path.join(dir, 'kubernetes-enhancements'), { recursive: true });
  cpSync(path.join(shared, 'corpus/community'), path.join(dir, 'community'), { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', dir]);
  return { dir, root: path.join(dir, 'kubernetes-enhancements') };
}
let siteEdits = 0;
/** Change one KEP's title and README (a different text each time). */
function editSiteKep(root) {
  siteEdits++;
  const yaml = path.join(root, SITE_KEP, 'kep.yaml');
  writeFileSync(
    yaml,
    readFileSync(yaml, 'utf8').replace(/^title: .*$/m, `title: Edited for the bench ${siteEdits}`),
  );
  const readme = path.join(root, SITE_KEP, 'README.md');
  writeFileSync(readme, `${readFileSync(readme, 'utf8')}\nEdit ${siteEdits}.\n`);
}
if (has('build-site')) {
  siteOut = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-site-'));
  const fresh = () => {
    clearCache();
    rmSync(siteOut, { recursive: true, force: true });
  };
  benchmarks.push(
    {
      name: 'build-site, cold (no cache, no output)',
      args: [kep, 'build-site', '--repo', corpus, '--out', siteOut],
      env: cacheEnv,
      prepare: fresh,
      pairFloor: true,
      target: 10,
    },
    {
      name: 'build-site, nothing changed',
      args: [kep, 'build-site', '--repo', corpus, '--out', siteOut],
      env: cacheEnv,
      warm: true,
      before: fresh,
      pairFloor: true,
    },
  );
  if (only.length === 0 || only.some((word) => 'build-site, incremental'.includes(word))) {
    siteCopy = corpusCopy();
    const copyOut = path.join(siteCopy.dir, 'site');
    benchmarks.push({
      name: 'build-site, incremental, one KEP changed',
      args: [kep, 'build-site', '--repo', siteCopy.root, '--out', copyOut],
      env: cacheEnv,
      warm: true,
      before: clearCache,
      prepare: () => editSiteKep(siteCopy.root),
      pairFloor: true,
      target: 2,
    });
  }
}

// Authoring (issue 11): each command plans and lints its text on the corpus; --dry-run writes nothing.
if (has('set')) {
  benchmarks.push(
    {
      name: 'set 2033 status=implemented --dry-run',
      args: [kep, 'set', '2033', 'status=implemented', '--dry-run', '--repo', corpus],
      target: 0.25,
    },
    {
      name: 'promote 2033 --stage stable --dry-run',
      args: [
        kep,
        'promote',
        '2033',
        '--stage',
        'stable',
        '--release',
        'v1.40',
        '--prr-approver',
        '@johnbelamaric',
        '--dry-run',
        '--repo',
        corpus,
      ],
      target: 0.25,
    },
    {
      name: 'create --dry-run',
      args: [
        kep,
        'create',
        '--dry-run',
        '--repo',
        corpus,
        '--number',
        '9999',
        '--name',
        'bench',
        '--sig',
        'sig-auth',
        '--title',
        'Bench',
        '--authors',
        '@a',
        '--approvers',
        '@b',
        '--no-input',
      ],
      target: 0.25,
    },
    {
      name: 'migrate --all --check',
      args: [kep, 'migrate', '--all', '--check', '--repo', corpus],
      target: 1.2,
    },
  );
}
// kep lint --changed (issue 13): a git repository of the corpus, committed once, with one KEP's README changed
// in the working tree. Cold (a CI job: no cache; the template history is read from git), and with the cache
// warm from an earlier run and the README changed again before each run (a developer's loop: the one KEP misses).
const changedNames = [
  'lint --changed, one README changed, cold cache',
  'lint --changed, one README changed, warm cache',
];
let changedRepo;
if (only.length === 0 || only.some((word) => changedNames.some((name) => name.includes(word)))) {
  changedRepo = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-changed-'));
  cpSync(corpus, changedRepo, { recursive: true });
  const git = (...args) =>
    spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
      cwd: changedRepo,
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  const readme = path.join(changedRepo, 'keps/sig-node/2033-kubelet-in-userns-aka-rootless/README.md');
  const original = readFileSync(readme, 'utf8');
  let edits = 0;
  const changeReadme = () => writeFileSync(readme, `${original}\nChange ${++edits}.\n`);
  changeReadme();
  const args = [kep, 'lint', '--repo', changedRepo, '--changed', '--base', 'main', '--format', 'json'];
  benchmarks.push(
    { name: changedNames[0], args, env: cacheEnv, cold: true },
    { name: changedNames[1], args, env: cacheEnv, warm: true, prepare: changeReadme, target: 0.2 },
  );
}
for (const bench of benchmarks) {
  if (only.length > 0 && !only.some((word) => bench.name.includes(word))) continue;
  if (bench.warm) {
    (bench.before ?? clearCache)();
    runOnce(bench.args, bench.env);
    for (const extra of bench.alsoWarm ?? []) runOnce([...bench.args, ...extra], bench.env);
  }
  const result = measure(bench.args, {
    env: bench.env,
    prepare: bench.cold ? clearCache : bench.prepare,
    pairFloor: bench.pairFloor,
  });
  rows.push({ name: bench.name, ...result, target: bench.target, rssTarget: bench.rssTarget });
}

// The language server (issue 13): how long after the debounce an edited KEP's diagnostics reach the client,
// over stdio on the corpus: p95 of (publishDiagnostics − didChange − debounce) over LSP_EDITS edits (default 40).
const lspRows = [];
const lspName = 'lsp: diagnostics after an edit, p95 beyond the debounce';
if (has('lsp') && (only.length === 0 || only.some((word) => lspName.includes(word)))) {
  const { fileUri, startLsp } = await import('../dist/testing/lsp-client.js');
  const { DEFAULT_DEBOUNCE_MS } = await import('../dist/lsp/index.js');
  const kepYaml = path.join(corpus, 'keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml');
  const text = readFileSync(kepYaml, 'utf8');
  const client = await startLsp(['--repo', corpus], fileUri(corpus), cacheEnv);
  const uri = fileUri(kepYaml);
  const opened = client.nextPublication(uri, () => true, 120_000);
  client.open(uri, text);
  await opened;
  const edits = Number(process.env.LSP_EDITS ?? 40);
  const latencies = [];
  for (let i = 0; i < edits; i++) {
    // Each edit a new text: a status typo every other time, so the findings change too.
    const edited =
      (i % 2 === 0 ? text.replace('status: implementable', 'status: implementd') : text) + `# edit ${i}\n`;
    const published = client.nextPublication(uri, () => true, 30_000);
    const sent = performance.now();
    client.change(uri, edited);
    latencies.push((await published).at - sent - DEFAULT_DEBOUNCE_MS);
  }
  await client.dispose();
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)];
  lspRows.push({ name: lspName, p95, median: median(latencies), max: latencies.at(-1), edits, target: 100 });
}
// The search (issue 12): sizes and speeds of its own, in scripts/bench-search.mjs; printed at the end.
const search =
  only.length === 0 || only.some((word) => 'search'.includes(word))
    ? await (await import('./bench-search.mjs')).searchBudgets({ project, kep, corpus, env: cacheEnv, runs })
    : undefined;
if (historyRepo) rmSync(historyRepo, { recursive: true, force: true });
if (siteOut) rmSync(siteOut, { recursive: true, force: true });
if (changedRepo) rmSync(changedRepo, { recursive: true, force: true });
if (siteCopy) rmSync(siteCopy.dir, { recursive: true, force: true });
clearCache();

// kep serve on a copy of the corpus (issue 12): requests per second for one KEP's JSON (autocannon, 5 s, no
// errors), save-to-update (a kep.yaml written → the change event, and → the page JSON showing it; N runs), and
// the server's peak RSS (VmHWM) after all of it.
const serveFigures = [];
if (has('serve') && (only.length === 0 || only.some((word) => 'kep serve'.includes(word)))) {
  serveFigures.push(...(await serveBench()));
}

async function serveBench() {
  const { spawn } = await import('node:child_process');
  const http = await import('node:http');
  const { default: autocannon } = await import('autocannon');
  const copy = corpusCopy();
  const serveCache = path.join(copy.dir, 'cache');
  const child = spawn(process.execPath, [kep, 'serve', '--repo', copy.root, '--port', '0'], {
    env: { ...process.env, KEPKIT_CACHE_DIR: serveCache },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        const found = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
        if (found) resolve(found);
      });
      child.on('exit', (code) => reject(new Error(`kep serve exited ${code}: ${stderr}`)));
    });
    const get = (pathname) =>
      new Promise((resolve, reject) => {
        http
          .get(new URL(pathname, url), (response) => {
            let body = '';
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () => resolve({ status: response.statusCode, body }));
          })
          .on('error', reject);
      });
    const api = 'api/keps/2033.json';
    // Warm: the first request after start builds the page table; a search answers once the first full-text
    // indexing (in the background, seconds on the corpus) is done, so the throughput below is the steady one.
    await get(api);
    const indexedAfter = performance.now();
    let indexed = false;
    const searched = get('api/search?q=kubelet').then(() => {
      indexed = true;
    });
    // Meanwhile one request at a time: how long a reader waits while the index is built beside the server.
    const whileIndexing = [];
    while (!indexed) {
      const started = performance.now();
      await get(api);
      whileIndexing.push(performance.now() - started);
    }
    await searched;
    const indexingMs = performance.now() - indexedAfter;
    const load = await autocannon({ url: new URL(api, url).href, connections: 10, duration: 5 });
    const errors = load.errors + load.timeouts + load.non2xx;

    // Save-to-update: one event stream, N saves, each timed to the event and to the JSON that shows it.
    const saves = Number(process.env.BENCH_SAVES ?? 20);
    let onEvent;
    const events = http.get(new URL('events', url), (response) => {
      response.on('data', (chunk) => {
        if (String(chunk).includes('event: change')) onEvent?.();
      });
    });
    events.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const toEvent = [];
    const toJson = [];
    for (let i = 0; i < saves; i++) {
      const title = `Saved for the bench ${i}`;
      const event = new Promise((resolve) => {
        onEvent = resolve;
      });
      const yaml = path.join(copy.root, SITE_KEP, 'kep.yaml');
      const text = readFileSync(yaml, 'utf8').replace(/^title: .*$/m, `title: ${title}`);
      const started = performance.now();
      writeFileSync(yaml, text);
      const eventTime = event.then(() => performance.now() - started);
      for (;;) {
        const { body } = await get(api);
        if (body.includes(title)) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      toJson.push(performance.now() - started);
      toEvent.push(
        await Promise.race([
          eventTime,
          new Promise((resolve) => setTimeout(() => resolve(Number.NaN), 5000)),
        ]),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    events.destroy();
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
    const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
    return [
      {
        name: `API ${api}, requests/s (10 connections, 5 s)`,
        value: load.requests.average,
        unit: 'req/s',
        ok: load.requests.average >= 3000 && errors === 0,
        target: '≥3000, 0 errors',
        note: `${errors} errors, latency p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms`,
      },
      {
        name: `save → change event, p95 of ${saves}`,
        value: p95(toEvent),
        unit: 'ms',
        ok: p95(toEvent) <= 500,
        target: '≤500',
        note: `median ${median(toEvent).toFixed(0)} ms`,
      },
      {
        name: `save → page JSON shows it, p95 of ${saves}`,
        value: p95(toJson),
        unit: 'ms',
        ok: p95(toJson) <= 500,
        target: '≤500',
        note: `median ${median(toJson).toFixed(0)} ms`,
      },
      {
        name: 'first full-text index, from start (background)',
        value: indexingMs,
        unit: 'ms',
        ok: true,
        target: '',
      },
      {
        name: 'a KEP while that index builds, max latency',
        value: Math.max(...whileIndexing),
        unit: 'ms',
        ok: true,
        target: '',
        note: `p50 ${median(whileIndexing).toFixed(0)} ms over ${whileIndexing.length} requests`,
      },
      { name: 'kep serve peak RSS (VmHWM)', value: hwm, unit: 'MB', ok: hwm <= 400, target: '≤400' },
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    rmSync(copy.dir, { recursive: true, force: true });
  }
}

/**
 * A synthetic repository of `count` KEPs: the example repo's KEPs (and their PRR files) copied round and
 * round, each copy renumbered from 10000 so that numbers and directories stay unique.
 */
function syntheticRepo(count) {
  const source = path.join(project, 'examples/enhancements');
  const root = mkdtempSync(path.join(tmpdir(), `kepkit-bench-scale-${count}-`));
  cpSync(source, root, { recursive: true, filter: (file) => !/\/keps\/(sig-|prod-readiness)/.test(file) });
  mkdirSync(path.join(root, '.git'), { recursive: true });
  const keps = readdirSync(path.join(source, 'keps'))
    .filter((group) => group.startsWith('sig-'))
    .flatMap((group) => readdirSync(path.join(source, 'keps', group)).map((dir) => ({ group, dir })));
  const copy = (from, to, number, fresh) => {
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(from, 'utf8').replaceAll(number, fresh));
  };
  for (let i = 0; i < count; i++) {
    const { group, dir } = keps[i % keps.length];
    const number = dir.split('-')[0];
    const fresh = String(10000 + i);
    const target = path.join(root, 'keps', group, fresh + dir.slice(number.length));
    for (const file of readdirSync(path.join(source, 'keps', group, dir)))
      copy(path.join(source, 'keps', group, dir, file), path.join(target, file), number, fresh);
    const prr = path.join(source, 'keps/prod-readiness', group, `${number}.yaml`);
    if (existsSync(prr))
      copy(prr, path.join(root, 'keps/prod-readiness', group, `${fresh}.yaml`), number, fresh);
  }
  return root;
}

// Scaling: a cold lint (cache on, but empty) and a lint with --no-cache at 1×, 4× and 16× the KEPs. Time per
// KEP leaves out the start-up (a lint of the same repository with no KEP), so that it is the work per KEP.
const scaling = [];
if (only.length === 0 || only.some((word) => 'scaling'.includes(word))) {
  // BENCH_SCALE_BASE=1000 runs 1000/4000/16000: the size where a per-proposal loop over every file shows.
  const base = Number(process.env.BENCH_SCALE_BASE ?? 250);
  const sizes = [base, base * 4, base * 16];
  const modes = [
    { name: 'cold cache', flags: [], prepare: clearCache },
    { name: 'no cache', flags: ['--no-cache'] },
  ];
  // Medians of three runs where a run is short; one run at the larger sizes (each takes seconds).
  const timeOf = (root, mode, repeats) => {
    const times = [];
    for (let i = 0; i < repeats; i++) {
      mode.prepare?.();
      times.push(runOnce([kep, 'lint', '--repo', root, '--format', 'json', ...mode.flags], cacheEnv).seconds);
    }
    return median(times);
  };
  const empty = syntheticRepo(0);
  const startup = modes.map((mode) => timeOf(empty, mode, 3));
  rmSync(empty, { recursive: true, force: true });
  for (const size of sizes) {
    const root = syntheticRepo(size);
    const row = { size, modes: [] };
    for (const [index, mode] of modes.entries()) {
      const seconds = timeOf(root, mode, size === base ? 3 : 1);
      row.modes.push({ seconds, perKep: ((seconds - startup[index]) / size) * 1000 });
    }
    scaling.push(row);
    rmSync(root, { recursive: true, force: true });
  }
  clearCache();
  scaling.modes = modes.map((mode, index) => ({ name: mode.name, startup: startup[index] }));
}

console.log(
  `kepkit bench on ${path.relative(process.cwd(), corpus)} — medians of ${runs} runs; ratio to the floor: median of\n` +
    'per-round ratios for the floor and the no-cache lints (run in turn), else median ÷ floor median\n',
);
console.log(
  `${'benchmark'.padEnd(46)} ${'median'.padStart(8)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'ratio'.padStart(7)} ${'target'.padStart(7)} ${'peak RSS'.padStart(9)}`,
);
let failed = false;
for (const row of rows) {
  const ratio = row.ratio ?? row.median / floor.median;
  const ok = row.target === undefined || row.target === '' || ratio <= row.target;
  const rssOk = row.rssTarget === undefined || row.rss <= row.rssTarget;
  if (!ok || !rssOk) failed = true;
  console.log(
    `${row.name.padEnd(46)} ${`${row.median.toFixed(3)}s`.padStart(8)} ${row.min.toFixed(3).padStart(7)} ${row.max.toFixed(3).padStart(7)} ${`${ratio.toFixed(2)}×`.padStart(7)} ${row.target ? `≤${row.target}×`.padStart(7) : ''.padStart(7)} ${`${row.rss.toFixed(0)} MB`.padStart(9)}${ok && rssOk ? '' : '  ✗ over target'}`,
  );
}
console.log(
  `\nall rules ÷ metadata rules only (median of per-round ratios): ${readmeRatio.toFixed(2)}× (target ≤1.3×)${readmeRatio <= 1.3 ? '' : '  ✗ over target'}`,
);
if (readmeRatio > 1.3) failed = true;
for (const row of lspRows) {
  const ok = row.p95 <= row.target;
  if (!ok) failed = true;
  console.log(
    `${row.name}: p95 ${row.p95.toFixed(1)} ms, median ${row.median.toFixed(1)} ms, max ${row.max.toFixed(1)} ms over ${row.edits} edits (target ≤${row.target} ms)${ok ? '' : '  ✗ over target'}`,
  );
}
if (serveFigures.length > 0) {
  console.log('\nkep serve on a copy of the corpus');
  for (const figure of serveFigures) {
    if (!figure.ok) failed = true;
    console.log(
      `${figure.name.padEnd(52)} ${`${figure.value.toFixed(0)} ${figure.unit}`.padStart(12)} ${(figure.target ? `(${figure.target})` : '').padStart(18)}${figure.note ? `  ${figure.note}` : ''}${figure.ok ? '' : '  ✗ over target'}`,
    );
  }
}
if (scaling.length > 0) {
  console.log(
    `\nscaling on synthetic repositories (the example KEPs renumbered); ms per KEP = (wall − wall with no KEP) ÷ KEPs`,
  );
  console.log(
    `${'KEPs'.padStart(6)} ${scaling.modes.map((mode) => `${`${mode.name} wall`.padStart(16)} ${'ms/KEP'.padStart(7)}`).join(' ')}`,
  );
  for (const row of scaling) {
    console.log(
      `${String(row.size).padStart(6)} ${row.modes.map((m) => `${`${m.seconds.toFixed(2)}s`.padStart(16)} ${m.perKep.toFixed(2).padStart(7)}`).join(' ')}`,
    );
  }
  for (const [index, mode] of scaling.modes.entries()) {
    const growth = scaling.at(-1).modes[index].perKep / scaling[0].modes[index].perKep;
    const ok = growth <= 1.5;
    if (!ok) failed = true;
    console.log(
      `${mode.name}: grows linearly: 16× time per KEP ≤ 1.5× the 1× time per KEP: ${growth.toFixed(2)}× (start-up ${mode.startup.toFixed(2)}s)${ok ? '' : '  ✗ over target'}`,
    );
  }
}
for (const line of search?.lines ?? []) console.log(line);
if (search?.failed) failed = true;
console.log(failed ? '\nsome figures are over target' : '\nevery figure is within target');
