// A built site's full-text search: a Pagefind index (what peps.python.org uses) of every proposal's title and
// README text, written under `pagefind/` by `kep build-site`. The browser loads only the fragments a query
// needs. The records are built from the loaded site (no HTML is parsed again); when they are the same as the
// last build's (a fingerprint beside the index says), the index is not rebuilt.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../load/files.js';
import { readmeText } from './search-data.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

/** Where the index lives below the site's base; the page script loads `pagefind/pagefind.js` from there. */
export const PAGEFIND_DIR = 'pagefind';
const FINGERPRINT_FILE = 'kepkit-records.sha256';

export interface PagefindResult {
  /** False when the records were those of the index already there (nothing written). */
  rebuilt: boolean;
  records: number;
  files: number;
  seconds: number;
}

interface PagefindRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
}

function recordsOf(site: Site): PagefindRecord[] {
  const seen = new Set<string>();
  const records: PagefindRecord[] = [];
  for (const proposal of site.proposals) {
    if (seen.has(proposal.id)) continue;
    seen.add(proposal.id);
    const title = proposal.metadata.title || proposal.dir;
    const number = proposal.number === null ? '' : `KEP-${proposal.number} `;
    records.push({
      url: site.options.baseUrl + proposalPath(proposal),
      // The title leads the content so that a title word is found, and excerpted, like any other.
      content: `${number}${title}. ${readmeText(proposal)}`,
      language: 'en',
      meta: { title, id: proposal.id },
    });
  }
  return records;
}

/** Index the site's proposals with Pagefind into `<out>/pagefind/`, each file written atomically. */
export async function writePagefindIndex(site: Site, out: string): Promise<PagefindResult> {
  const started = performance.now();
  const dir = path.join(out, PAGEFIND_DIR);
  const records = recordsOf(site);
  const fingerprint = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  const fingerprintFile = path.join(dir, FINGERPRINT_FILE);
  const seconds = () => (performance.now() - started) / 1000;
  if (
    existsSync(path.join(dir, 'pagefind.js')) &&
    existsSync(fingerprintFile) &&
    readFileSync(fingerprintFile, 'utf8') === fingerprint
  )
    return { rebuilt: false, records: records.length, files: 0, seconds: seconds() };
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    for (const record of records) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length > 0) throw new Error(`pagefind: ${record.url}: ${added.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`pagefind: ${fileErrors.join('; ')}`);
    // The index is written whole into a fresh directory beside it and swapped in by renames: a reader never sees
    // old and new chunks mixed, the last build's chunks (named by content hash) go with it, and the ~800 files
    // need no fsync each (one rename publishes them all).
    const fresh = path.join(out, `.${PAGEFIND_DIR}-${randomBytes(6).toString('hex')}.tmp`);
    const old = `${fresh}.old`;
    try {
      for (const file of files) {
        const target = path.join(fresh, file.path);
        if (!isInside(fresh, target)) throw new Error(`pagefind: ${file.path} is outside ${dir}`);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, Buffer.from(file.content));
      }
      writeFileSync(path.join(fresh, FINGERPRINT_FILE), fingerprint);
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(fresh, dir);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
      rmSync(old, { recursive: true, force: true });
    }
    return { rebuilt: true, records: records.length, files: files.length, seconds: seconds() };
  } finally {
    await pagefind.close();
  }
}
