import type { AddressInfo } from 'node:net';
import { Command } from '../commander.js';
import { addRepoOptions, CliError, printNotice, repoContext } from '../common.js';
import { type SiteFlags, siteOptions } from '../site-options.js';
import { watchRepository } from '../watch-repository.js';

interface ServeFlags extends SiteFlags {
  port: string;
  host: string;
  open: boolean;
}

/** The program that opens a URL in the default browser on this platform, with its arguments. */
export function browserOpener(
  url: string,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is cmd's own; its first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Open the URL in a browser: the opener is spawned with arguments (never through a shell) and left running; when
 * there is none (no xdg-open on a server), a notice says so and serving goes on.
 */
async function openBrowser(url: string): Promise<void> {
  const opener = browserOpener(url);
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve) => {
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, shell: false });
    child.once('error', (error) => {
      printNotice(`--open: cannot run ${opener.command} (${error.message}); open ${url}`);
      resolve();
    });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/** A request path that climbs (`..`, also percent-encoded), holds a backslash or NUL, or is not decodable. */
export function isHostilePath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.split('?')[0]!);
  } catch {
    return true;
  }
  return /[\\\0]/.test(decoded) || decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

export function serveCommand(): Command {
  const command = new Command('serve')
    .description('serve the web UI over the repository, rendered live: the list, each proposal, each release')
    .option('--port <port>', 'the port to listen on (0: any free port)', '4000')
    .option('--host <host>', 'the address to bind (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--open', 'open the site in the default browser once it is served')
    .option('--no-cache', 'ignore and do not write the on-disk cache')
    .option(
      '--site-url <url>',
      'the site’s absolute URL, for the Atom feed’s links (default: the config’s site.url)',
    );
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
Serves the pages kep build-site writes, rendered from the repository as it is now: a page asked for after a
file changed shows the change, findings included. Binds 127.0.0.1 unless --host says otherwise. Every response
carries a Content-Security-Policy with no inline scripts (a page drawing a mermaid diagram also allows inline
styles, for the diagram's SVG); a path that climbs out (.., also percent-encoded) is refused with 400, a
request head over Node's 16 KB limit with 431; a README that cannot be read or rendered is a finding or an
error page, and the server keeps answering. Prints the URL it listens on (and with --open runs xdg-open, open
or start on it; a notice when there is none); stop it with Ctrl-C.

Exit codes: 0 stopped; 2 usage error (bad --port), or the port is taken.

Examples:
  kep serve                      # http://127.0.0.1:4000/
  kep serve --port 8080
  kep serve --port 0             # any free port (printed)
  kep serve --site-url http://127.0.0.1:4000/   # with the Atom feed (feed.xml)
  kep serve --open               # and open it in the browser`,
  );
  command.action(async (flags: ServeFlags) => {
    if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65_535)
      throw new CliError(`--port ${flags.port}: expected a port number 0-65535`);
    const context = repoContext(flags);
    const site = await import('../../site/index.js');
    const options = {
      ...(await siteOptions(context, flags, '/')),
      liveReloadScript: site.LIVE_RELOAD_SCRIPT_PATH,
      searchEndpoint: site.SEARCH_ENDPOINT_PATH,
    };
    const { Hono } = await import('hono');
    const { streamSSE } = await import('hono/streaming');
    const { serve } = await import('@hono/node-server');

    // Changed paths not yet taken by a refresh.
    const changed = new Set<string>();
    let scheduleRefresh = () => {};
    // Watching starts beside the first load, so that a save made while it runs is not missed.
    const watching = watchRepository(
      context.root,
      (file) => {
        changed.add(file);
        scheduleRefresh();
      },
      (error) => printNotice(`watching ${context.root}: ${error.message}`),
    );
    let current: Awaited<ReturnType<typeof site.loadSite>>;
    try {
      current = await site.loadSite(context.root, options);
    } catch (error) {
      void watching.then((watcher) => watcher.close());
      throw error;
    }
    const watcher = await watching;
    if (!options.siteUrl) printNotice(site.NO_FEED_NOTICE);
    // The full-text search index, in memory: built in the background, brought up to date on every refresh.
    const fullText = new site.FullTextIndex();
    const indexForSearch = (loaded: typeof current) =>
      fullText.update(loaded).catch((error) => printNotice(`search index: ${(error as Error).message}`));
    void indexForSearch(current);
    // Saves within this long of each other are one change: an editor's save is often several writes.
    const SETTLE_MS = 50;
    const listeners = new Set<() => void>();
    let refreshing: Promise<void> | undefined;
    let timer: NodeJS.Timeout | undefined;
    // One refresh at a time, each from the last one's result; changes that arrive meanwhile are taken by the
    // same loop afterwards (two refreshes side by side could finish out of order and leave a stale site).
    const refresh = () => {
      refreshing ??= (async () => {
        while (changed.size > 0) {
          const paths = [...changed];
          changed.clear();
          try {
            current = await site.refreshSite(current, paths);
            void indexForSearch(current);
            for (const listener of listeners) listener();
          } catch (error) {
            printNotice(`reloading after a change failed: ${(error as Error).message}`);
          }
        }
      })().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    };
    scheduleRefresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), SETTLE_MS);
    };
    if (changed.size > 0) scheduleRefresh();
    const latest = async () => {
      await refreshing;
      return current;
    };

    type Bindings = { incoming: import('node:http').IncomingMessage };
    const app = new Hono<{ Bindings: Bindings }>();
    app.use('*', async (c, next) => {
      // The raw request line: URL parsing would already have resolved a `/../` away.
      if (isHostilePath(c.env.incoming.url ?? '/')) {
        c.res = c.text('bad path', 400);
      } else {
        await next();
      }
      if (!c.res.headers.has('Content-Security-Policy'))
        c.res.headers.set('Content-Security-Policy', site.CONTENT_SECURITY_POLICY);
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
      c.res.headers.set('Referrer-Policy', 'no-referrer');
    });
    app.get(`/${site.LIVE_EVENTS_PATH}`, (c) =>
      streamSSE(c, async (stream) => {
        let wake: (() => void) | undefined;
        const listener = () => wake?.();
        listeners.add(listener);
        stream.onAbort(() => {
          listeners.delete(listener);
          wake?.();
        });
        while (!stream.aborted) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          if (!stream.aborted) await stream.writeSSE({ event: 'change', data: 'repository changed' });
        }
      }),
    );
    app.get(`/${site.LIVE_RELOAD_SCRIPT_PATH}`, (c) =>
      c.body(site.LIVE_RELOAD_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    );
    app.get(`/${site.SEARCH_ENDPOINT_PATH}`, async (c) => {
      let query: string;
      try {
        query = site.searchQueryOf(c.env.incoming.url ?? '');
      } catch (error) {
        if (error instanceof site.SearchQueryError) return c.json({ error: error.message }, 400);
        throw error;
      }
      await latest();
      return c.body(await site.searchJson(fullText, query), 200, {
        'Content-Type': 'application/json; charset=utf-8',
      });
    });
    app.get('*', async (c) => {
      const page = site.resolveSitePath(await latest(), c.req.path.slice(1));
      if (!page) return c.text('not found', 404);
      const body = typeof page.body === 'string' ? page.body : new Uint8Array(page.body);
      return c.body(body, 200, {
        'Content-Type': page.contentType,
        ...(page.inlineStyles ? { 'Content-Security-Policy': site.DIAGRAM_CONTENT_SECURITY_POLICY } : {}),
      });
    });
    app.onError((error, c) => {
      printNotice(`${c.req.path}: ${error.message}`);
      return c.text('internal error', 500);
    });

    await new Promise<void>((resolve, reject) => {
      const server = serve(
        { fetch: app.fetch, port: Number(flags.port), hostname: flags.host },
        (info: AddressInfo) => {
          const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          const url = `http://${host}:${info.port}/`;
          printNotice(`serving ${url} (Ctrl-C to stop)`);
          if (flags.open) void openBrowser(url);
        },
      );
      server.on('error', (error) =>
        reject(new CliError(`cannot listen on ${flags.host}:${flags.port}: ${error.message}`)),
      );
      const stop = () => {
        void watcher.close();
        // Open event streams never end by themselves.
        (server as import('node:http').Server).closeAllConnections();
        server.close(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
  return command;
}
