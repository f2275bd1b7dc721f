// The language server: documents from the editor, findings back as diagnostics (for every file of the proposal
// an edit touches), fixes as code actions, completion and hover in metadata and approval files. It knows
// nothing of the command line: `kep lsp` makes the connection and says how to open the repository.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Connection,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type TextEdit as LspTextEdit,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hashBytes, MAX_FILE_BYTES, readSource } from '../load/files.js';
import { frontMatterOf, metadataPathOf } from '../load/layout.js';
import type { Diagnostic } from '../model/index.js';
import { type FieldFile, FieldVocabulary } from './fields.js';
import { rangeOf, TextIndex } from './positions.js';
import { type Ownership, Project, type ProjectSetup, withTemplateHistory } from './project.js';

/** Where a finding's rule is documented: the README's rule table, which lists every id (`kep rules ID` too). */
export const RULES_DOCS_URL = 'https://github.com/kepkit/kepkit#rules';

/** How long the server waits after a change before linting, so that typing does not lint every keystroke. */
export const DEFAULT_DEBOUNCE_MS = 200;

export interface LanguageServerOptions {
  /**
   * The repository to serve: given the client's workspace folder (a directory, when it sent one), the
   * project's options, or an Error whose message says why there is none (then every request gets nothing).
   */
  open(workspaceFolder: string | undefined): Promise<ProjectSetup>;
  debounceMs?: number;
}

interface Published {
  /** The files the last publication of this key covered (to clear them when they are clean). */
  files: Set<string>;
}

/** Serve the language protocol on a connection until the client goes. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const documents = new TextDocuments(TextDocument);
  let project: Project | undefined;
  let vocabulary: FieldVocabulary | undefined;
  let ready: Promise<void> = Promise.resolve();
  let workspaceFolder: string | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const published = new Map<string, Published>();
  /** The findings last published per repo-relative file, with their fixes (for code actions). */
  const findings = new Map<string, Diagnostic[]>();
  const opened = new Set<string>();

  const log = (message: string) => connection.console.log(`kep: ${message}`);
  /** Run a handler; a failure is logged and answered with nothing, never a crash. */
  const guarded =
    <A extends unknown[], R>(fallback: R, handler: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        await ready;
        return await handler(...args);
      } catch (error) {
        connection.console.error(
          `kep: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return fallback;
      }
    };

  const repoPathOf = (uri: string): string | undefined => {
    if (!project || !uri.startsWith('file:')) return undefined;
    try {
      return project.repoPath(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  };
  const uriOf = (file: string) => pathToFileURL(`${project!.root}/${file}`).toString();

  /** The open buffers of the repository's files, by repo-relative path. */
  const plannedTexts = (): Map<string, string> => {
    const planned = new Map<string, string>();
    for (const document of documents.all()) {
      const file = repoPathOf(document.uri);
      if (file !== undefined) planned.set(file, document.getText());
    }
    return planned;
  };
  const keyOf = (owner: Ownership, file: string) => (owner.kind === 'proposal' ? owner.dir : `\u0000${file}`);

  const textOf = (file: string): string | undefined => {
    const document = documents.get(uriOf(file));
    if (document) return document.getText();
    const read = readSource(project!.root, file);
    return read.ok ? read.file.text : undefined;
  };

  const toLsp = (diagnostic: Diagnostic, index: TextIndex | undefined): LspDiagnostic => ({
    range: rangeOf(diagnostic, index),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.rule,
    codeDescription: { href: RULES_DOCS_URL },
    source: 'kep',
    message: diagnostic.message,
  });

  /** Lint what a key names (a proposal, or a file no proposal owns) and publish for each of its files. */
  const lintKey = (key: string, file: string) => {
    timers.delete(key);
    if (!project) return;
    const planned = plannedTexts();
    const owner: Ownership = key.startsWith('\u0000')
      ? { kind: 'repository' }
      : { kind: 'proposal', dir: key };
    const diagnostics = project.diagnose(owner, file, planned);
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) {
      // Findings about files outside the repository (a groups file given by path) have no document here.
      if (diagnostic.file.startsWith('/') || diagnostic.file.startsWith('..')) continue;
      byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
    }
    const files = new Set(byFile.keys());
    for (const document of documents.all()) {
      const open = repoPathOf(document.uri);
      if (open !== undefined && keyOf(project.ownerOf(open, planned), open) === key) files.add(open);
    }
    if (owner.kind === 'repository') files.add(file);
    for (const target of new Set([...files, ...(published.get(key)?.files ?? [])])) {
      const found = byFile.get(target) ?? [];
      const text = textOf(target);
      const index = text === undefined ? undefined : new TextIndex(text);
      if (found.length > 0) findings.set(target, found);
      else findings.delete(target);
      void connection.sendDiagnostics({
        uri: uriOf(target),
        diagnostics: found.map((diagnostic) => toLsp(diagnostic, index)),
      });
    }
    published.set(key, { files });
  };

  /** Lint the proposal (or file) a document belongs to, after `delay` ms; a later call restarts the wait. */
  const schedule = (uri: string, delay: number) => {
    const file = repoPathOf(uri);
    if (file === undefined) {
      // Outside the repository (or no repository): nothing of kepkit's to say.
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const key = keyOf(project!.ownerOf(file, plannedTexts()), file);
    clearTimeout(timers.get(key));
    const run = () => {
      try {
        lintKey(key, file);
      } catch (error) {
        connection.console.error(
          `kep: ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    };
    timers.set(key, setTimeout(run, delay));
  };

  /** Run a pending lint of the document's proposal now (a code action must see the findings of this text). */
  const flush = (uri: string) => {
    const file = repoPathOf(uri);
    if (file === undefined) return;
    const key = keyOf(project!.ownerOf(file, plannedTexts()), file);
    if (timers.has(key)) {
      clearTimeout(timers.get(key));
      lintKey(key, file);
    }
  };

  /** Whether a document is a metadata file (or a one-file proposal) or an approval file, and where its YAML starts. */
  const fieldFileOf = (uri: string): { kind: FieldFile; text: string; document: string } | undefined => {
    const document = documents.get(uri);
    const file = repoPathOf(uri);
    if (!document || file === undefined || !project) return undefined;
    const text = document.getText();
    if (text.length > MAX_FILE_BYTES) return undefined;
    const { layout } = project.options.lint.profile;
    if (layout.prrDir && file.startsWith(`${layout.prrDir}/`))
      return { kind: 'approval', text, document: text };
    const owner = project.ownerOf(file, plannedTexts());
    if (owner.kind !== 'proposal' || file !== metadataPathOf(layout, owner.dir)) return undefined;
    if (layout.kind === 'file') {
      // Only the front matter is YAML: the text after it is markdown.
      const front = frontMatterOf(text);
      if (!front) return undefined;
      const end = nthLineStart(text, front.lines);
      return { kind: 'metadata', text: text.slice(0, end), document: text };
    }
    return { kind: 'metadata', text, document: text };
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder?.startsWith('file:')) {
      try {
        workspaceFolder = fileURLToPath(folder);
      } catch {
        workspaceFolder = undefined;
      }
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [' ', '"', "'", '@', '-'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'kep' },
    };
  });

  connection.onInitialized(() => {
    ready = (async () => {
      try {
        const opened = await withTemplateHistory(await options.open(workspaceFolder));
        project = new Project(opened.options);
        const current = project;
        vocabulary = new FieldVocabulary(project.options.lint.profile, () => current.facts);
        for (const notice of [...opened.notices, ...project.facts.notices]) log(notice);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        void connection.window.showWarningMessage(
          `kep: no enhancements repository, so no findings: ${reason}`,
        );
      }
    })();
    void ready.then(() => {
      for (const document of documents.all()) schedule(document.uri, 0);
    });
  });

  documents.onDidOpen((event) => {
    opened.add(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    const { uri } = event.document;
    const first = opened.delete(uri);
    void ready.then(() => {
      try {
        schedule(uri, first ? 0 : debounce);
      } catch (error) {
        connection.console.error(`kep: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    opened.delete(uri);
    void ready.then(() => {
      const file = repoPathOf(uri);
      if (file === undefined || !project) return;
      const planned = plannedTexts();
      const key = keyOf(project.ownerOf(file, planned), file);
      const stillOpen = documents.all().some((document) => {
        const other = repoPathOf(document.uri);
        return other !== undefined && keyOf(project!.ownerOf(other, planned), other) === key;
      });
      if (stillOpen) {
        schedule(uri, 0);
        return;
      }
      // Nothing of this proposal is open any more: its findings go with its last buffer, as other linters do.
      clearTimeout(timers.get(key));
      timers.delete(key);
      for (const target of published.get(key)?.files ?? []) {
        findings.delete(target);
        void connection.sendDiagnostics({ uri: uriOf(target), diagnostics: [] });
      }
      published.delete(key);
    });
  });
  documents.onDidSave((event) => {
    void ready.then(() => {
      const file = repoPathOf(event.document.uri);
      if (file === undefined || !project) return;
      // A saved shared input (groups, approvers, template) or a new proposal changes what every proposal sees.
      if (project.ownerOf(file, new Map()).kind === 'repository') reloadAll();
    });
  });
  connection.onDidChangeWatchedFiles(() => {
    void ready.then(reloadAll);
  });
  const reloadAll = () => {
    try {
      project?.reload();
    } catch (error) {
      connection.console.error(`kep: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const document of documents.all()) schedule(document.uri, debounce);
  };

  connection.onCodeAction(
    guarded([] as CodeAction[], (params) => {
      if (!project) return [];
      flush(params.textDocument.uri);
      const file = repoPathOf(params.textDocument.uri);
      if (file === undefined) return [];
      const text = textOf(file);
      const index = text === undefined ? undefined : new TextIndex(text);
      const actions: CodeAction[] = [];
      for (const diagnostic of findings.get(file) ?? []) {
        const { fix } = diagnostic;
        if (!fix) continue;
        const lsp = toLsp(diagnostic, index);
        if (!overlaps(lsp.range, params.range)) continue;
        const fixedText = textOf(fix.file);
        // A fix applies to the text it was computed on: a file changed since is left alone.
        if (
          fixedText === undefined ||
          (fix.sourceHash !== undefined && !hashesTo(fix.file, fixedText, fix.sourceHash))
        )
          continue;
        const fixedIndex = new TextIndex(fixedText);
        const edits: LspTextEdit[] = fix.edits.map((edit) => ({
          range: { start: fixedIndex.positionAt(edit.start), end: fixedIndex.positionAt(edit.end) },
          newText: edit.text,
        }));
        actions.push({
          title: `${fix.description} (${diagnostic.rule})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          isPreferred: true,
          edit: { changes: { [uriOf(fix.file)]: edits } },
        });
      }
      return actions;
    }),
  );

  /** Whether a text is the one a fix was computed on: a buffer hashes as text, a file on disk by its bytes. */
  const hashesTo = (file: string, text: string, hash: string): boolean => {
    if (hashBytes(text) === hash) return true;
    if (documents.get(uriOf(file))) return false;
    const read = readSource(project!.root, file);
    return read.ok && read.file.hash === hash;
  };

  connection.onCompletion(
    guarded([] as CompletionItem[], (params) => {
      const field = fieldFileOf(params.textDocument.uri);
      if (!field || !vocabulary) return [];
      // The field text is the document's start (its front matter, in a one-file layout): offsets agree.
      const index = new TextIndex(field.document);
      const offset = index.offsetAt(params.position);
      if (offset > field.text.length) return [];
      return vocabulary.complete(field.kind, field.text, offset).map((completion) => ({
        label: completion.label,
        kind: completion.kind === 'field' ? CompletionItemKind.Property : CompletionItemKind.Value,
        filterText: completion.filter,
        textEdit: {
          range: {
            start: index.positionAt(completion.replace.start),
            end: index.positionAt(completion.replace.end),
          },
          newText: completion.text,
        },
        ...(completion.documentation
          ? { documentation: { kind: MarkupKind.Markdown, value: completion.documentation } }
          : {}),
      }));
    }),
  );

  connection.onHover(
    guarded(null, (params) => {
      const field = fieldFileOf(params.textDocument.uri);
      if (!field || !vocabulary) return null;
      const offset = new TextIndex(field.document).offsetAt(params.position);
      if (offset > field.text.length) return null;
      const text = vocabulary.hover(field.kind, field.text, offset);
      return text ? { contents: { kind: MarkupKind.Markdown, value: text } } : null;
    }),
  );

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}

function overlaps(a: { start: Pos; end: Pos }, b: { start: Pos; end: Pos }): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

type Pos = { line: number; character: number };
function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The offset where the nth line (0-based) starts, or the text's end. */
function nthLineStart(text: string, line: number): number {
  let at = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return at;
}
