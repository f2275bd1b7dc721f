/** Where `kep serve`'s pages load their one script, and where it listens for changes (server-sent events). */
export const LIVE_RELOAD_SCRIPT_PATH = 'live-reload.js';
export const LIVE_EVENTS_PATH = 'events';

/**
 * The script of `kep serve`'s pages: reload when the server says the repository changed, keeping the reader's
 * place (the browser restores the scroll position on reload). Served from the site, never inline (the CSP).
 */
export const LIVE_RELOAD_SCRIPT = `new EventSource(${JSON.stringify(`/${LIVE_EVENTS_PATH}`)}).addEventListener('change', () => location.reload());\n`;
