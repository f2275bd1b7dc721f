// Watching a repository for `kep serve`. Node's own recursive fs.watch is implemented in JavaScript on Linux
// and loses a directory renamed to a name that extends its old one (nodejs/node#58868, unfixed in Node 20):
// `5230-x` renamed to `5230-x-renamed` and then deleted reports nothing. chokidar watches each directory itself.
import path from 'node:path';
import { watch } from 'chokidar';
import { TEMP_FILE_NAME } from '../load/files.js';

export interface RepositoryWatcher {
  close(): Promise<void>;
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
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (absolute) => {
      const file = relative(absolute);
      return file !== '' && isIgnoredChange(file);
    },
  });
  watcher.on('all', (_event, absolute) => {
    const file = relative(absolute);
    if (file !== '' && !isIgnoredChange(file)) onChange(file);
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
