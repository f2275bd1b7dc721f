// The statistics, the statistics page and the feed from a scratch git repository whose history is known: each
// expected number below is read off the commits this file makes, not computed by the code under test.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { kubernetesProfile } from '../profile/index.js';
import { buildHistory, type KepHistory } from '../query/history/history.js';
import { runKep } from '../testing/fixtures.js';
import { elements, parseXml } from '../testing/xml.js';
import { historyStatistics, median, stageByRelease } from './statistics.js';

const SITE_URL = 'https://example.org/keps/';

let root: string;
let out: string;
/** Each commit made: its sha and date, by label. */
const commits = new Map<string, { sha: string; date: string }>();
let day = 0;

function git(args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
}

function kep(
  dir: string,
  fields: {
    title: string;
    group: string;
    status: string;
    stage?: string;
    latest?: string;
    milestone?: Record<string, string>;
  },
): void {
  const number = /\/(\d+)-/.exec(dir)![1]!;
  const lines = [
    `title: ${fields.title}`,
    `kep-number: ${number}`,
    'authors:',
    '  - "@author-one"',
    '  - "@author-two"',
    `owning-sig: ${fields.group}`,
    `status: ${fields.status}`,
    'creation-date: 2020-01-01',
    'last-updated: 2024-01-01',
    ...(fields.stage ? [`stage: ${fields.stage}`] : []),
    ...(fields.latest ? [`latest-milestone: "${fields.latest}"`] : []),
    ...(fields.milestone
      ? ['milestone:', ...Object.entries(fields.milestone).map(([stage, value]) => `  ${stage}: "${value}"`)]
      : []),
  ];
  const file = path.join(root, dir, 'kep.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(path.join(root, dir, 'README.md'), `# ${fields.title}\n\nText.\n`);
}

function commit(label: string): void {
  day++;
  const date = `2024-02-${String(day).padStart(2, '0')}T10:00:00+02:00`;
  git(['add', '-A']);
  git(['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', label], {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  commits.set(label, { sha: git(['rev-parse', 'HEAD']).trim(), date });
}

const A = 'keps/sig-node/1000-alpha-to-stable';
const B = 'keps/sig-apps/2000-perma-beta';
const C = 'keps/sig-apps/3000-still-alpha';
const D = 'keps/sig-apps/4000-quick-stable';
const E = 'keps/sig-apps/5000-removed';

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kepkit-stats-'));
  out = mkdtempSync(path.join(tmpdir(), 'kepkit-stats-site-'));
  git(['init', '--quiet', '--initial-branch=main']);
  writeFileSync(
    path.join(root, 'kep.config.json'),
    JSON.stringify({ profile: 'kubernetes', site: { url: SITE_URL } }),
  );
  // A: alpha in v1.20, beta in v1.22, stable in v1.24, each milestone declared.
  kep(A, {
    title: 'A',
    group: 'sig-node',
    status: 'implementable',
    stage: 'alpha',
    latest: 'v1.20',
    milestone: { alpha: 'v1.20' },
  });
  // B: alpha in v1.21, no milestones declared.
  kep(B, { title: 'B', group: 'sig-apps', status: 'implementable', stage: 'alpha', latest: 'v1.21' });
  // E: alpha in v1.22, removed later.
  kep(E, { title: 'E', group: 'sig-apps', status: 'implementable', stage: 'alpha', latest: 'v1.22' });
  commit('first');
  kep(A, {
    title: 'A',
    group: 'sig-node',
    status: 'implementable',
    stage: 'beta',
    latest: 'v1.22',
    milestone: { alpha: 'v1.20', beta: 'v1.22' },
  });
  // B moves to beta in v1.23 and stays: beta for v1.23 → v1.27, 4 releases (perma-beta).
  kep(B, { title: 'B', group: 'sig-apps', status: 'implementable', stage: 'beta', latest: 'v1.23' });
  commit('second');
  kep(A, {
    title: 'A',
    group: 'sig-node',
    status: 'implemented',
    stage: 'stable',
    latest: 'v1.24',
    milestone: { alpha: 'v1.20', beta: 'v1.22', stable: 'v1.24' },
  });
  // D: alpha in v1.25 (a provisional draft first: no stage, no milestone yet).
  kep(D, { title: 'D', group: 'sig-apps', status: 'provisional' });
  commit('third');
  kep(D, { title: 'D', group: 'sig-apps', status: 'implementable', stage: 'alpha', latest: 'v1.25' });
  rmSync(path.join(root, E), { recursive: true });
  commit('fourth');
  // D: stable in v1.26 with no milestones declared (from the history: 1 release); C: alpha in v1.26.
  kep(D, { title: 'D', group: 'sig-apps', status: 'implemented', stage: 'stable', latest: 'v1.26' });
  kep(C, {
    title: 'C <b>&amp;</b>',
    group: 'sig-apps',
    status: 'implementable',
    stage: 'alpha',
    latest: 'v1.26',
  });
  commit('fifth');
  // C stays alpha for v1.27: the release it names last is what counts for it.
  kep(C, {
    title: 'C <b>&amp;</b>',
    group: 'sig-apps',
    status: 'implementable',
    stage: 'alpha',
    latest: 'v1.27',
  });
  commit('sixth');
});

after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

async function histories(): Promise<KepHistory[]> {
  return (await buildHistory(root, kubernetesProfile)).histories;
}

const groupOf = (dir: string) =>
  ({ [A]: 'sig-node', [B]: 'sig-apps', [C]: 'sig-apps', [D]: 'sig-apps' })[dir];

describe('the statistics of a known history', () => {
  test('each proposal has, per release it named, the stage of its last version naming it', async () => {
    const byPath = new Map((await histories()).map((history) => [history.path, history]));
    const stages = (dir: string) => Object.fromEntries(stageByRelease(byPath.get(dir)!, kubernetesProfile));
    assert.deepEqual(stages(A), { 'v1.20': 'alpha', 'v1.22': 'beta', 'v1.24': 'stable' });
    assert.deepEqual(stages(B), { 'v1.21': 'alpha', 'v1.23': 'beta' });
    assert.deepEqual(stages(C), { 'v1.26': 'alpha', 'v1.27': 'alpha' });
    assert.deepEqual(stages(D), { 'v1.25': 'alpha', 'v1.26': 'stable' });
    assert.deepEqual(stages(E), { 'v1.22': 'alpha' });
  });

  test('proposals per stage per release, alpha to stable, perma-beta and per group', async () => {
    const stats = historyStatistics(await histories(), kubernetesProfile, groupOf, {
      currentRelease: 'v1.27',
    });
    assert.deepEqual(
      stats.perRelease.map((entry) => [entry.release, Object.fromEntries(entry.byStage)]),
      [
        ['v1.20', { alpha: 1 }],
        ['v1.21', { alpha: 1 }],
        ['v1.22', { beta: 1, alpha: 1 }],
        ['v1.23', { beta: 1 }],
        ['v1.24', { stable: 1 }],
        ['v1.25', { alpha: 1 }],
        ['v1.26', { stable: 1, alpha: 1 }],
        ['v1.27', { alpha: 1 }],
      ],
    );
    assert.deepEqual(stats.stages, ['alpha', 'beta', 'stable']);
    assert.deepEqual(
      stats.alphaToStable.map((entry) => [entry.path, entry.first, entry.last, entry.releases, entry.source]),
      [
        [D, 'v1.25', 'v1.26', 1, 'history'],
        [A, 'v1.20', 'v1.24', 4, 'milestone'],
      ],
    );
    assert.deepEqual(Object.fromEntries(stats.distribution), { 0: 0, 1: 1, 2: 0, 3: 0, 4: 1 });
    assert.equal(stats.median, 2.5);
    assert.deepEqual(
      stats.permaBeta.map((entry) => [entry.path, entry.since, entry.releases]),
      [[B, 'v1.23', 4]],
    );
    assert.deepEqual(
      stats.perGroup.map((group) => [
        group.group,
        group.proposals,
        Object.fromEntries(group.byStage),
        group.reachedLast,
        group.median,
        group.permaBeta,
      ]),
      [
        ['sig-apps', 3, { beta: 1, alpha: 1, stable: 1 }, 1, 1, 1],
        ['sig-node', 1, { stable: 1 }, 1, 4, 0],
      ],
    );
  });

  test('median: the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([]), undefined);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

describe('the built site of a known history', () => {
  before(() => {
    const built = runKep(['build-site', '--repo', root, '--out', out]);
    assert.equal(built.status, 0, built.stderr);
    assert.doesNotMatch(built.stderr, /no feed\.xml/);
  });

  /** A table of a built page by its id: the header row and the body rows, as cell texts. */
  function tableOf(file: string, id: string): string[][] {
    const html = readFileSync(path.join(out, file), 'utf8');
    const table = new RegExp(`<table[^>]* id="${id}"[\\s\\S]*?</table>`).exec(html);
    assert.ok(table, `${file} has a table #${id}`);
    return [...table[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
        cell[1]!.replace(/<[^>]+>/g, '').trim(),
      ),
    );
  }

  test('the statistics page shows the per-release stages and the per-group numbers of the commits', () => {
    assert.deepEqual(tableOf('statistics/index.html', 'history-releases-table'), [
      ['Release', 'alpha', 'beta', 'stable', 'Total'],
      ['v1.20', '1', '0', '0', '1'],
      ['v1.21', '1', '0', '0', '1'],
      ['v1.22', '1', '1', '0', '2'],
      ['v1.23', '0', '1', '0', '1'],
      ['v1.24', '0', '0', '1', '1'],
      ['v1.25', '1', '0', '0', '1'],
      ['v1.26', '1', '0', '1', '2'],
      ['v1.27', '1', '0', '0', '1'],
    ]);
    assert.deepEqual(tableOf('statistics/index.html', 'group-table').slice(1), [
      ['sig-apps', '3', '1', '1', '1'],
      ['sig-node', '1', '1', '4', '0'],
    ]);
    const perma = tableOf('statistics/index.html', 'perma-table');
    assert.deepEqual(
      perma.slice(1).map((row) => [row[0], row[3], row[4]]),
      [['2000', 'v1.23', '4']],
    );
    const html = readFileSync(path.join(out, 'statistics/index.html'), 'utf8');
    assert.match(html, /the median is <strong>2\.5 releases<\/strong>/);
  });

  test('the feed parses back: one entry per proposal and commit, newest first, linking absolutely', () => {
    const xml = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    const feed = parseXml(xml).documentElement!;
    assert.equal(feed.namespaceURI, 'http://www.w3.org/2005/Atom');
    assert.equal(feed.localName, 'feed');
    const child = (node: typeof feed, name: string) =>
      elements(node, name).filter((e) => e.parentNode === node);
    assert.equal(child(feed, 'id')[0]!.textContent, `${SITE_URL}feed.xml`);
    assert.equal(
      child(feed, 'updated')[0]!.textContent,
      new Date(commits.get('sixth')!.date).toISOString().replace('.000', ''),
    );
    assert.ok(child(feed, 'author')[0]!.getElementsByTagName('name')[0]!.textContent);
    const entries = child(feed, 'entry').map((entry) => ({
      title: child(entry, 'title')[0]!.textContent,
      link: child(entry, 'link')[0]!.getAttribute('href'),
      id: child(entry, 'id')[0]!.textContent,
      updated: child(entry, 'updated')[0]!.textContent,
      summary: child(entry, 'summary')[0]!.textContent,
    }));
    const at = (label: string) => new Date(commits.get(label)!.date).toISOString().replace('.000', '');
    // The proposals present at HEAD, each commit that changed their status, stage or milestones (E is removed).
    const expected: [string, string, string][] = [
      ['sixth', C, '3000'],
      ['fifth', C, '3000'],
      ['fifth', D, '4000'],
      ['fourth', D, '4000'],
      ['third', A, '1000'],
      ['third', D, '4000'],
      ['second', A, '1000'],
      ['second', B, '2000'],
      ['first', A, '1000'],
      ['first', B, '2000'],
    ];
    assert.deepEqual(
      entries.map((entry) => [entry.updated, entry.link, entry.id]),
      expected.map(([label, , number]) => [
        at(label),
        `${SITE_URL}keps/${number}/`,
        `${SITE_URL}keps/${number}/#${commits.get(label)!.sha}`,
      ]),
    );
    assert.equal(entries[0]!.title, '3000: C <b>&amp;</b>');
    assert.match(entries[0]!.summary!, /^latest-milestone: v1\.26 → v1\.27 \(commit [0-9a-f]{12}\)$/);
    const dStable = entries.find(
      (entry) => entry.id!.endsWith(commits.get('fifth')!.sha) && entry.link!.includes('4000'),
    )!;
    assert.match(dStable.summary!, /status: implementable → implemented/);
    assert.match(dStable.summary!, /stage: alpha → stable/);
    // Every page names the feed in its head.
    assert.match(
      readFileSync(path.join(out, 'index.html'), 'utf8'),
      /<link rel="alternate" type="application\/atom\+xml" title="Changes" href="https:\/\/example\.org\/keps\/feed\.xml">/,
    );
  });

  test('the index lists the proposals by status and by group, by number, with their authors', () => {
    const html = readFileSync(path.join(out, 'index/index.html'), 'utf8');
    const sections = [
      ...html.matchAll(
        /<h3 id="([^"]+)">[^<]*<span class="muted">\((\d+)\)<\/span><\/h3>\s*<table[\s\S]*?<\/table>/g,
      ),
    ].map((match) => [
      match[1],
      match[2],
      [...match[0].matchAll(/<tr><td>(\d+)<\/td>/g)].map((row) => row[1]).join(' '),
    ]);
    assert.deepEqual(sections, [
      ['status-implementable', '2', '2000 3000'],
      ['status-implemented', '2', '1000 4000'],
      ['group-sig-apps', '3', '2000 3000 4000'],
      ['group-sig-node', '1', '1000'],
    ]);
    assert.match(html, /<td>@author-one, @author-two<\/td>/);
  });

  test('without --base-url the pages link under the site URL’s path', () => {
    const html = readFileSync(path.join(out, 'index/index.html'), 'utf8');
    assert.match(html, /href="\/keps\/keps\/1000\/"/);
    assert.match(html, /href="\/keps\/keps\.json" download/);
    // A title is repository text: escaped, never markup.
    assert.match(html, /C &lt;b&gt;&amp;amp;&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<b>&amp;<\/b>/);
  });
});
