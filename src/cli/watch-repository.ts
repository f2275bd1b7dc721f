// Watching a repository for `kep serve`. Node's own recursive fs.watch is implemented in JavaScript on Linux
// and loses a directory renamed to a name that extends its old one (nodejs/node#58868, unfixed in Node 20):
// `5230-x` renamed to `5230-x-renamed` and then deleted reports nothing. chokidar watches each directory itself.
// chokidar 4.0.3 watches the parent of a removed root to see it come back, and does so even after close() when
// the removal's events are still in flight (its add() reopens a closed watcher): a watch outside the repository
// that kept `kep serve` from exiting after Ctrl-C. Paths outside the root are ignored, so it never watches one,
// and no watch is persistent: the HTTP server is what keeps `kep serve` running, and nothing else should.
import path from 'node:path';
import { watch } from 'chokidar';
import { TEMP_FILE_NAME } from '../load/files.js';

export interface RepositoryWatcher {
  close(): Promise<void>;
}

/** Outside the root: its parent, or what a relative path climbs to. */
function isOutside(file: string): boolean {
  return file === '..' || file.startsWith('../') || path.posix.isAbsolute(file);
}

/** Not the repository's content: git's own files, and the temporary files of kepkit's atomic writes. */
export function isIgnoredChange(file: string): boolean {
  return file === '.git' || file.startsWith('.git/') || TEMP_FILE_NAME.test(path.posix.basename(file));
}

/**
 * Report every file or directory added, changed or removed under `root`, as a '/'-separated path relative to it.
 * Resolves once the tree is watched, so that a change made after it is never missed. Symbolic links are reported
 * as themselves and never followed: a link cannot make the server watch (or read) outside the repository.
 */
export async function watchRepository(
  root: string,
  onChange: (file: string) => void,
  onError: (error: Error) => void,
): Promise<RepositoryWatcher> {
  const relative = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
  const isWatched = (file: string) => file === '' || !(isOutside(file) || isIgnoredChange(file));
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    persistent: false,
    ignored: (absolute) => !isWatched(relative(absolute)),
  });
  watcher.on('all', (_event, absolute) => {
    const file = relative(absolute);
    if (file !== '' && isWatched(file)) onChange(file);
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
