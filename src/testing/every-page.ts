// Every kind of page of a built site in the browser: the kinds come from the pages the build wrote (its
// manifest lists every path of the routes table's `sitePaths`), grouped by URL shape, so pages that are added
// to the routes table are checked without a change here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, screenshot, seriousAxeViolations, VIEWPORTS } from './browser.js';

/** The build's record of the files it wrote (src/site/build.ts). */
const MANIFEST = '.kepkit-site.json';

/** The HTML pages a build wrote, as URL paths below the base (`keps/2033/`, `` for the list). */
export function builtPages(out: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')) as {
    files: Record<string, unknown>;
  };
  return Object.keys(manifest.files)
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.replace(/(^|\/)index\.html$/, '$1'));
}

/**
 * A page's kind by its URL shape: its first path segment (`keps`, `release`, `statistics`…), `list` for the
 * site's root page; a page's own file name counts as a segment (`about.html` → `about.html`).
 */
export function pageKind(sitePath: string): string {
  return sitePath === '' ? 'list' : sitePath.split('/')[0]!;
}

/** One page of each kind: the first the build wrote, or the one `prefer` picks among them. */
export function pagesByKind(
  pages: readonly string[],
  prefer: (kind: string, candidates: string[]) => string | undefined = () => undefined,
): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const page of pages) {
    const kind = pageKind(page);
    grouped.set(kind, [...(grouped.get(kind) ?? []), page]);
  }
  return new Map(
    [...grouped].map(([kind, candidates]) => [kind, prefer(kind, candidates) ?? candidates[0]!]),
  );
}

/** Whether the page scrolls sideways as a whole (a wide table must scroll inside its own container). */
export async function pageOverflow(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return undefined;
    // Name the widest elements that stick out, for the failure message.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => {
        for (let up = element.parentElement; up; up = up.parentElement) {
          const overflow = getComputedStyle(up).overflowX;
          if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return false;
        }
        return true;
      })
      .slice(0, 3)
      .map(
        (element) => `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''}`,
      );
    return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${culprits.join(', ')}`;
  });
}

export interface PageCheck {
  kind: string;
  sitePath: string;
  viewport: string;
  screenshot: string;
}

/**
 * Open each page at phone and laptop widths: it loads with no console error and no failed request, has a main
 * heading, does not scroll sideways, has no serious or critical axe violation; a full-page screenshot is saved
 * as `<name>-<kind>-<width>.png`. Every problem of every page is collected, then asserted at once.
 */
export async function checkPages(
  baseUrl: string,
  pages: Map<string, string>,
  name: string,
  /** A failed request that is the repository's own fault (an image its README links but it lacks). */
  missingInRepository: (url: string) => boolean = () => false,
): Promise<PageCheck[]> {
  const problems: string[] = [];
  const checked: PageCheck[] = [];
  for (const [kind, sitePath] of pages) {
    for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors, close } = await openPage(viewport);
      const where = `${name} ${kind} (${sitePath || '/'}) at ${viewport.width}px`;
      try {
        const response = await page.goto(baseUrl + sitePath);
        if (response?.status() !== 200) problems.push(`${where}: status ${response?.status()}`);
        if ((await page.locator('h1').count()) === 0) problems.push(`${where}: no h1`);
        const overflow = await pageOverflow(page);
        if (overflow) problems.push(`${where}: scrolls sideways: ${overflow}`);
        const file = await screenshot(page, `${name}-${kind}`);
        for (const violation of await seriousAxeViolations(page)) problems.push(`${where}: ${violation}`);
        for (const error of errors) {
          const failed = /^404 (.*)$/.exec(error)?.[1];
          if (!failed || !missingInRepository(failed)) problems.push(`${where}: ${error}`);
        }
        checked.push({ kind, sitePath, viewport: viewportName, screenshot: file });
      } finally {
        await close();
      }
    }
  }
  assert.deepEqual(problems, []);
  return checked;
}
