// The search's budgets (issue 12), for `npm run bench search`: what the list page loads before search is used
// and the largest JSON a page loads (gzipped), the Pagefind step of build-site (and a rebuild with nothing
// changed), and in Chromium the metadata search per keystroke (p95) and the first full-text query, on the
// built site and under `kep serve`. The browser figures are the page's own performance measures
// (`kep-search:metadata`, `kep-search:fulltext`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const QUERIES = ['rootless', 'sidecar containers', 'dynamic resource', 'kubelet tracing', 'topology'];

const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? Number.NaN;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Type each query key by key in a fresh page; the page's measures of every keystroke and of the first full-text query. */
async function browserTimings(browser, url, runs) {
  const metadata = [];
  const firstFullText = [];
  for (let run = 0; run < runs; run++) {
    const { page, close } = await browser.openPage(browser.VIEWPORTS.laptop);
    try {
      await page.goto(url);
      const input = page.locator('#site-search-input');
      await input.click();
      for (const query of QUERIES) {
        await input.fill('');
        await input.pressSequentially(query, { delay: 60 });
        await page.locator('#site-search-panel [data-kind="fulltext"] li').first().waitFor();
      }
      const measures = await page.evaluate(() =>
        performance.getEntriesByType('measure').map((m) => ({ name: m.name, duration: m.duration })),
      );
      metadata.push(...measures.filter((m) => m.name === 'kep-search:metadata').map((m) => m.duration));
      const first = measures.find((m) => m.name === 'kep-search:fulltext');
      if (first) firstFullText.push(first.duration);
    } finally {
      await close();
    }
  }
  return { metadataP95: p95(metadata), keystrokes: metadata.length, firstFullText: median(firstFullText) };
}

export async function searchBudgets({ project, kep, corpus, env, runs }) {
  const lines = ['\nsearch (issue 12)'];
  let failed = false;
  const row = (name, value, target, ok) => {
    if (!ok) failed = true;
    lines.push(
      `${name.padEnd(58)} ${value.padStart(12)} ${target.padStart(10)}${ok ? '' : '  ✗ over target'}`,
    );
  };
  const out = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-search-'));
  try {
    const build = () =>
      spawnSync(process.execPath, [kep, 'build-site', '--repo', corpus, '--out', out], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    const first = build();
    if (first.status !== 0) throw new Error(`bench: build-site exited ${first.status}: ${first.stderr}`);
    const indexed = /search index: (\d+) proposals in (\d+) shards, .* in ([\d.]+) s/.exec(first.stderr);
    row(
      `build-site: Pagefind indexes of the full text (${indexed?.[2] ?? '?'} shards, beside the pages)`,
      indexed ? `${indexed[3]}s` : '?',
      '',
      true,
    );
    const again = [];
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const rebuilt = build();
      again.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (!/search index: unchanged/.test(rebuilt.stderr)) throw new Error('bench: the index was rebuilt');
    }
    row(
      'build-site again, nothing changed (index kept), whole run',
      `${median(again).toFixed(2)}s`,
      '',
      true,
    );

    const listLoads = ['index.html', 'site.css', 'assets/search.js', 'assets/list.js', 'api/list.json'];
    const listBytes = listLoads.reduce((sum, file) => sum + gzipped(path.join(out, file)), 0);
    row(
      'list page as loaded before search is used, gzipped',
      `${(listBytes / KB).toFixed(0)} KB`,
      '≤300 KB',
      listBytes <= 300 * KB,
    );
    const json = [...filesUnder(path.join(out, 'api')), ...filesUnder(path.join(out, 'pagefind'))].filter(
      (file) => file.endsWith('.json'),
    );
    const largest = json.map((file) => ({ file, bytes: gzipped(file) })).sort((a, b) => b.bytes - a.bytes)[0];
    row(
      `largest JSON a page loads, gzipped (${path.relative(out, largest.file)})`,
      `${(largest.bytes / KB).toFixed(0)} KB`,
      '≤2048 KB',
      largest.bytes <= 2048 * KB,
    );
    const pagefindBytes = filesUnder(path.join(out, 'pagefind')).reduce(
      (sum, file) => sum + statSync(file).size,
      0,
    );
    row(
      'Pagefind index on disk (fetched a fragment at a time)',
      `${(pagefindBytes / KB / KB).toFixed(1)} MB`,
      '',
      true,
    );

    const browser = await import(path.join(project, 'dist/testing/browser.js'));
    if (!existsSync(browser.CHROMIUM)) {
      lines.push(`(no Chromium at ${browser.CHROMIUM}: no browser figures)`);
      return { lines, failed };
    }
    const server = await browser.serveStatic(out, '/');
    try {
      const built = await browserTimings(browser, server.url, runs);
      row(
        `built site: metadata search per keystroke, p95 of ${built.keystrokes}`,
        `${built.metadataP95.toFixed(1)} ms`,
        '≤20 ms',
        built.metadataP95 <= 20,
      );
      row(
        'built site: first full-text query (Pagefind), median',
        `${built.firstFullText.toFixed(0)} ms`,
        '≤300 ms',
        built.firstFullText <= 300,
      );
    } finally {
      await server.close();
    }
    const cache = mkdtempSync(path.join(tmpdir(), 'kepkit-bench-search-cache-'));
    const started = process.hrtime.bigint();
    const served = await browser.startServe(corpus, env.KEPKIT_CACHE_DIR ?? cache);
    try {
      const answer = await fetch(new URL('api/search?q=rootless', served.url));
      if (!answer.ok) throw new Error(`bench: api/search ${answer.status}`);
      row(
        'kep serve: start to the first api/search answer (index built)',
        `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)}s`,
        '',
        true,
      );
      const live = await browserTimings(browser, served.url, runs);
      row(
        `kep serve: metadata search per keystroke, p95 of ${live.keystrokes}`,
        `${live.metadataP95.toFixed(1)} ms`,
        '≤20 ms',
        live.metadataP95 <= 20,
      );
      row(
        'kep serve: first full-text query (api/search), median',
        `${live.firstFullText.toFixed(0)} ms`,
        '≤300 ms',
        live.firstFullText <= 300,
      );
    } finally {
      await served.stop();
      rmSync(cache, { recursive: true, force: true });
      await browser.closeBrowser();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { lines, failed };
}
