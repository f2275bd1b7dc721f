// Browser tests: Debian's Chromium driven by playwright-core (no browser downloads), axe-core for accessibility,
// a plain static server for built sites, and `kep serve` started as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type TestContext, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliPath, projectRoot } from './fixtures.js';

export const CHROMIUM = process.env.KEPKIT_CHROMIUM ?? '/usr/bin/chromium';
/** Where the tests save their screenshots (look at them): `artifacts/screenshots/<name>-<width>.png`. */
export const SCREENSHOTS_DIR = path.join(projectRoot, 'artifacts/screenshots');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1366, height: 900 },
} as const;

let browser: Promise<Browser> | undefined;

/** One Chromium for the test file; closed when the process's tests end (`closeBrowser` in an `after`). */
export function chromium(): Promise<Browser> {
  browser ??= import('playwright-core').then(({ chromium }) =>
    chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] }),
  );
  return browser;
}

export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  if (open) await (await open).close();
}

/**
 * A browser test: skipped, saying why, when there is no Chromium on a developer's machine; on CI (`CI` set) a
 * missing Chromium fails, because `.ci/run` installs it.
 */
export function browserTest(name: string, fn: (t: TestContext) => Promise<void>, timeoutMs = 180_000): void {
  const missing = !existsSync(CHROMIUM);
  if (missing && !process.env.CI) {
    test(name, { skip: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` }, () => {});
    return;
  }
  test(name, { timeout: timeoutMs }, fn);
}

/** A new page at a viewport, with every console error and page error collected (the test asserts on them). */
export async function openPage(
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
): Promise<{ page: Page; errors: string[]; dialogs: string[]; close(): Promise<void> }> {
  const context = await (await chromium()).newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is reported below with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, errors, dialogs, close: () => context.close() };
}

const MAX_SCREENSHOT_HEIGHT = 12_000;

/** Save a full-page screenshot (its first 12,000 px) as `<name>-<width>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-${width}.png`);
  // A very long page (a 600-row list, a long README) is cut: Chromium takes minutes over a full one.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: file,
    fullPage: true,
    ...(height > MAX_SCREENSHOT_HEIGHT ? { clip: { x: 0, y: 0, width, height: MAX_SCREENSHOT_HEIGHT } } : {}),
  });
  return file;
}

/** The axe-core violations of impact serious or critical on the page, one line each (empty when none). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join('; ')}`,
    );
}

export interface Served {
  url: string;
  child: ChildProcess;
  /** What the server printed on stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code; fails (and kills it) if it has not exited within 10 s. */
  stop(): Promise<number | null>;
}

const STOP_TIMEOUT_MS = 10_000;

/** Start `kep serve --port 0 [args]` on a repository and wait for the URL it prints. */
export function startServe(
  root: string,
  cacheDir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Served> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--repo', root, '--port', '0', ...args], {
    env: { ...process.env, KEPKIT_CACHE_DIR: cacheDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A server that outlives its SIGTERM is a bug (Ctrl-C would not stop it): fail, and kill it so the test ends.
  const stop = () =>
    new Promise<number | null>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`kep serve did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM: ${stderr}`));
      }, STOP_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      child.kill('SIGTERM');
    });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kep serve did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, stderr: () => stderr, stop });
      }
    });
    child.on('exit', (code) => reject(new Error(`kep serve exited ${code}: ${stderr}`)));
  });
}

/**
 * A plain static file server for a built site, mounted under `basePath` (`/enhancements/`): what GitHub Pages
 * does, and nothing of kepkit's. Anything outside the base is 404.
 */
export async function serveStatic(
  dir: string,
  basePath = '/',
): Promise<{ url: string; close(): Promise<void> }> {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const { serveStatic: staticFiles } = await import('@hono/node-server/serve-static');
  const app = new Hono();
  const relativeRoot = path.relative(process.cwd(), dir);
  app.use(
    `${basePath}*`,
    staticFiles({
      root: relativeRoot,
      rewriteRequestPath: (requestPath) => requestPath.slice(basePath.length - 1),
    }),
  );
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}${basePath}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
