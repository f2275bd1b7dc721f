// The scripts the pages load, served as files of the site (the CSP allows no inline script): the list's
// filters and sorting, the search box, and what the search box imports when it is first used: MiniSearch's own
// browser build, and for a built site's full text the shard choice and the stemmer it needs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LIST_SCRIPT_PATH = 'assets/list.js';
export const SEARCH_SCRIPT_PATH = 'assets/search.js';
/** Beside search.js, which imports it by the relative path `./minisearch.js`. */
export const MINISEARCH_SCRIPT_PATH = 'assets/minisearch.js';
/** Beside search.js: which shards of a built site's full-text index a query is searched in. */
export const PAGEFIND_SHARDS_SCRIPT_PATH = 'assets/pagefind-shards.js';
/** Beside search.js: the Snowball English stemmer (Pagefind's), for the shard choice. */
export const STEMMER_SCRIPT_PATH = 'assets/porter2.js';

const cache = new Map<string, string>();

function readOnce(key: string, file: () => string, adapt: (text: string) => string = (text) => text): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = adapt(readFileSync(file(), 'utf8'));
    cache.set(key, text);
  }
  return text;
}

// tsc copies src/site/client/*.js beside this module's output (allowJs): the same files in src and dist.
const clientFile = (name: string) => () => fileURLToPath(new URL(`./client/${name}`, import.meta.url));

/** Every client script: path below the site's base → its text. */
export function clientScripts(): Map<string, () => string> {
  return new Map<string, () => string>([
    [LIST_SCRIPT_PATH, () => readOnce(LIST_SCRIPT_PATH, clientFile('list.js'))],
    [SEARCH_SCRIPT_PATH, () => readOnce(SEARCH_SCRIPT_PATH, clientFile('search.js'))],
    [
      PAGEFIND_SHARDS_SCRIPT_PATH,
      () => readOnce(PAGEFIND_SHARDS_SCRIPT_PATH, clientFile('pagefind-shards.js')),
    ],
    [
      STEMMER_SCRIPT_PATH,
      () =>
        readOnce(
          STEMMER_SCRIPT_PATH,
          () => fileURLToPath(import.meta.resolve('porter2')),
          // The package is CommonJS (it sets `exports.stem`): given an `exports` object, it runs as a module.
          (text) => `const exports = {};\n${text}\nexport const stem = exports.stem;\n`,
        ),
    ],
    [
      MINISEARCH_SCRIPT_PATH,
      () =>
        readOnce(
          MINISEARCH_SCRIPT_PATH,
          () => fileURLToPath(import.meta.resolve('minisearch')),
          // Its source map is not served: the comment would only make a browser ask for a file that is not there.
          (text) => text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
        ),
    ],
  ]);
}
