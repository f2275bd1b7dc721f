// kep build-site's search step: the Pagefind index of the proposals' full text, beside the pages. It is started
// before the pages are rendered (the indexing runs in a thread of its own) and awaited after.
import type { Site } from '../site/index.js';
import { CliError, printNotice } from './common.js';

export async function indexForSearch(site: Site, out: string): Promise<() => Promise<void>> {
  const { fullTextRecords, writePagefindIndex } = await import('../site/fulltext-pagefind.js');
  const indexing = writePagefindIndex(fullTextRecords(site), out).then(
    (result) => () =>
      printNotice(
        result.rebuilt > 0
          ? `search index: ${result.records} proposals in ${result.shards} shards, ${result.rebuilt} indexed again ` +
              `(${result.files} files) in ${result.seconds.toFixed(1)} s`
          : `search index: unchanged (${result.records} proposals in ${result.shards} shards)`,
      ),
    (error: Error) => () => {
      throw new CliError(`the search index could not be written: ${error.message}`);
    },
  );
  return async () => (await indexing)();
}
