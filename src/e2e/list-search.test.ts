// The list's filters and sorting and the search box, in Chromium, on the Kubernetes corpus: a site built with
// `kep build-site --base-url /enhancements/` served by a plain static server (Pagefind for the full text), and
// `kep serve` (its in-memory index behind api/search). Counts are checked against `kep query`, the word searched
// for is picked from the corpus files by an independent scan.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserTest,
  closeBrowser,
  openPage,
  type Served,
  screenshot,
  seriousAxeViolations,
  serveStatic,
  startServe,
  VIEWPORTS,
} from '../testing/browser.js';
import { corpusRoot, exampleRepo, runKep } from '../testing/fixtures.js';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-search-cache-'));
const out = mkdtempSync(path.join(tmpdir(), 'kepkit-search-site-'));
const env = { ...process.env, KEPKIT_CACHE_DIR: cacheDir };
let site: { url: string; close(): Promise<void> } | undefined;

before(
  async () => {
    const built = runKep(['build-site', '--repo', corpusRoot, '--out', out, '--base-url', '/enhancements/'], {
      env,
      timeout: 600_000,
    });
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stderr, /search index: \d+ proposals/);
    site = await serveStatic(out, '/enhancements/');
  },
  { timeout: 620_000 },
);

after(async () => {
  await site?.close();
  await closeBrowser();
  rmSync(out, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

/** `kep query … --format json` on the corpus: the independent count of what a filter selects. */
function queryCount(args: string[]): number {
  const run = runKep(['query', '--repo', corpusRoot, ...args, '--format', 'json'], { env });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as unknown[]).length;
}

/**
 * A word of one corpus README and of no other (nor of its title line), the one used most there: searching it
 * must bring that KEP first. Found by reading the files, not through kepkit.
 */
function distinctiveWord(): { word: string; number: string } {
  const readmes: { number: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'README.md') {
        const number = /^(\d+)-/.exec(path.basename(dir))?.[1];
        if (number) readmes.push({ number: String(Number(number)), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(path.join(corpusRoot, 'keps'));
  const documents = new Map<string, Set<string>>();
  const uses = new Map<string, { number: string; count: number }>();
  for (const { number, text } of readmes) {
    const [title = '', ...body] = text.split('\n');
    const titleWords = new Set(title.toLowerCase().match(/[a-z]+/g) ?? []);
    for (const word of body
      .join('\n')
      .toLowerCase()
      .match(/\b[a-z]{9,}\b/g) ?? []) {
      const seen = documents.get(word) ?? new Set<string>();
      seen.add(number);
      documents.set(word, seen);
      if (titleWords.has(word)) seen.add('title');
      const use = uses.get(word);
      if (use?.number === number) use.count++;
      else if (!use) uses.set(word, { number, count: 1 });
    }
  }
  let best: { word: string; number: string; count: number } | undefined;
  for (const [word, seen] of documents) {
    if (seen.size !== 1) continue;
    const use = uses.get(word)!;
    if (!best || use.count > best.count || (use.count === best.count && word < best.word))
      best = { word, ...use };
  }
  assert.ok(best && best.count >= 3, 'the corpus has a word of its own in some README');
  return best;
}

async function listReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('table.proposal-list[data-ready="true"]');
}

const visibleRows = (page: Page) => page.locator('table.proposal-list tbody tr:not([hidden])');

/** The text of every visible row's cell in a column (0-based). */
async function columnOfVisible(page: Page, column: number): Promise<string[]> {
  return page.$$eval(
    'table.proposal-list tbody tr:not([hidden])',
    (rows, at) => rows.map((row) => (row as HTMLTableRowElement).cells[at]?.textContent?.trim() ?? ''),
    column,
  );
}

async function noPageWideScroll(page: Page): Promise<void> {
  const [scrollWidth, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  assert.ok(scrollWidth <= width, `the page scrolls sideways: ${scrollWidth} > ${width}`);
}

/** Type a query into the header's box key by key; the metadata search runs at each keystroke. */
async function typeSearch(page: Page, query: string): Promise<void> {
  const input = page.locator('#site-search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query, { delay: 40 });
}

async function firstHit(
  page: Page,
  kind: 'metadata' | 'fulltext',
): Promise<{ href: string; marks: string[] }> {
  const hit = page.locator(`#site-search-panel [data-kind="${kind}"] li`).first();
  await hit.waitFor();
  return {
    href: (await hit.locator('a').getAttribute('href')) ?? '',
    marks: await hit.locator('mark').allTextContents(),
  };
}

/** The search timings the page recorded (performance measures), in ms. */
async function searchTimings(page: Page): Promise<{ metadata: number[]; firstFullText: number | undefined }> {
  return page.evaluate(() => {
    const measures = performance.getEntriesByType('measure') as PerformanceMeasure[];
    return {
      metadata: measures.filter((m) => m.name === 'kep-search:metadata').map((m) => m.duration),
      firstFullText: measures.find((m) => m.name === 'kep-search:fulltext')?.duration,
    };
  });
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? 0;

browserTest(
  'the list filters by group and stage, the URL holds the view, a reload keeps it, and the rows are kep query’s',
  async () => {
    const { page, errors, close } = await openPage(VIEWPORTS.laptop);
    try {
      await listReady(page, site!.url);
      const total = await page.locator('table.proposal-list tbody tr').count();
      assert.ok(total > 600, `${total} rows`);
      await page.selectOption('#filter-sig', 'sig-node');
      await page.selectOption('#filter-stage', 'beta');
      const url = new URL(page.url());
      assert.equal(url.pathname, '/enhancements/');
      assert.equal(url.searchParams.get('sig'), 'sig-node');
      assert.equal(url.searchParams.get('stage'), 'beta');
      const expected = queryCount(['--sig', '^sig-node$', '--stage', 'beta']);
      assert.ok(expected > 3);
      assert.equal(await visibleRows(page).count(), expected);
      for (const groups of await columnOfVisible(page, 2)) assert.match(groups, /^sig-node(,|$)/);
      for (const stage of await columnOfVisible(page, 4)) assert.equal(stage, 'beta');
      assert.equal(
        await page.locator('#list-count').textContent(),
        `${expected} of ${total} proposals match.`,
      );

      await page.reload();
      await page.waitForSelector('table.proposal-list[data-ready="true"]');
      assert.equal(await visibleRows(page).count(), expected);
      assert.equal(await page.locator('#filter-sig').inputValue(), 'sig-node');
      assert.equal(await page.locator('#filter-stage').inputValue(), 'beta');
      await screenshot(page, 'list-filtered');
      assert.deepEqual(await seriousAxeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  },
);

browserTest('a shared link with people, milestone and findings filters shows kep query’s rows', async () => {
  const { page, errors, close } = await openPage(VIEWPORTS.laptop);
  try {
    const cases: [string, string[]][] = [
      ['author=%40thockin', ['--author', 'thockin']],
      ['approver=deads2k&milestone=v1.30', ['--approver', 'deads2k', '--milestone', 'v1.30']],
      [
        'participating-sig=sig-auth&status=implemented',
        ['--participating-sig', 'sig-auth', '--status', 'implemented'],
      ],
      ['findings=errors', ['--has-errors']],
      ['stage=alpha,beta&sig=sig-storage', ['--stage', 'alpha,beta', '--sig', '^sig-storage$']],
    ];
    for (const [search, args] of cases) {
      await listReady(page, `${site!.url}?${search}`);
      const expected = queryCount(args);
      assert.equal(await visibleRows(page).count(), expected, `?${search} vs kep query ${args.join(' ')}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

browserTest('the headers sort by keyboard and mouse, with aria-sort and the order in the URL', async () => {
  const { page, errors, close } = await openPage(VIEWPORTS.laptop);
  try {
    await listReady(page, `${site!.url}?sig=sig-network`);
    const numberHeader = page.locator('th[data-sort="number"]');
    await numberHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await numberHeader.getAttribute('aria-sort'), 'ascending');
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'number');
    const ascending = (await columnOfVisible(page, 0)).map(Number);
    assert.deepEqual(
      ascending,
      [...ascending].sort((a, b) => a - b),
    );
    await numberHeader.locator('button').click();
    assert.equal(await numberHeader.getAttribute('aria-sort'), 'descending');
    assert.equal(new URL(page.url()).searchParams.get('sort'), '-number');
    const descending = (await columnOfVisible(page, 0)).map(Number);
    assert.deepEqual(descending, [...ascending].reverse());
    assert.equal(await page.locator('th[aria-sort]').count(), 1);

    await page.locator('th[data-sort="title"] button').click();
    const titles = await columnOfVisible(page, 1);
    assert.deepEqual(
      titles,
      [...titles].sort((a, b) =>
        a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
      ),
    );
    assert.equal(await numberHeader.getAttribute('aria-sort'), null);

    await page.reload();
    await page.waitForSelector('table.proposal-list[data-ready="true"]');
    assert.deepEqual(await columnOfVisible(page, 1), titles);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

async function searchAndCheck(
  t: TestContext,
  page: Page,
  errors: string[],
  word: { word: string; number: string },
): Promise<void> {
  // A title word: the metadata search ranks KEP-2033 ("Rootless mode") first, and marks the word.
  await typeSearch(page, 'rootless');
  const title = await firstHit(page, 'metadata');
  assert.match(title.href, /\/keps\/2033\/$/);
  assert.deepEqual(
    title.marks.map((mark) => mark.toLowerCase()),
    ['rootless'],
  );
  // A README word that no other proposal has: the full-text search ranks its KEP first.
  await typeSearch(page, word.word);
  const text = await firstHit(page, 'fulltext');
  assert.ok(text.href.endsWith(`/keps/${word.number}/`), `${word.word}: ${text.href}`);
  assert.ok(
    text.marks.some((mark) => mark.toLowerCase().startsWith(word.word)),
    `${word.word} marked: ${text.marks.join(', ')}`,
  );
  const timings = await searchTimings(page);
  t.diagnostic(
    `metadata search p95 ${p95(timings.metadata).toFixed(1)} ms over ${timings.metadata.length} keystrokes; first full-text query ${timings.firstFullText?.toFixed(0)} ms`,
  );
  assert.deepEqual(errors, []);
  // The result links to the proposal page (whose README may link images the corpus lacks: not checked here).
  await page.locator(`#site-search-panel [data-kind="fulltext"] li a`).first().click();
  await page.waitForURL(new RegExp(`/keps/${word.number}/$`));
  errors.length = 0;
}

for (const [name, viewport] of Object.entries(VIEWPORTS))
  browserTest(
    `on the built site (${name}), search finds a KEP by a title word and by a README word of its own, first, marked`,
    async (t) => {
      const word = distinctiveWord();
      const { page, errors, close } = await openPage(viewport);
      try {
        // Over a filtered list: axe on all ~650 rows takes a minute on a busy machine, and proves nothing more.
        await listReady(page, `${site!.url}?sig=sig-node&stage=beta`);
        await typeSearch(page, 'sidecar');
        await firstHit(page, 'fulltext');
        await noPageWideScroll(page);
        await screenshot(page, `search-panel-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), []);
        // A rare word: every full-text hit holds it. (The index is split into shards; one without the word must not
        // answer with a shorter word it has, "root", as Pagefind alone would.)
        await typeSearch(page, 'rootless');
        await firstHit(page, 'fulltext');
        const hits = page.locator('#site-search-panel [data-kind="fulltext"] li');
        const count = await hits.count();
        assert.ok(count >= 3, `${count} full-text hits for rootless`);
        for (let at = 0; at < count; at++) {
          const marks = await hits.nth(at).locator('mark').allTextContents();
          assert.ok(
            marks.some((mark) => mark.toLowerCase().includes('rootless')),
            `hit ${at + 1} is marked ${marks.join(', ')}`,
          );
        }
        await searchAndCheck(t, page, errors, word);

        // Enter goes to the search page, which shows the results of ?q= in the page itself.
        await page.goto(`${site!.url}release/v1.35/`);
        await typeSearch(page, 'sidecar');
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/enhancements\/search\/\?q=sidecar$/);
        await page.locator('#search-page-results [data-kind="fulltext"] li').first().waitFor();
        assert.equal(await page.locator('#site-search-input').inputValue(), 'sidecar');
        await noPageWideScroll(page);
        await screenshot(page, `search-page-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), []);

        await listReady(page, `${site!.url}?sig=sig-node&stage=beta`);
        await noPageWideScroll(page);
        await screenshot(page, `list-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    },
  );

browserTest('without JavaScript the list is the whole table and the filter form stays hidden', async () => {
  const { page, close } = await openPage(VIEWPORTS.laptop);
  try {
    await page.context().route('**/*.js', (route) => route.abort());
    await page.goto(`${site!.url}?sig=sig-node`);
    const rows = await page.locator('table.proposal-list tbody tr').count();
    assert.equal(await visibleRows(page).count(), rows);
    assert.equal(await page.locator('#list-filters').isVisible(), false);
  } finally {
    await close();
  }
});

/** GET a path of a served site; the status and the body as text. */
async function get(served: Served, pathAndQuery: string): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(pathAndQuery, served.url));
  return { status: response.status, body: await response.text() };
}

browserTest(
  'kep serve on the corpus: the same search through api/search, which refuses bad queries with 400',
  async (t) => {
    const word = distinctiveWord();
    const served = await startServe(corpusRoot, cacheDir);
    try {
      const answer = await get(served, `api/search?q=${encodeURIComponent(word.word)}`);
      assert.equal(answer.status, 200);
      const json = JSON.parse(answer.body) as {
        query: string;
        results: { id: string; url: string; excerpt: string; highlights: [number, number][] }[];
      };
      assert.equal(json.query, word.word);
      assert.equal(json.results[0]?.id, word.number);
      assert.equal(json.results[0]?.url, `/keps/${word.number}/`);
      const [start, end] = json.results[0]!.highlights[0]!;
      assert.equal(json.results[0]!.excerpt.slice(start, end).toLowerCase(), word.word);
      for (const bad of [`q=${'a'.repeat(5000)}`, 'q=%E0%A4%A', 'q=%ZZ', 'q=a&q=b', 'q=%00']) {
        const refused = await get(served, `api/search?${bad}`);
        assert.equal(refused.status, 400, bad.slice(0, 40));
        assert.ok((JSON.parse(refused.body) as { error: string }).error);
      }
      const { page, errors, close } = await openPage(VIEWPORTS.laptop);
      try {
        await page.goto(served.url);
        assert.equal(
          await page.locator('meta[name="kep-search-endpoint"]').getAttribute('content'),
          '/api/search',
        );
        await searchAndCheck(t, page, errors, word);
        // Enter submits the search form: the policy's form-action must let it reach the search page.
        await typeSearch(page, word.word);
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/search/\\?q=${word.word}$`));
        await page.locator('#search-page-results [data-kind="fulltext"] li').first().waitFor();
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    } finally {
      await served.stop();
    }
  },
);

browserTest('kep serve: a word saved into a README is found by the search at once', async () => {
  const repo = exampleRepo();
  const serveCache = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
  const served = await startServe(repo.root, serveCache);
  try {
    const readme = readdirSync(path.join(repo.root, 'keps/sig-node'))
      .map((dir) => path.join(repo.root, 'keps/sig-node', dir, 'README.md'))
      .find((file) => {
        try {
          return readFileSync(file, 'utf8').length > 0;
        } catch {
          return false;
        }
      })!;
    const number = String(Number(/\/(\d+)-[^/]+\/README\.md$/.exec(readme)![1]));
    assert.equal(
      (JSON.parse((await get(served, 'api/search?q=quokkaplexer')).body) as { results: unknown[] }).results
        .length,
      0,
    );
    appendFileSync(readme, '\nThe quokkaplexer balances the queues.\n');
    let ids: string[] = [];
    for (let attempt = 0; attempt < 100 && ids.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ids = (
        JSON.parse((await get(served, 'api/search?q=quokkaplexer')).body) as { results: { id: string }[] }
      ).results.map((hit) => hit.id);
    }
    assert.deepEqual(ids, [number]);
  } finally {
    await served.stop();
    repo.dispose();
    rmSync(serveCache, { recursive: true, force: true });
  }
});
