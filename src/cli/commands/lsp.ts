import { existsSync, statSync } from 'node:fs';
import { Command } from '../commander.js';
import { addRepoOptions, CliError, type RepoOptions, repoContext, templateOptions } from '../common.js';

interface LspFlags extends RepoOptions {
  stdio?: boolean;
}

export function lspCommand(): Command {
  const command = new Command('lsp')
    .description('run the language server (diagnostics, fixes, completion, hover) for editors, over stdio')
    .option('--stdio', 'talk the Language Server Protocol on standard input and output (what editors pass)');
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
Editors start it; it is not run by hand. It serves the profile's metadata files (kep.yaml), READMEs (one-file
layouts too) and approval files (keps/prod-readiness/<sig>/<n>.yaml): the findings kep lint would report if the
open buffers were saved (after 200 ms without typing; for every file of the proposal), the fixes they carry as
quick fixes, completion of statuses, stages, groups, handles and milestones, and the meaning of each field on
hover. The repository is --repo, else the one around the editor's workspace folder. Buffers over 5 MB are
not parsed (an io/too-large finding), as files are not. Nothing is written: a fix is an edit the editor applies.

Exit codes: 0 after the client's shutdown and exit, 1 when the client went without a shutdown (LSP), 2 usage.

Examples:
  kep lsp --stdio                                   # what an editor runs
  kep lsp --stdio --repo ~/src/enhancements --groups ~/src/community/sigs.yaml

See editors/vscode/README.md for VS Code, Neovim and Helix.`,
  );
  command.action(async (flags: LspFlags) => {
    if (!flags.stdio) throw new CliError('kep lsp: pass --stdio (the only transport)');
    const { createConnection } = await import('vscode-languageserver/node');
    const { startLanguageServer } = await import('../../lsp/index.js');
    const { readBaseline } = await import('../../lint/baseline.js');
    const connection = createConnection(process.stdin, process.stdout);
    startLanguageServer(connection, {
      open: async (workspaceFolder) => {
        // Without --repo, the repository is found from the editor's folder, as other commands from the current one.
        if (
          flags.repo === undefined &&
          workspaceFolder &&
          existsSync(workspaceFolder) &&
          statSync(workspaceFolder).isDirectory()
        )
          process.chdir(workspaceFolder);
        const context = repoContext(flags);
        const baseline = await readBaseline(context.root, undefined);
        return {
          root: context.root,
          lint: { ...context.load, rules: context.config.rules ?? {} },
          ...(baseline.counts ? { baseline: baseline.counts } : {}),
          ...templateOptions(context.config),
        };
      },
    });
    // The connection ends the process when the client goes (shutdown and exit, or its input closing).
    await new Promise<never>(() => {});
  });
  return command;
}
