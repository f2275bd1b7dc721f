// Every kind of page of the example repository's built site, served by a plain static server under a sub-path
// (`--base-url /enhancements/`), as GitHub Pages serves a project site: each kind at phone and laptop widths
// (axe, no sideways scroll, no console error, screenshots), and a reader's click-through.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import {
  browserTest,
  closeBrowser,
  openPage,
  screenshot,
  serveStatic,
  VIEWPORTS,
} from '../testing/browser.js';
import { builtPages, checkPages, pagesByKind } from '../testing/every-page.js';
import { exampleRepo, runKep, type TempRepo } from '../testing/fixtures.js';

const BASE = '/enhancements/';
let repo: TempRepo;
let out: string;
let server: Awaited<ReturnType<typeof serveStatic>>;

before(async () => {
  repo = exampleRepo();
  // A git repository with history, so that pages built from the history (timelines, statistics) appear.
  rmSync(repo.file('.git'), { recursive: true, force: true });
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo.root });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the example proposals');
  repo.edit('keps/sig-node/5230-image-prefetch-hints/kep.yaml', /^status: .*$/m, 'status: implemented');
  git('commit', '-q', '-am', '5230 implemented');
  out = mkdtempSync(path.join(tmpdir(), 'kepkit-every-page-'));
  const built = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', BASE]);
  assert.equal(built.status, 0, built.stderr);
  server = await serveStatic(out, BASE);
});

after(async () => {
  await closeBrowser();
  await server?.close();
  repo?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

browserTest(
  'every kind of page of the example site reads on a phone and a laptop, with no serious axe violation',
  async (t) => {
    const pages = pagesByKind(builtPages(out), (kind, candidates) =>
      // A proposal with findings, a README with tables and a TOC: the richest page of its kind.
      kind === 'keps' ? candidates.find((page) => page === 'keps/5355/') : undefined,
    );
    for (const kind of ['list', 'keps', 'release']) assert.ok(pages.has(kind), `a ${kind} page was built`);
    const checked = await checkPages(server.url, pages, 'example');
    t.diagnostic(`checked ${[...pages].map(([kind, page]) => `${kind} (${page || '/'})`).join(', ')}`);
    assert.equal(checked.length, pages.size * Object.keys(VIEWPORTS).length);
  },
);

browserTest(
  'a reader clicks from the list to a proposal, to its release, and back, all under the sub-path',
  async () => {
    const { page, errors, close } = await openPage(VIEWPORTS.phone);
    try {
      await page.goto(server.url);
      const listTitle = await page.title();
      const link = page.locator('main tbody a[href*="/keps/"]').first();
      const title = (await link.textContent())?.trim() ?? '';
      await link.click();
      await page.waitForURL(/\/enhancements\/keps\/[^/]+\/$/);
      assert.equal((await page.locator('h1').first().textContent())?.trim(), title);
      const release = page.locator('a[href*="/release/"]').first();
      const releaseName = (await release.getAttribute('href'))?.match(/release\/([^/]+)\//)?.[1] ?? '';
      assert.match(releaseName, /^v\d+\.\d+$/);
      await release.click();
      await page.waitForURL(new RegExp(`/enhancements/release/${releaseName.replace('.', '\\.')}/$`));
      assert.match(
        (await page.locator('h1').first().textContent()) ?? '',
        new RegExp(releaseName.replace('.', '\\.')),
      );
      await screenshot(page, 'click-through-release');
      // Back to the proposal, then the list, by the browser's history.
      await page.goBack();
      assert.match(new URL(page.url()).pathname, /^\/enhancements\/keps\/[^/]+\/$/);
      await page.goBack();
      assert.equal(new URL(page.url()).pathname, BASE);
      assert.equal(await page.title(), listTitle);
      // Every link of every page the reader saw stays under the base.
      for (const href of await page
        .locator('a[href^="/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
        assert.ok(href!.startsWith(BASE), href!);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  },
);
