/** What `ownerOf` needs of a proposal: its key (directory, or file in a one-file layout) and its PRR file. */
export interface Owned {
  dir: string;
  prrPath?: string | null;
}

/**
 * Which proposal a diagnostic's file belongs to: the proposal's own file, a file inside its directory, or its
 * PRR approval file (which lives elsewhere). Undefined for repository-level files.
 */
export function ownerOf<P extends Owned>(proposals: readonly P[]): (file: string) => P | undefined {
  const byPrr = new Map<string, P>();
  const byDir = new Map<string, P>();
  for (const proposal of proposals) {
    byDir.set(proposal.dir, proposal);
    if (proposal.prrPath) byPrr.set(proposal.prrPath, proposal);
  }
  return (file) => {
    const prr = byPrr.get(file);
    if (prr) return prr;
    // Proposal keys never nest (the walk stops at a metadata file), so the first hit is the one.
    for (let cut = file.length; cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
      const owner = byDir.get(file.slice(0, cut));
      if (owner) return owner;
    }
    return undefined;
  };
}
