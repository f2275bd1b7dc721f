// The web UI of other processes: the OpenShift corpus (a one-file layout, a built-in profile) and the Tekton
// and Gateway API corpora with the example profiles of examples/profiles/, each built under a sub-path and
// served statically: every kind of page at phone and laptop widths, and a click from the list to a proposal.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { browserTest, closeBrowser, openPage, serveStatic, VIEWPORTS } from '../testing/browser.js';
import { builtPages, checkPages, pagesByKind } from '../testing/every-page.js';
import { projectRoot, runKep } from '../testing/fixtures.js';

after(closeBrowser);

const BASE = '/enhancements/';
const corpus = (name: string) => path.resolve(projectRoot, '../shared/corpus', name);

const PROCESSES = [
  { name: 'openshift', repo: corpus('openshift-enhancements'), args: [] },
  {
    name: 'tekton',
    repo: corpus('tekton-community'),
    args: ['--profile', path.join(projectRoot, 'examples/profiles/tekton.yaml')],
  },
  {
    name: 'gateway-api',
    repo: corpus('gateway-api'),
    args: ['--profile', path.join(projectRoot, 'examples/profiles/gateway-api.yaml')],
  },
];

for (const kind of PROCESSES) {
  browserTest(
    `the ${kind.name} site: every kind of page reads on a phone and a laptop, and links under ${BASE}`,
    async (t) => {
      const out = mkdtempSync(path.join(tmpdir(), `kepkit-site-${kind.name}-`));
      try {
        const built = runKep([
          'build-site',
          '--repo',
          kind.repo,
          ...kind.args,
          '--out',
          out,
          '--base-url',
          BASE,
        ]);
        assert.equal(built.status, 0, built.stderr);
        const pages = pagesByKind(builtPages(out), (_kind, candidates) =>
          // The largest page of each kind: the longest README, the widest tables.
          candidates.length > 1 ? largest(out, candidates) : undefined,
        );
        assert.ok(pages.has('list') && pages.has('keps'), [...pages.keys()].join(', '));
        const server = await serveStatic(out, BASE);
        try {
          await checkPages(server.url, pages, kind.name, (url) => missingImage(kind.repo, out, url));
          t.diagnostic(`checked ${[...pages].map(([kind, page]) => `${kind} (${page || '/'})`).join(', ')}`);
          const { page, errors, close } = await openPage(VIEWPORTS.phone);
          try {
            await page.goto(server.url);
            const link = page.locator('main tbody a[href*="/keps/"]').first();
            const title = (await link.textContent())?.trim() ?? '';
            await link.click();
            await page.waitForURL(/\/enhancements\/keps\/.+\/$/);
            assert.equal((await page.locator('h1').first().textContent())?.trim(), title);
            await page.goBack();
            assert.equal(new URL(page.url()).pathname, BASE);
            assert.deepEqual(errors, []);
          } finally {
            await close();
          }
        } finally {
          await server.close();
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    // The OpenShift corpus is 600 proposals: its build and its list page take a while on a busy machine.
    600_000,
  );
}

/**
 * Whether a failed request is an image the README links relatively that the repository does not hold (the
 * Gateway API corpus lacks some of its diagrams): the page shows the link as written, the repository is wrong.
 */
function missingImage(repo: string, out: string, url: string): boolean {
  const match = new RegExp(`^https?://[^/]+${BASE}keps/([^/]+)/(.+\\.(?:png|jpe?g|gif|svg|webp))$`, 'i').exec(
    url,
  );
  if (!match) return false;
  const proposal = JSON.parse(readFileSync(path.join(out, 'api/keps', `${match[1]}.json`), 'utf8')) as {
    dir: string;
  };
  return !existsSync(path.join(repo, proposal.dir, decodeURIComponent(match[2]!)));
}

function largest(out: string, pages: string[]): string {
  const size = (page: string) => statSync(path.join(out, page, 'index.html')).size;
  return pages.reduce((best, page) => (size(page) > size(best) ? page : best));
}
