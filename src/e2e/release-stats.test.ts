// The release, releases, statistics and index pages in a real browser, over the corpus's git history (the bundle
// cloned): the charts are visible and their tables hold the bars' numbers, tables sort, the pages fit a phone,
// and axe finds nothing serious. Screenshots go to artifacts/screenshots/ (look at them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserTest,
  closeBrowser,
  openPage,
  type Served,
  screenshot,
  seriousAxeViolations,
  startServe,
  VIEWPORTS,
} from '../testing/browser.js';
import { projectRoot, sigsFile } from '../testing/fixtures.js';

const BUNDLE = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements-history.bundle');
const RELEASE = 'v1.33';

let work: string;
let served: Served;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kepkit-release-stats-'));
  const clone = path.join(work, 'kubernetes-enhancements');
  const cloned = spawnSync('git', ['clone', '--quiet', BUNDLE, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  served = await startServe(clone, path.join(work, 'cache'), [
    '--groups',
    sigsFile,
    '--site-url',
    'https://example.org/enhancements/',
  ]);
});

after(async () => {
  await served?.stop();
  await closeBrowser();
  rmSync(work, { recursive: true, force: true });
});

/** For each chart on the page: the bars' numbers per category and series, and its table's, read in the page. */
async function chartsAndTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.chart-figure')].map((figure) => {
      const svg = figure.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const bars: Record<string, Record<string, number>> = {};
      for (const rect of svg.querySelectorAll('rect[data-value]')) {
        const category = rect.getAttribute('data-category')!;
        bars[category] ??= {};
        bars[category]![rect.getAttribute('data-series')!] = Number(rect.getAttribute('data-value'));
      }
      const table = figure.querySelector('table')!;
      const heads = [...table.tHead!.rows[0]!.cells].map((cell) => cell.textContent!.trim());
      const rows: Record<string, Record<string, number>> = {};
      for (const row of table.tBodies[0]!.rows) {
        // The releases index marks the current release beside its link.
        const first = row.cells[0]!;
        const category = (first.querySelector('a') ?? first).textContent!.trim();
        [...row.cells].slice(1).forEach((cell, index) => {
          const series = heads[index + 1]!;
          const value = Number(cell.textContent);
          if (series === 'Total' || series === 'KEPs' || series === 'Planned, not opted in' || value === 0)
            return;
          rows[category] ??= {};
          rows[category]![series] = value;
        });
      }
      return {
        id: svg.id || table.id,
        visible: box.width > 100 && box.height > 20,
        bars,
        rows,
        role: svg.getAttribute('role'),
      };
    }),
  );
}

/** The page fits the viewport: only a table's own container may scroll sideways. */
async function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

async function checkPage(
  url: string,
  name: string,
  check: (page: Page) => Promise<void>,
  options: { axeAt?: keyof typeof VIEWPORTS } = {},
) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const { page, errors, close } = await openPage(viewport);
    try {
      const response = await page.goto(url);
      assert.equal(response?.status(), 200, url);
      await check(page);
      assert.equal(await pageScrollsSideways(page), false, `${name} scrolls sideways at ${size}`);
      await screenshot(page, `${name}-${size}`);
      if (!options.axeAt || options.axeAt === size)
        assert.deepEqual(await seriousAxeViolations(page), [], `${name} at ${size}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  }
}

browserTest(
  'a release page shows its charts with the same numbers as their tables, and its tables sort',
  async () => {
    await checkPage(`${served.url}release/${RELEASE}/`, 'release', async (page) => {
      assert.equal((await page.locator('h1').textContent())?.trim(), `Release ${RELEASE}`);
      const charts = await chartsAndTables(page);
      assert.equal(charts.length, 3);
      for (const chart of charts) {
        assert.ok(chart.visible, 'the chart is drawn');
        assert.equal(chart.role, 'img');
        assert.ok(Object.keys(chart.rows).length > 0);
        assert.deepEqual(chart.bars, chart.rows);
      }
      // Sort the KEPs by title, then back: the button in the heading says which way.
      const table = page.locator('#release-keps');
      const titles = () =>
        table
          .locator('tbody tr td:nth-child(2)')
          .evaluateAll((cells) => cells.map((cell) => cell.textContent!.trim()));
      const button = table.locator('thead th').nth(1).locator('button.sort');
      await button.click();
      assert.equal(await table.locator('thead th').nth(1).getAttribute('aria-sort'), 'ascending');
      const ascending = await titles();
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
      assert.deepEqual(ascending, [...ascending].sort(collator.compare));
      await button.click();
      assert.equal(await table.locator('thead th').nth(1).getAttribute('aria-sort'), 'descending');
      assert.deepEqual(await titles(), [...ascending].reverse());
    });
  },
);

browserTest(
  'the statistics page, from the git history, charts stages per release, alpha to stable, groups',
  async () => {
    await checkPage(`${served.url}statistics/`, 'statistics', async (page) => {
      assert.match((await page.locator('main').textContent()) ?? '', /from the git history at [0-9a-f]{12}/);
      const charts = await chartsAndTables(page);
      assert.ok(charts.length >= 4);
      for (const chart of charts) {
        assert.ok(chart.visible);
        assert.deepEqual(chart.bars, chart.rows);
      }
      const perRelease = charts.find((chart) => chart.id === 'history-releases-table')!;
      assert.ok(perRelease.rows['v1.20'] && perRelease.rows['v1.30'], 'releases over the history');
      assert.match(
        (await page.locator('#alpha-to-stable + p').textContent()) ?? '',
        /the median is \d+(\.5)? releases/,
      );
      assert.ok((await page.locator('#perma-table tbody tr').count()) > 0);
    });
  },
);

browserTest('the releases index charts every release and links to each', async () => {
  await checkPage(`${served.url}release/`, 'releases', async (page) => {
    const charts = await chartsAndTables(page);
    assert.equal(charts.length, 1);
    assert.deepEqual(charts[0]!.bars, charts[0]!.rows);
    assert.equal(await page.locator(`#releases-table a[href$="release/${RELEASE}/"]`).count(), 1);
  });
});

// The index is one long page (every proposal twice): axe takes minutes over it on a busy machine, so it runs at
// one width (what it checks does not change with the width; the phone's fit is checked apart).
browserTest(
  'the index of proposals reads on a phone and a laptop, and names the feed and keps.json',
  async () => {
    await checkPage(
      `${served.url}index/`,
      'index',
      async (page) => {
        assert.ok((await page.locator('h3[id^="status-"]').count()) >= 3);
        assert.equal(await page.locator('a[href$="keps.json"][download]').count(), 1);
        assert.equal(
          await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
          'https://example.org/enhancements/feed.xml',
        );
      },
      { axeAt: 'laptop' },
    );
  },
);

browserTest('the feed is served as Atom that the browser parses as XML, its links absolute', async () => {
  const { page, close } = await openPage();
  try {
    const response = await page.request.get(`${served.url}feed.xml`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^application\/atom\+xml/);
    await page.goto(`${served.url}index/`);
    const parsed = await page.evaluate(
      (xml) => {
        const document = new DOMParser().parseFromString(xml, 'application/xml');
        return {
          error: document.querySelector('parsererror')?.textContent ?? null,
          entries: document.getElementsByTagName('entry').length,
          links: [...document.querySelectorAll('entry > link')].map((link) => link.getAttribute('href')),
        };
      },
      await response.text(),
    );
    assert.equal(parsed.error, null);
    assert.equal(parsed.entries, 50);
    for (const link of parsed.links)
      assert.match(link!, /^https:\/\/example\.org\/enhancements\/keps\/\d+\/$/);
  } finally {
    await close();
  }
});
