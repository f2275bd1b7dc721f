// The proposal page in a real browser, on corpus KEPs in a clone of the corpus's history bundle (their READMEs
// copied over): a finding shown beside the block holding its line, the stage timeline from git, the link to
// the file on the forge, the table of contents' links landing on headings, a mermaid diagram drawn; readable on
// a phone and a laptop with no serious accessibility violation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  browserTest,
  closeBrowser,
  openPage,
  screenshot,
  seriousAxeViolations,
  serveStatic,
  VIEWPORTS,
} from '../testing/browser.js';
import { corpusRoot, exampleRepo, projectRoot, runKep, sigsFile } from '../testing/fixtures.js';

const BUNDLE = path.resolve(projectRoot, '../shared/corpus/kubernetes-enhancements-history.bundle');
/** Its README links to ../1539-hugepages/ on line 343, a KEP this clone's work tree leaves out: a finding. */
const USERNS = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const USERNS_LINK_LINE = 343;
/** Has ```mermaid blocks. */
const GANG = 'keps/sig-scheduling/4671-gang-scheduling';
/** Went alpha, then beta, in the bundle's history. */
const CRI = 'keps/sig-node/2040-kubelet-cri';
const KEPT = [USERNS, GANG, CRI, 'keps/sig-apps/3998-job-success-completion-policy'];

let work: string;
let clone: string;
let out: string;
let branch: string;
let server: { url: string; close(): Promise<void> };

const pageOf = (dir: string) => `keps/${/\/(\d+)-/.exec(dir)![1]}/`;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kepkit-proposal-page-'));
  clone = path.join(work, 'kubernetes-enhancements');
  out = path.join(work, 'site');
  const git = (...args: string[]) => {
    const run = spawnSync('git', args, { cwd: clone, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  const cloned = spawnSync('git', ['clone', '--quiet', BUNDLE, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  // The work tree keeps a few KEPs (HEAD and its history stay the bundle's): a site of four pages.
  for (const sig of readdirSync(path.join(clone, 'keps'), { withFileTypes: true })) {
    if (!sig.isDirectory() || !sig.name.startsWith('sig-')) continue;
    for (const kep of readdirSync(path.join(clone, 'keps', sig.name))) {
      const dir = `keps/${sig.name}/${kep}`;
      if (!KEPT.includes(dir)) rmSync(path.join(clone, dir), { recursive: true, force: true });
    }
  }
  for (const dir of KEPT) {
    cpSync(path.join(corpusRoot, dir), path.join(clone, dir), { recursive: true });
    for (const file of readdirSync(path.join(clone, dir))) chmodSync(path.join(clone, dir, file), 0o644);
  }
  cpSync(path.join(corpusRoot, 'OWNERS_ALIASES'), path.join(clone, 'OWNERS_ALIASES'));
  chmodSync(path.join(clone, 'OWNERS_ALIASES'), 0o644);
  git('remote', 'set-url', 'origin', 'git@github.com:kubernetes/enhancements.git');
  branch = git('rev-parse', '--abbrev-ref', 'HEAD');
  const built = runKep(['build-site', '--repo', clone, '--groups', sigsFile, '--out', out]);
  assert.equal(built.status, 0, built.stderr);
  server = await serveStatic(out, '/');
});

after(async () => {
  await server?.close();
  await closeBrowser();
  rmSync(work, { recursive: true, force: true });
});

/** No page wider than the phone's screen: only a table or code block's own container may scroll. */
async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
}

browserTest(
  'a corpus KEP page shows a finding beside its line, the timeline and the forge link',
  async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors, close } = await openPage(viewport);
      try {
        await page.goto(server.url + pageOf(USERNS));
        // The finding on line 343 sits right after the rendered block holding that line (the link it names).
        const placement = await page.evaluate((line) => {
          const notes = [...document.querySelectorAll('article.readme .finding-note')];
          const note = notes.find((element) => element.textContent!.includes(`README.md:${line}`));
          if (!note) return { found: false };
          let block = note.previousElementSibling;
          while (block?.classList.contains('finding-note')) block = block.previousElementSibling;
          return {
            found: true,
            blockStart: Number(/^L(\d+)$/.exec(block?.id ?? '')?.[1] ?? -1),
            marked: block?.classList.contains('has-finding') ?? false,
            linksTheKep: block?.querySelector('a[href*="1539-hugepages"]') !== null,
            rule: note.querySelector('a')?.getAttribute('href'),
            id: note.id,
          };
        }, USERNS_LINK_LINE);
        assert.equal(placement.found, true);
        assert.ok(
          placement.blockStart! > 0 && placement.blockStart! <= USERNS_LINK_LINE,
          JSON.stringify(placement),
        );
        assert.equal(placement.marked, true);
        assert.equal(placement.linksTheKep, true);
        assert.equal(placement.rule, '/rules/#rule-readme-links');
        // The list at the top links to the note, and the rule link lands on the rule's docs.
        const listed = page.locator(`ul.findings a[href="#${placement.id}"]`);
        assert.equal(await listed.count(), 1);
        await listed.click();
        assert.equal(await page.evaluate(() => location.hash), `#${placement.id}`);
        // The timeline: at least the beta stage, each change with a date.
        const timeline = await page.locator('ol.timeline li').allTextContents();
        assert.ok(timeline.length > 0, 'a timeline');
        assert.ok(
          timeline.every((entry) => /^\d{4}-\d{2}-\d{2} /.test(entry)),
          timeline.join('\n'),
        );
        assert.ok(
          timeline.some((entry) => /\b(alpha|beta|stable)\b/.test(entry)),
          timeline.join('\n'),
        );
        // The forge link: HTTPS GitHub from the ssh remote, the checked-out branch, the README's path.
        assert.equal(
          await page.locator('.source-links a').first().getAttribute('href'),
          `https://github.com/kubernetes/enhancements/blob/${branch}/${USERNS}/README.md`,
        );
        if (name === 'phone') await assertNoHorizontalScroll(page);
        await screenshot(page, `proposal-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    }
  },
);

browserTest('every table-of-contents link of corpus KEPs lands on an element of the page', async () => {
  const { page, errors, close } = await openPage(VIEWPORTS.laptop);
  try {
    for (const dir of KEPT) {
      await page.goto(server.url + pageOf(dir));
      const result = await page.evaluate(() => {
        // The table of contents (mdtoc's block between <!-- toc --> marks): the first top-level list of the
        // README whose every link is to a place on the page.
        const toc = [...document.querySelectorAll('article.readme > ul')].find((list) => {
          const links = [...list.querySelectorAll('a')];
          return links.length > 0 && links.every((a) => a.getAttribute('href')?.startsWith('#'));
        });
        const links = [...(toc?.querySelectorAll('a[href^="#"]') ?? [])].map((a) =>
          decodeURIComponent(a.getAttribute('href')!.slice(1)),
        );
        return { count: links.length, missing: links.filter((id) => id && !document.getElementById(id)) };
      });
      assert.ok(result.count > 10, `${dir}: ${result.count} table-of-contents links`);
      assert.deepEqual(result.missing, [], dir);
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

browserTest('a KEP with a mermaid block draws it; a KEP without loads no mermaid', async () => {
  const html = readFileSync(path.join(out, pageOf(GANG), 'index.html'), 'utf8');
  // Without JavaScript the diagram reads as its source.
  assert.match(html, /<code[^>]* class="language-mermaid">/);
  assert.doesNotMatch(readFileSync(path.join(out, pageOf(CRI), 'index.html'), 'utf8'), /mermaid/);
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const { page, errors, close } = await openPage(viewport);
    try {
      await page.goto(server.url + pageOf(GANG));
      await page.locator('figure.mermaid-diagram svg').first().waitFor();
      assert.equal(
        await page.locator('pre > code.language-mermaid').count(),
        await page.locator('figure.mermaid-diagram').count(),
      );
      if (name === 'phone') await assertNoHorizontalScroll(page);
      await screenshot(page, `proposal-mermaid-${name}`);
      assert.deepEqual(await seriousAxeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  }
});

test('a site built outside a git work tree says why a proposal has no timeline', () => {
  const repo = exampleRepo();
  const site = path.join(repo.root, '..', `${path.basename(repo.root)}-site`);
  try {
    const built = runKep(['build-site', '--repo', repo.root, '--out', site]);
    assert.equal(built.status, 0, built.stderr);
    const html = readFileSync(path.join(site, 'keps/5266/index.html'), 'utf8');
    assert.match(html, /<h2 id="timeline">Stage timeline<\/h2>\n<p class="muted">No git history was read/);
    assert.doesNotMatch(html, /<ol class="timeline">/);
  } finally {
    repo.dispose();
    rmSync(site, { recursive: true, force: true });
  }
});
