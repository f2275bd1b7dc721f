// Run by `npm run build` after tsc: writes dist/build-hash.json, the hash of the built code that every cache
// is keyed by (file mtimes are no proof of a new build: tar and npm pack set them all alike).
// `node scripts/build-hash.mjs [DIST]` hashes another build output, e.g. a copy of dist.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
// The hash is the one the running code would work out itself when the file is absent.
const { BUILD_HASH_FILE, hashBuild } = await import(pathToFileURL(path.join(dist, 'load/cache.js')).href);
writeFileSync(path.join(dist, BUILD_HASH_FILE), `${JSON.stringify({ hash: hashBuild(dist) })}\n`);
