// `kep serve` under bad input: climbing and undecodable paths, a request head over Node's limit, malformed
// queries, files deleted and renamed while watched, READMEs of 5 MB; after each the server is still up and
// answers the next request. And `--open`, with a stand-in for xdg-open on PATH (and with none).
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startServe } from '../testing/browser.js';
import { exampleRepo, type TempRepo } from '../testing/fixtures.js';

interface RawResponse {
  status: number;
  body: string;
}

/** A GET with the path and headers sent exactly as given (fetch would normalise the path). */
function rawGet(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: 'GET', headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Poll a path until `ready` holds for its response (the server reloads after a settle time). */
async function until(
  url: string,
  rawPath: string,
  ready: (response: RawResponse) => boolean,
  timeoutMs = 30_000,
): Promise<RawResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await rawGet(url, rawPath);
    if (ready(response)) return response;
    if (Date.now() > deadline)
      throw new Error(`${rawPath}: still ${response.status} ${response.body.slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withServed(
  body: (repo: TempRepo, served: Awaited<ReturnType<typeof startServe>>) => Promise<void>,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  const repo = exampleRepo();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-cache-'));
  const served = await startServe(repo.root, cacheDir, args, env);
  try {
    await body(repo, served);
    assert.equal(served.child.exitCode, null, `the server is still running: ${served.stderr()}`);
    assert.doesNotMatch(served.stderr(), /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  } finally {
    await served.stop();
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const KEP = 'keps/sig-node/5230-image-prefetch-hints';

test('kep serve refuses bad paths, an oversized request head and malformed queries, and keeps answering', () =>
  withServed(async (_repo, { url }) => {
    for (const bad of ['/%', '/keps/%E0%A4%A/', '/..%2f..%2fetc/passwd', '/keps/%5c..%5c/', '/a%00b'])
      assert.equal((await rawGet(url, bad)).status, 400, bad);
    assert.equal((await rawGet(url, `/${'x'.repeat(10_000)}`)).status, 404);
    // Node's default limit on a request head is 16 KB: 431, and the server lives on.
    assert.equal((await rawGet(url, '/', { 'X-Padding': 'y'.repeat(20_000) })).status, 431);
    assert.equal((await rawGet(url, '/')).status, 200);
    for (const query of [
      '/?q=%zz',
      '/?%E0%A4%A=1&&=&a=%',
      '/api/proposals.json?sort=%ff%fe',
      '/keps/5230/?a[]=1&a[b]=2',
    ])
      assert.equal((await rawGet(url, query)).status, 200, query);
    const list = await rawGet(url, '/');
    assert.equal(list.status, 200);
    assert.match(list.body, /<h1>/);
  }));

test('kep serve keeps answering while files are deleted and renamed under it', () =>
  withServed(async (repo, { url }) => {
    const page = '/api/keps/5230.json';
    assert.equal((await rawGet(url, page)).status, 200);
    // A README renamed away: the page stays, without its README (a finding says so).
    renameSync(repo.file(`${KEP}/README.md`), repo.file(`${KEP}/README.old.md`));
    await until(
      url,
      page,
      (response) => response.body.includes('"rule":"layout/missing-readme"') && response.status === 200,
    );
    renameSync(repo.file(`${KEP}/README.old.md`), repo.file(`${KEP}/README.md`));
    // The KEP's directory renamed: same number, same page.
    const renamed = 'keps/sig-node/5230-image-prefetch-hints-renamed';
    renameSync(repo.file(KEP), repo.file(renamed));
    await until(url, page, (response) => response.status === 200 && response.body.includes(renamed));
    // Deleted: its page is gone, the list no longer links it, everything else still answers.
    rmSync(repo.file(renamed), { recursive: true });
    await until(url, page, (response) => response.status === 404);
    assert.doesNotMatch((await rawGet(url, '/')).body, /href="\/keps\/5230\/"/);
    assert.equal((await rawGet(url, '/api/keps/5101.json')).status, 200);
    // A whole group directory deleted, then a new one made.
    rmSync(repo.file('keps/sig-storage'), { recursive: true });
    await until(url, '/api/keps/5177.json', (response) => response.status === 404);
    mkdirSync(repo.file('keps/sig-storage'));
    assert.equal((await rawGet(url, '/')).status, 200);
  }));

test('kep serve answers a page whose README is 5 MB, and one just over the size limit', (t) =>
  withServed(async (repo, { url }) => {
    const section = (index: number) =>
      `## Section ${index}\n\n${'A line of prose with `code`, **bold** and a [link](https://example.com). '.repeat(20)}\n\n| a | b |\n|---|---|\n| ${index} | x |\n\n`;
    let big = repo.read(`${KEP}/README.md`);
    for (let index = 0; big.length < 4.9 * 1024 * 1024; index++) big += section(index);
    repo.write(`${KEP}/README.md`, big);
    const started = Date.now();
    const shown = await until(
      url,
      '/keps/5230/',
      (response) => response.body.includes('Section 1000'),
      120_000,
    );
    assert.equal(shown.status, 200);
    const renderMs = Date.now() - started;
    t.diagnostic(`a 4.9 MB README: saved to shown in ${renderMs} ms`);
    // The next request is answered (the page is rendered per request; the list does not render READMEs).
    assert.equal((await rawGet(url, '/')).status, 200);
    assert.ok(renderMs < 120_000);
    // Over the 5 MiB limit: not read, a finding says why, the page still answers.
    repo.write(`${KEP}/README.md`, `${big}${'x'.repeat(200 * 1024)}`);
    const tooLarge = await until(
      url,
      '/api/keps/5230.json',
      (response) => response.body.includes('io/too-large'),
      120_000,
    );
    assert.equal(tooLarge.status, 200);
    assert.equal((await rawGet(url, '/keps/5230/')).status, 200);
    assert.equal((await rawGet(url, '/')).status, 200);
  }));

test('kep serve --open runs xdg-open with the URL as an argument, and only notes it when there is none', async () => {
  const bin = mkdtempSync(path.join(tmpdir(), 'kepkit-bin-'));
  const opened = path.join(bin, 'opened.txt');
  try {
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`);
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    await withServed(
      async (_repo, { url }) => {
        const deadline = Date.now() + 10_000;
        while (!existsSync(opened) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(readFileSync(opened, 'utf8'), `${url}\n`);
      },
      ['--open'],
      { PATH: `${bin}:${process.env.PATH}` },
    );
    const empty = mkdtempSync(path.join(tmpdir(), 'kepkit-nobin-'));
    try {
      await withServed(
        async (_repo, served) => {
          const deadline = Date.now() + 10_000;
          while (!/--open: cannot run xdg-open/.test(served.stderr()) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 50));
          assert.match(served.stderr(), /--open: cannot run xdg-open .*; open http:\/\/127\.0\.0\.1:\d+\//);
          assert.equal((await rawGet(served.url, '/')).status, 200);
        },
        ['--open'],
        { PATH: empty },
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
