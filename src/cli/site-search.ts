// kep build-site's search step: the Pagefind index of the proposals' full text, beside the pages.
import type { Site } from '../site/index.js';
import { CliError, printNotice } from './common.js';

export async function indexForSearch(site: Site, out: string): Promise<void> {
  const { writePagefindIndex } = await import('../site/fulltext-pagefind.js');
  try {
    const result = await writePagefindIndex(site, out);
    printNotice(
      result.rebuilt
        ? `search index: ${result.records} proposals, ${result.files} files in ${result.seconds.toFixed(1)} s`
        : `search index: unchanged (${result.records} proposals)`,
    );
  } catch (error) {
    throw new CliError(`the search index could not be written: ${(error as Error).message}`);
  }
}
