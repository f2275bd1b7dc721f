import type { Command } from 'commander';

/**
 * Every command of `kep`, one file each, in the order `kep --help` lists them. A command's module is
 * imported only when it runs: loading every command (their parsers, rules and reporters) would cost more
 * than a cached `kep query` takes.
 */
const COMMANDS: [name: string, load: () => Promise<Command>][] = [
  ['lint', async () => (await import('./lint.js')).lintCommand()],
  ['rules', async () => (await import('./rules.js')).rulesCommand()],
  ['query', async () => (await import('./query.js')).queryCommand()],
  ['index', async () => (await import('./index-command.js')).indexCommand()],
  ['schema', async () => (await import('./schema.js')).schemaCommand()],
  ['release', async () => (await import('./release.js')).releaseCommand()],
  ['history', async () => (await import('./history.js')).historyCommand()],
  ['toc', async () => (await import('./toc.js')).tocCommand()],
  ['create', async () => (await import('./create.js')).createCommand()],
  ['promote', async () => (await import('./promote.js')).promoteCommand()],
  ['set', async () => (await import('./set.js')).setCommand()],
  ['migrate', async () => (await import('./migrate.js')).migrateCommand()],
  ['init', async () => (await import('./init.js')).initCommand()],
  ['serve', async () => (await import('./serve.js')).serveCommand()],
  ['build-site', async () => (await import('./build-site.js')).buildSiteCommand()],
  ['lsp', async () => (await import('./lsp.js')).lspCommand()],
];

/** The commands to register: the one the arguments name (a fast start), else all of them (help, errors). */
export async function commands(args: readonly string[] = []): Promise<Command[]> {
  const named = args.find((arg) => !arg.startsWith('-'));
  const chosen = COMMANDS.filter(([name]) => name === named);
  return Promise.all((chosen.length > 0 ? chosen : COMMANDS).map(([, load]) => load()));
}
