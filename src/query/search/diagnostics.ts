import type { KepEntry } from '../catalog/catalog.js';

/**
 * Which proposal a diagnostic's file belongs to: a file inside the proposal's directory, or its PRR
 * approval file (which lives elsewhere). Undefined for repository-level files.
 */
export function ownerOf(entries: readonly KepEntry[]): (file: string) => string | undefined {
  const byPrr = new Map<string, string>();
  const dirs = new Set<string>();
  for (const entry of entries) {
    dirs.add(entry.dir);
    if (entry.prrPath) byPrr.set(entry.prrPath, entry.dir);
  }
  return (file) => {
    const prr = byPrr.get(file);
    if (prr) return prr;
    // Proposal directories never nest (the walk stops at a metadata file), so the first hit is the one.
    for (let cut = file.lastIndexOf('/'); cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
      const dir = file.slice(0, cut);
      if (dirs.has(dir)) return dir;
    }
    return undefined;
  };
}
