// A proposal whose README attacks the reader: scripts, event handlers, javascript: links, frames, forms, a
// <style> and a cover that hide the page, a mermaid diagram with a script in a label. In a real browser, under
// `kep serve` and in the built site, none of it may run or hide the page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserTest,
  closeBrowser,
  openPage,
  screenshot,
  serveStatic,
  startServe,
  VIEWPORTS,
} from '../testing/browser.js';
import { exampleRepo, runKep, type TempRepo } from '../testing/fixtures.js';

after(closeBrowser);

const KEP = 'keps/sig-network/5266-service-traffic-mirroring';
const KEP_PAGE = 'keps/5266/';

/** Every payload sets window.__pwned and opens a dialog if it runs. */
const HOSTILE_README = `# KEP-5266: Service traffic mirroring

<script>window.__pwned = 'script'; alert('script')</script>

<img src="https://invalid.invalid/x.png" onerror="window.__pwned = 'img'; alert('img')">

<svg onload="window.__pwned = 'svg'; alert('svg')"><circle r="5"></circle></svg>

[a markdown link](javascript:window.__pwned='link';alert('link'))

<a href="javascript:window.__pwned='html-link';alert('html-link')" id="js-link">an HTML link</a>

<a href="data:text/html,<script>alert('data')</script>">a data link</a>

<iframe src="javascript:alert('frame')"></iframe>

<form action="javascript:alert('form')"><button>Send</button><input name="q"></form>

<details open ontoggle="window.__pwned = 'toggle'; alert('toggle')"><summary>More</summary>text</details>

<meta http-equiv="refresh" content="0; url=javascript:alert('meta')">
<base href="https://evil.invalid/">
<link rel="stylesheet" href="https://evil.invalid/hide.css">
<object data="javascript:alert('object')"></object>
<embed src="javascript:alert('embed')">

<style>body, main, h1 { display: none !important; visibility: hidden !important }</style>

<div style="position: fixed; inset: 0; background: white; z-index: 99999">cover</div>

<p style="display:none">hidden text</p>

![an image](javascript:alert('image'))

\`\`\`mermaid
%%{init: {"themeCSS": "body, main, h1 { display: none !important }", "securityLevel": "loose"}}%%
graph TD
  A["<img src=https://invalid.invalid/m.png onerror=alert('mermaid')>"] --> B["<script>alert('label')</script>"]
  click A callback "tooltip"
  click B "javascript:alert('click')"
\`\`\`

## Summary

The text after the payloads.
`;

function hostileRepo(): TempRepo {
  const repo = exampleRepo();
  repo.write(`${KEP}/README.md`, HOSTILE_README);
  return repo;
}

/** Nothing ran, nothing is hidden, nothing active is left in the README. */
async function assertHarmless(page: Page, errors: string[], dialogs: string[]): Promise<void> {
  // Let image errors fire, mermaid draw and any timer run.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
  assert.ok(await page.locator('h1').first().isVisible());
  assert.ok(await page.getByText('The text after the payloads.').isVisible());
  const hidden = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return style.display === 'none' || style.visibility === 'hidden';
  });
  assert.equal(hidden, false);
  // The cover is gone: what the middle of the page's heading shows is the heading.
  const top = await page.evaluate(() => {
    const h1 = document.querySelector('h1')!;
    const box = h1.getBoundingClientRect();
    return h1.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
  });
  assert.equal(top, true);
  const active = await page.evaluate(() => {
    // The README as the sanitizer left it: the diagrams are the site's script's drawing, checked apart.
    const readme = document.querySelector('article.readme')!.cloneNode(true) as Element;
    for (const figure of readme.querySelectorAll('figure.mermaid-diagram')) figure.remove();
    return {
      scripts: readme.querySelectorAll('script, iframe, object, embed, form, style, link, meta, base').length,
      handlers: [...readme.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${element.tagName} ${a.name}`),
      ),
      badLinks: [...readme.querySelectorAll('[href], [src]')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
        .filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
      styles: readme.querySelectorAll('[style]').length,
      inputs: readme.querySelectorAll('input:not([type="checkbox"][disabled])').length,
    };
  });
  assert.deepEqual(active, { scripts: 0, handlers: [], badLinks: [], styles: 0, inputs: 0 });
  // Clicking what looked like links does nothing either.
  await page.getByText('an HTML link').click();
  await page.getByText('a markdown link').click();
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
  assert.deepEqual(
    errors.filter((error) => !error.includes('invalid.invalid')),
    [],
  );
}

/**
 * Whether an inline script and a <style> added to the page take effect: what the page's policy decides (a
 * script run through Playwright is not subject to it, the elements it adds are).
 */
function inlineTakesEffect(page: Page): Promise<{ script: boolean; style: boolean }> {
  return page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.inline = "ran"';
    document.head.append(script);
    const style = document.createElement('style');
    style.textContent = 'main { visibility: hidden }';
    document.head.append(style);
    const main = document.querySelector('main') as HTMLElement;
    return {
      script: document.documentElement.dataset.inline === 'ran',
      style: getComputedStyle(main).visibility === 'hidden',
    };
  });
}

browserTest('a hostile README runs nothing and hides nothing under kep serve', async () => {
  const repo = hostileRepo();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
  const served = await startServe(repo.root, cacheDir);
  try {
    const { page, errors, dialogs, close } = await openPage(VIEWPORTS.laptop);
    try {
      const response = await page.goto(served.url + KEP_PAGE);
      // The page draws a diagram: inline styles are allowed for mermaid's SVG, scripts stay the site's own.
      const policy = response?.headers()['content-security-policy'] ?? '';
      assert.match(policy, /script-src 'self';/);
      assert.match(policy, /style-src 'self' 'unsafe-inline';/);
      await assertHarmless(page, errors, dialogs);
      // The diagram is drawn, with the script of its label as text at most.
      await page.locator('figure.mermaid-diagram svg').first().waitFor();
      await screenshot(page, 'hostile-proposal-serve');
    } finally {
      await close();
    }
  } finally {
    await served.stop();
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

browserTest('a hostile README runs nothing and hides nothing in the built site', async () => {
  const repo = hostileRepo();
  const out = mkdtempSync(path.join(tmpdir(), 'kepkit-site-'));
  try {
    const built = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', '/enhancements/']);
    assert.equal(built.status, 0, built.stderr);
    const server = await serveStatic(out, '/enhancements/');
    const { page, errors, dialogs, close } = await openPage(VIEWPORTS.phone);
    try {
      await page.goto(server.url + KEP_PAGE);
      await assertHarmless(page, errors, dialogs);
      await page.locator('figure.mermaid-diagram svg').first().waitFor();
      await screenshot(page, 'hostile-proposal-static');
      // A static host sends no policy header: the pages' own <meta> policy holds. Inline scripts never run;
      // inline styles only where mermaid needs them.
      assert.deepEqual(await inlineTakesEffect(page), { script: false, style: true });
      await page.goto(server.url);
      assert.deepEqual(await inlineTakesEffect(page), { script: false, style: false });
      const refused = (kind: RegExp) =>
        errors.filter((error) => /Content Security Policy/i.test(error) && kind.test(error)).length;
      assert.equal(refused(/inline script/), 2, 'one inline script refused on each page');
      assert.equal(refused(/inline style/), 1, 'the <style> refused on the list page only');
    } finally {
      await close();
      await server.close();
    }
  } finally {
    repo.dispose();
    rmSync(out, { recursive: true, force: true });
  }
});
