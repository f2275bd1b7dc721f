// The import boundaries of ARCHITECTURE.md, checked by `npx depcruise src` and by src/architecture.test.ts.

/** Code that may import anything: tests, and the helpers only tests use. */
const TESTS = '(\\.test\\.ts$|^src/testing/)';

/**
 * What each part's own (non-test) code may import, besides itself: the part's folder (or one file, for an
 * exception) → the parts it may use.
 */
const ALLOWED = {
  model: [],
  profile: ['model'],
  load: ['profile', 'model'],
  text: ['model'],
  rules: ['model', 'text'],
  // lint loads the files it checks and keeps its cache through load's store.
  lint: ['model', 'rules', 'load'],
  // A worker thread is an entry point, like the CLI: it rebuilds the profile from its name (functions do
  // not cross threads).
  'lint/worker.ts': ['model', 'rules', 'load', 'profile'],
  report: ['model'],
  // query reads metadata (the catalog, git history) through load's readers, parser and cache.
  query: ['model', 'load'],
  edit: ['model', 'load', 'text'],
  // author plans edits on what load reads, lints them with lint's engine and the rules before they are
  // written, and writes through load's atomic helper.
  author: ['model', 'profile', 'load', 'text', 'rules', 'lint'],
  // site renders what load reads and lint finds, the release report of query, with text's heading anchors.
  site: ['model', 'profile', 'load', 'text', 'lint', 'query'],
  // lsp lints the editor's buffers with lint's pipeline (as authoring checks a plan), with the profile's
  // vocabulary and the field meanings of query's `kep schema`.
  lsp: ['model', 'profile', 'load', 'lint', 'rules', 'query'],
};

const names = (parts) => (parts.length === 0 ? 'nothing' : parts.join('-'));
const exceptions = Object.keys(ALLOWED).filter((key) => key.endsWith('.ts'));
const partRules = Object.entries(ALLOWED).map(([part, allowed]) => {
  const isFile = part.endsWith('.ts');
  const inside = exceptions.filter((file) => file.startsWith(`${part}/`)).map((file) => `^src/${file}$`);
  return {
    name: `${part.replace(/[/.]/g, '-')}-imports-only-${names(allowed)}`,
    comment: `src/${part} may import ${allowed.length === 0 ? 'nothing of ours' : allowed.map((p) => `src/${p}`).join(', ')} (ARCHITECTURE.md)`,
    severity: 'error',
    from: isFile ? { path: `^src/${part}$` } : { path: `^src/${part}/`, pathNot: [TESTS, ...inside] },
    to: {
      path: '^src/',
      pathNot: `^src/(${[isFile ? part.slice(0, part.indexOf('/')) : part, ...allowed].join('|')})/`,
    },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...partRules,
    {
      name: 'nothing-imports-cli',
      comment: 'src/cli is the top: only it talks to the terminal, so nothing below may import it',
      severity: 'error',
      from: { path: '^src/', pathNot: `(${TESTS}|^src/cli/)` },
      to: { path: '^src/cli/' },
    },
    {
      name: 'tests-only-import-testing',
      comment: 'src/testing holds test helpers; shipped code may not depend on them',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^src/testing/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, within a part or across parts',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from another part is a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
