// A Language Server Protocol client for tests and the bench: `kep lsp --stdio` spawned from the built CLI,
// spoken to with vscode-jsonrpc over its standard input and output.
import { type ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { cliPath } from './fixtures.js';

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
}
export interface Publication {
  uri: string;
  diagnostics: LspDiagnostic[];
  /** When it arrived (performance.now()). */
  at: number;
}

export interface LspClient {
  child: ChildProcess;
  connection: MessageConnection;
  stderr(): string;
  /** Every publication so far, in order. */
  publications: Publication[];
  /** The next publication (after those seen so far) for this URI that satisfies the test, within `ms`. */
  nextPublication(uri: string, test?: (p: Publication) => boolean, ms?: number): Promise<Publication>;
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, text: string): void;
  close(uri: string): void;
  /** Whether the process ended, and how (resolves when it exits). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  dispose(): Promise<void>;
}

export const fileUri = (file: string) => pathToFileURL(file).toString();

/** Spawn `kep lsp --stdio` with these arguments, initialize it (with the root as workspace folder). */
export async function startLsp(
  args: string[],
  rootUri: string | null,
  env: NodeJS.ProcessEnv = {},
): Promise<LspClient> {
  const child = spawn(process.execPath, [cliPath, 'lsp', '--stdio', ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const publications: Publication[] = [];
  const waiters: { uri: string; test: (p: Publication) => boolean; resolve(p: Publication): void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Publication, 'at'>) => {
    const publication = { ...params, at: performance.now() };
    publications.push(publication);
    for (const waiter of [...waiters])
      if (waiter.uri === publication.uri && waiter.test(publication)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(publication);
      }
  });
  connection.onNotification(() => {});
  connection.onRequest(() => null);
  connection.onError(() => {});
  connection.listen();
  const versions = new Map<string, number>();
  await connection.sendRequest('initialize', {
    processId: null,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'repo' }] : null,
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
  return {
    child,
    connection,
    stderr: () => stderr,
    publications,
    exited,
    nextPublication(uri, test = () => true, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no publication for ${uri} within ${ms} ms; stderr: ${stderr}`)),
          ms,
        );
        waiters.push({
          uri,
          test,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    open(uri, text, languageId = uri.endsWith('.md') ? 'markdown' : 'yaml') {
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId, version: 1, text },
      });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
        } catch {
          // Already gone.
        }
        const timer = setTimeout(() => child.kill(), 5_000);
        await exited;
        clearTimeout(timer);
      }
      connection.dispose();
    },
  };
}
