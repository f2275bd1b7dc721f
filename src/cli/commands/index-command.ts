// `kep index` (the command list is registry.ts).
import type { KepEntry } from '../../query/catalog/catalog.js';
import type { HistorySource, IndexHistory } from '../../query/export/index-export.js';
import { Command, Option } from '../commander.js';
import {
  addRepoOptions,
  CliError,
  kepkitVersion,
  printNotice,
  type RepoContext,
  type RepoOptions,
  repoContext,
  templateOptions,
} from '../common.js';
import { writeOutput } from '../output.js';
import { catalogInputs } from './query.js';

interface IndexFlags extends RepoOptions {
  output?: string;
  format: 'kepify' | 'kepkit';
  markdown: boolean;
  history: boolean;
  cache: boolean;
}

export function indexCommand(): Command {
  const command = new Command('index')
    .description('write every KEP as one JSON document: kepify’s keps.json, or kepkit’s richer export')
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .addOption(
      new Option('--format <format>', 'kepify: upstream’s fields; kepkit: plus diagnostics, PRR and history')
        .choices(['kepify', 'kepkit'])
        .default('kepify'),
    )
    .option('--no-markdown', 'leave each KEP’s "markdown" (README text) empty')
    .option('--no-history', 'kepkit format: skip the git history')
    .option('--no-cache', 'ignore and do not write the on-disk cache');
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
--format kepify writes what upstream's kepify writes: a JSON array of proposals with its field names
(id, name, path, title, kepNumber, authors, owningSig, …, milestone{alpha,beta,stable,…}, featureGates,
disableSupported, metrics, markdown). --format kepkit writes {format, version, kepkit, profile, release,
history, proposals[], diagnostics[], notices[]}, each proposal the kepify record plus dir, number, readme,
prr, errors, warnings, diagnostics and history.

Examples:
  kep index --output site/keps.json
  kep index --format kepkit --no-markdown | jq '.proposals[] | select(.errors > 0) | .dir'`,
  );
  command.action(async (flags: IndexFlags) => {
    const context = repoContext(flags);
    const { readmeOf } = await import('../../query/catalog/catalog.js');
    const { loadCatalog } = await import('../../query/catalog/load.js');
    const catalog = await loadCatalog(context.root, {
      inputs: catalogInputs(context.configText ?? '', flags, context.root),
      cache: flags.cache,
      context: () => context,
    });
    const { readSource } = await import('../../load/files.js');
    const { existsInRepo } = await import('../../load/paths.js');
    const readme = (entry: KepEntry): string | undefined => {
      const file = readmeOf(catalog, entry);
      // Without markdown only whether the README exists matters. Either way it must be inside the repo.
      if (!flags.markdown) return existsInRepo(context.root, file) ? '' : undefined;
      const read = readSource(context.root, file);
      return read.ok ? read.file.text : undefined;
    };
    const { kepifyIndex, kepkitIndex } = await import('../../query/export/index-export.js');
    if (flags.format === 'kepify') {
      const { records, skipped } = kepifyIndex(catalog, { readme, markdown: flags.markdown });
      if (skipped.length > 0)
        printNotice(
          `left out ${skipped.length} KEP(s) whose metadata does not parse (run kep lint): ${skipped.join(', ')}`,
        );
      await writeOutput(flags.output, `${JSON.stringify(records)}\n`);
      return;
    }
    const { lintRepository } = await import('../../lint/index.js');
    const lint = await lintRepository(context.root, {
      ...context.load,
      ...templateOptions(context.config),
      rules: context.config.rules,
      cache: flags.cache,
      configText: context.configText,
    });
    const { histories, historySource } = flags.history
      ? await indexHistories(context, flags.cache)
      : { histories: { unavailable: 'not asked for (--no-history)' }, historySource: undefined };
    const index = kepkitIndex(catalog, {
      readme,
      markdown: flags.markdown,
      version: kepkitVersion(),
      release: lint.release,
      diagnostics: lint.diagnostics,
      notices: [...new Set([...lint.notices, ...catalog.notices])],
      histories,
      historySource,
    });
    await writeOutput(flags.output, `${JSON.stringify(index)}\n`);
  });
  return command;
}

/** Each proposal's history by its directory at HEAD, from `kep history`'s loader; a reason when there is none. */
async function indexHistories(
  context: RepoContext,
  cache: boolean,
): Promise<{
  histories: Map<string, IndexHistory> | { unavailable: string };
  historySource?: HistorySource;
}> {
  const { buildHistory, HistoryError } = await import('../../query/history/history.js');
  const { cacheDirFor } = await import('../../load/cache.js');
  try {
    const { histories, notices, head, git } = await buildHistory(context.root, context.profile, {
      cacheDir: cache ? cacheDirFor(context.root) : undefined,
      version: kepkitVersion(),
    });
    for (const notice of notices) printNotice(notice);
    const byDir = new Map<string, IndexHistory>();
    for (const history of histories) {
      if (!history.removed) byDir.set(history.path, { paths: history.paths, events: history.events });
    }
    return {
      histories: byDir,
      historySource: { gitRepository: git.toplevel, subdirectory: git.prefix, head },
    };
  } catch (error) {
    if (error instanceof HistoryError) return { histories: { unavailable: error.message } };
    throw error;
  }
}
