// The language server's public face: `kep lsp` starts it on a connection.

export type { ProjectOptions, ProjectSetup } from './project.js';
export {
  DEFAULT_DEBOUNCE_MS,
  type LanguageServerOptions,
  RULES_DOCS_URL,
  startLanguageServer,
} from './server.js';
