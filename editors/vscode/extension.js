// kepkit for VS Code: starts `kep lsp --stdio` (the setting kepkit.path names the command) for YAML and markdown
// files, which the server answers for the proposals' files and ignores elsewhere.
const { workspace, window } = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The command line: `kep lsp [kepkit.args…]`; a .js path is run with the Node that VS Code ships. */
function serverCommand() {
  const config = workspace.getConfiguration('kepkit');
  const kep = config.get('path', 'kep');
  const args = ['lsp', ...config.get('args', [])];
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = kep.endsWith('.js')
    ? { module: kep, args, transport: TransportKind.stdio, options: { cwd: folder } }
    : { command: kep, args, transport: TransportKind.stdio, options: { cwd: folder, shell: false } };
  return { run, debug: run };
}

async function start() {
  client = new LanguageClient('kepkit', 'kepkit', serverCommand(), {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'markdown' },
    ],
    synchronize: {
      // Shared inputs: a change reloads the groups, approvers, template and settings for every proposal.
      fileEvents: workspace.createFileSystemWatcher(
        '**/{sigs.yaml,OWNERS_ALIASES,kep.config.json,kep-baseline.json,NNNN-kep-template/**}',
      ),
    },
  });
  try {
    await client.start();
  } catch (error) {
    window.showErrorMessage(
      `kepkit: could not start "${workspace.getConfiguration('kepkit').get('path', 'kep')} lsp --stdio": ${error.message}. Set kepkit.path.`,
    );
  }
}

async function activate(context) {
  await start();
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('kepkit.path') && !event.affectsConfiguration('kepkit.args')) return;
      await client?.stop();
      client = undefined;
      await start();
    }),
  );
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
