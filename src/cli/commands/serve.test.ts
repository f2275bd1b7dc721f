import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startServe } from '../../testing/browser.js';
import { corpusRepo, exampleRepo, runKep, withDisposed } from '../../testing/fixtures.js';

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(
  url: string,
  rawPath: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** Listen to the server's change events; `change` resolves at the first one. */
async function openEvents(url: string): Promise<{ change: Promise<void>; close(): void }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolveOpen, reject) => {
    const request = http.get({ hostname, port, path: '/events' }, (response) => {
      assert.match(String(response.headers['content-type']), /text\/event-stream/);
      const change = new Promise<void>((resolve) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: change')) resolve();
        });
      });
      resolveOpen({ change, close: () => request.destroy() });
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

test('kep serve answers the list and a proposal page with a CSP, and refuses path traversal', () =>
  withDisposed(exampleRepo(), async (repo) => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
    const { url, stop } = await startServe(repo.root, cacheDir);
    try {
      const list = await rawGet(url, '/');
      assert.equal(list.status, 200);
      assert.match(list.body, /<h1>Proposals<\/h1>/);
      assert.match(String(list.headers['content-security-policy']), /script-src 'self'/);
      assert.doesNotMatch(String(list.headers['content-security-policy']), /unsafe-inline/);
      const title = /href="\/keps\/(\d+)\/">([^<]+)</.exec(list.body);
      assert.ok(title, 'the list links a proposal');
      const proposal = await rawGet(url, `/keps/${title[1]}/`);
      assert.equal(proposal.status, 200);
      assert.ok(proposal.body.includes(`<h1>${title[2]}</h1>`));
      assert.ok(proposal.headers['content-security-policy']);

      // The scripts are the site's own files, not inline.
      assert.deepEqual(
        [...proposal.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
        ['<script type="module" src="/assets/search.js">', '<script src="/live-reload.js" defer>'],
      );
      assert.equal((await rawGet(url, '/live-reload.js')).status, 200);

      // Rendered live: a title changed on disk is announced to open pages and shows on the next request.
      const dir = /<dt>Directory<\/dt><dd>([^<]+)</.exec(proposal.body)![1]!;
      const events = await openEvents(url);
      const saved = performance.now();
      repo.edit(`${dir}/kep.yaml`, /^title: .*$/m, 'title: Renamed while served');
      await events.change;
      const announcedMs = performance.now() - saved;
      events.close();
      assert.ok(announcedMs < 1000, `announced after ${announcedMs} ms`);
      assert.match((await rawGet(url, `/keps/${title[1]}/`)).body, /<h1>Renamed while served<\/h1>/);

      for (const hostile of [
        '/../package.json',
        '/keps/%2e%2e/%2e%2e/package.json',
        '/keps/..%2f..%2fpackage.json',
      ]) {
        const refused = await rawGet(url, hostile);
        assert.equal(refused.status, 400, hostile);
        assert.ok(refused.headers['content-security-policy'], `${hostile}: CSP`);
      }
      assert.equal((await rawGet(url, '/keps/99999/')).status, 404);
      assert.equal((await rawGet(url, '/keps/%zz/')).status, 400);
      assert.equal((await rawGet(url, '/?q=%zz')).status, 200);
      const huge = await new Promise<number>((resolve) => {
        const { hostname, port } = new URL(url);
        const request = http.get(
          { hostname, port, path: '/', headers: { 'x-huge': 'a'.repeat(64 * 1024) } },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        request.on('error', () => resolve(-1));
      });
      assert.ok(huge === 431 || huge === -1, `a huge header: ${huge}`);
      // Still up after the refusals.
      assert.equal((await rawGet(url, '/')).status, 200);

      // A README over the size limit is not parsed: the page says so, and the server answers the next request.
      repo.write(`${dir}/README.md`, `# Huge\n\n${'word '.repeat(1_200_000)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const oversized = await rawGet(url, `/keps/${title[1]}/`);
      assert.equal(oversized.status, 200);
      assert.match(oversized.body, /io\/too-large/);
      assert.equal((await rawGet(url, '/')).status, 200);

      // SIGTERM stops it cleanly, open event streams and all.
      const stream = await openEvents(url);
      assert.equal(await stop(), 0);
      stream.close();
    } finally {
      await stop();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }));

test('kep serve on corpus copies answers the JSON API with kep lint’s findings, page by page', () =>
  withDisposed(
    corpusRepo([
      'keps/sig-node/2033-kubelet-in-userns-aka-rootless',
      'keps/sig-node/3063-dynamic-resource-allocation',
    ]),
    async (repo) => {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
      const { url, stop } = await startServe(repo.root, cacheDir);
      try {
        const lint = JSON.parse(runKep(['lint', '--repo', repo.root, '--format', 'json']).stdout) as {
          kep: number | null;
          rule: string;
          line: number;
        }[];
        const list = await rawGet(url, '/api/proposals.json');
        assert.equal(list.status, 200);
        assert.match(String(list.headers['content-type']), /application\/json/);
        const { proposals } = JSON.parse(list.body) as {
          proposals: { number: number; url: string; title: string }[];
        };
        assert.deepEqual(proposals.map((p) => p.number).sort(), [2033, 3063]);
        for (const proposal of proposals) {
          const one = JSON.parse((await rawGet(url, `/api/keps/${proposal.number}.json`)).body) as {
            findings: { rule: string; line: number }[];
          };
          const expected = lint.filter((d) => d.kep === proposal.number).map((d) => `${d.rule}:${d.line}`);
          assert.deepEqual(one.findings.map((d) => `${d.rule}:${d.line}`).sort(), expected.sort());
          const page = await rawGet(url, proposal.url);
          assert.equal(page.status, 200);
          assert.ok(page.body.includes(`<h1>${proposal.title}</h1>`));
        }
      } finally {
        // The repository is removed as the server stops (chokidar once watched its parent then, and kep serve
        // never exited on Node 24): stop() fails if it does not exit.
        const stopped = stop();
        repo.dispose();
        rmSync(cacheDir, { recursive: true, force: true });
        await stopped;
      }
    },
  ));
