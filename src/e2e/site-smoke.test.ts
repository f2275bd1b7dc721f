// The web UI in a real browser, the way a reader meets it: a built site served by a plain static server under a
// sub-path, and `kep serve` over a repository.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import {
  browserTest,
  closeBrowser,
  openPage,
  screenshot,
  seriousAxeViolations,
  serveStatic,
  startServe,
  VIEWPORTS,
} from '../testing/browser.js';
import { exampleRepo, runKep } from '../testing/fixtures.js';

after(closeBrowser);

browserTest('a site built with --base-url /enhancements/ reads and links under that sub-path', async () => {
  const repo = exampleRepo();
  const out = mkdtempSync(path.join(tmpdir(), 'kepkit-site-'));
  try {
    const built = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', '/enhancements/']);
    assert.equal(built.status, 0, built.stderr);
    const server = await serveStatic(out, '/enhancements/');
    const { page, errors, close } = await openPage(VIEWPORTS.laptop);
    try {
      await page.goto(server.url);
      assert.equal(await page.title(), 'Proposals');
      const first = page.locator('tbody tr a').first();
      const title = (await first.textContent())?.trim() ?? '';
      await first.click();
      await page.waitForLoadState('load');
      assert.match(new URL(page.url()).pathname, /^\/enhancements\/keps\/.+\/$/);
      assert.equal((await page.locator('h1').first().textContent())?.trim(), title);
      await page.reload();
      assert.equal((await page.locator('h1').first().textContent())?.trim(), title);
      await screenshot(page, 'static-proposal');
      assert.deepEqual(await seriousAxeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
      await server.close();
    }
  } finally {
    repo.dispose();
    rmSync(out, { recursive: true, force: true });
  }
});

browserTest('kep serve shows the list in the browser, with no serious accessibility violation', async () => {
  const repo = exampleRepo();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
  const served = await startServe(repo.root, cacheDir);
  try {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors, close } = await openPage(viewport);
      try {
        await page.goto(served.url);
        assert.ok((await page.locator('tbody tr').count()) > 0);
        await screenshot(page, `serve-list-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    }
  } finally {
    await served.stop();
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
