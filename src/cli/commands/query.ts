import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KepEntry } from '../../query/catalog/catalog.js';
import type { QueryFilters } from '../../query/search/filter.js';
import { Command } from '../commander.js';
import {
  addRepoOptions,
  CliError,
  kepkitVersion,
  printNotice,
  type RepoOptions,
  repoContext,
  resolveRepo,
  templateOptions,
} from '../common.js';
import { addOutputOptions, emit, type OutputTarget, outputTarget } from '../output.js';

/** Commander's flags: the query filters under the same names, plus the output options. */
interface QueryFlags extends RepoOptions, QueryFilters {
  sort?: string;
  fields?: string;
  format: QueryFormat;
  output?: string;
  color?: boolean;
  cache: boolean;
}

const QUERY_FORMATS = ['table', 'json', 'yaml', 'csv', 'md'] as const;
type QueryFormat = (typeof QUERY_FORMATS)[number];

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** What besides the repository's files decides the catalog: its cache is discarded when this changes. */
export function catalogInputs(configText: string, flags: RepoOptions, root: string): string {
  return JSON.stringify([
    kepkitVersion(),
    configText,
    flags.groups === undefined ? null : path.resolve(flags.groups),
    flags.ownersAliases === undefined ? null : path.resolve(flags.ownersAliases),
    profileInput(root, flags.profile, configText),
  ]);
}

/**
 * The profile a catalog was built with, cheaply: a built-in's name (the build hash covers its content), or a
 * profile file's path and text, so that editing the file rebuilds the catalog. Files it extends are not read.
 */
function profileInput(root: string, flag: string | undefined, configText: string): string | null {
  let named = flag;
  if (named === undefined) {
    try {
      const profile = (JSON.parse(configText || '{}') as { profile?: unknown }).profile;
      if (typeof profile === 'string') named = profile;
    } catch {
      // A bad config is reported when the context is loaded.
    }
  }
  if (named === undefined || /^[a-z0-9][a-z0-9-]*$/.test(named)) return named ?? null;
  const file = flag !== undefined ? path.resolve(named) : path.resolve(root, named);
  try {
    return `${file}\n${readFileSync(file, 'utf8')}`;
  } catch {
    return file;
  }
}

/** The config file's text, read without validating it: part of the catalog cache key (see loadCatalog). */
function configText(root: string): string {
  try {
    return readFileSync(path.join(root, 'kep.config.json'), 'utf8');
  } catch {
    return '';
  }
}

export function queryCommand(): Command {
  const command = new Command('query')
    .description('list the KEPs that match filters, as a table, JSON, YAML, CSV or markdown')
    .option(
      '--id <id>',
      'proposal id: its number (37, 0037) or its path below the proposals root or repo-relative (repeatable, comma list)',
      collect,
    )
    .option(
      '--sig <regexp>',
      'owning SIG, a regular expression as in kepctl (repeatable, comma list)',
      collect,
    )
    .option('--status <status>', 'status (repeatable, comma list)', collect)
    .option('--stage <stage>', 'stage; "none" for KEPs without one (repeatable, comma list)', collect)
    .option(
      '--prr <approver>',
      'PRR approver of any stage, from the PRR file (repeatable, comma list)',
      collect,
    )
    .option('--approver <handle>', 'one of the approvers; "@" optional (repeatable, comma list)', collect)
    .option('--author <handle>', 'one of the authors; "@" optional (repeatable, comma list)', collect)
    .option('--participating-sig <sig>', 'one of the participating SIGs (repeatable, comma list)', collect)
    .option(
      '--milestone <vX.Y>',
      'latest-milestone or the milestone of any stage (repeatable, comma list)',
      collect,
    )
    .option('--feature-gate <name>', 'a feature gate name, any case (repeatable, comma list)', collect)
    .option('--text <text>', 'text in the title or README, any case (repeatable, comma list)', collect)
    .option('--has-errors', 'only KEPs with error findings from kep lint (runs the cached lint)')
    .option('--sort <field>', 'sort by fields, comma list; prefix "-" for descending (e.g. -kepNumber)')
    .option('--fields <a,b,c>', 'the columns (table, csv, md) or keys (json, yaml) to show')
    .option('--no-cache', 'ignore and do not write the on-disk cache');
  addOutputOptions(command, QUERY_FORMATS, 'table', { legacyFormats: true });
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
Filters: values of one filter OR together (repeat the flag or give a comma list); different filters AND.
--sig is a regular expression matched anywhere in the owning SIG, as kepctl does: "node" selects sig-node;
anchor it ("^sig-node$") for an exact match.

Fields for --fields and --sort (case, "-" and "_" do not matter, so kep.yaml keys work too):
  kepNumber title status stage owningSig sig participatingSigs latestMilestone milestone milestone.alpha
  milestone.beta milestone.stable authors reviewers approvers editor creationDate lastUpdated featureGates
  disableSupported metrics seeAlso replaces supersededBy prrApprovers id name path dir link proposalId
(id is kepify's md5; proposalId is the proposal's id: its number, else its path below the proposals root.
JSON and YAML rows carry proposalId after the kepify record.)

Examples:
  kep query --sig sig-node --stage beta
  kep query --status implementable --milestone v1.34 --format md
  kep query --sig node,storage --stage alpha,beta --sort -lastUpdated --fields kepNumber,title,stage
  kep query --prr @deads2k --format json
  kep query --text "dynamic resource allocation" --fields kepNumber,title,owningSig
  kep query --has-errors --format csv > broken.csv
  kep query --id 0037 --id network/no_overlay_mode.md --format json`,
  );
  command.action(async (flags: QueryFlags) => {
    const target = outputTarget(flags, QUERY_FORMATS, { command: 'kep query', legacyFormats: true });
    await emit(target, await runQueryCommand(flags, target));
  });
  return command;
}

async function runQueryCommand(flags: QueryFlags, target: OutputTarget<QueryFormat>): Promise<string> {
  const { splitList, QueryError } = await import('../../query/search/filter.js');
  const filters: QueryFilters = {
    id: splitList(flags.id),
    sig: splitList(flags.sig),
    status: splitList(flags.status),
    stage: splitList(flags.stage),
    prr: splitList(flags.prr),
    approver: splitList(flags.approver),
    author: splitList(flags.author),
    participatingSig: splitList(flags.participatingSig),
    milestone: splitList(flags.milestone),
    featureGate: splitList(flags.featureGate),
    text: splitList(flags.text),
    hasErrors: flags.hasErrors ? true : undefined,
  };
  const root = resolveRepo(flags.repo, flags.profile);
  const config = configText(root);
  let context: ReturnType<typeof repoContext> | undefined;
  const fullContext = () => {
    context ??= repoContext(flags);
    return context;
  };
  const { readmeOf } = await import('../../query/catalog/catalog.js');
  const { loadCatalog } = await import('../../query/catalog/load.js');
  const catalog = await loadCatalog(root, {
    inputs: catalogInputs(config, flags, root),
    cache: flags.cache,
    context: fullContext,
  });
  for (const notice of catalog.notices) if (filters.sig) printNotice(notice);
  const { readableEntries, selectFields, sortKeys, structuredRows } = await import(
    '../../query/search/query.js'
  );
  const readable = readableEntries(catalog.entries);
  if (readable.skipped.length > 0)
    printNotice(
      `left out ${readable.skipped.length} KEP(s) whose metadata does not parse (run kep lint): ${readable.skipped.join(', ')}`,
    );

  let withErrors: Set<string> | undefined;
  if (filters.hasErrors) withErrors = await dirsWithErrors(fullContext(), catalog.entries, flags.cache);
  const { readBytes } = await import('../../load/files.js');
  // Confined and size-limited as every repo read: a README linked to a file elsewhere is not searched.
  const readme = (entry: KepEntry, encoding: 'utf8' | 'latin1'): string | undefined => {
    const read = readBytes(root, readmeOf(catalog, entry));
    return read.ok ? read.bytes.toString(encoding) : undefined;
  };

  const { filterEntries } = await import('../../query/search/filter.js');
  const { queryFields, sortEntries, TABLE_FIELDS, CSV_FIELDS } = await import('../../query/search/fields.js');
  try {
    const all = queryFields(catalog.linkBase);
    const chosen = flags.fields ? selectFields(all, splitList([flags.fields]) ?? []) : undefined;
    const keys = flags.sort ? sortKeys(all, splitList([flags.sort]) ?? []) : [];
    const matched = filterEntries(readable.entries, filters, {
      groups: catalog.groups,
      readme,
      withErrors,
      layout: catalog.layout,
      vocabulary: catalog.vocabulary,
    });
    const entries = sortEntries(matched, keys);
    const format = await import('../../query/formats/format.js');
    // Tables for people: nothing but a note when nothing matches (CSV, JSON and YAML stay well-formed).
    if (entries.length === 0 && (target.format === 'table' || target.format === 'md')) {
      printNotice('no KEPs match');
      return '';
    }
    switch (target.format) {
      case 'json':
        return format.formatJson(structuredRows(entries, chosen));
      case 'yaml': {
        const { formatYaml } = await import('../../query/formats/format-yaml.js');
        return formatYaml(structuredRows(entries, chosen));
      }
      case 'csv':
        return format.formatCsv(entries, chosen ?? selectFields(all, CSV_FIELDS));
      case 'md':
        return format.formatMarkdownTable(entries, chosen ?? selectFields(all, TABLE_FIELDS));
      default:
        return format.formatTable(entries, chosen ?? selectFields(all, TABLE_FIELDS), {
          colour: target.colour,
        });
    }
  } catch (error) {
    if (error instanceof QueryError) throw new CliError(error.message);
    throw error;
  }
}

/** Directories of KEPs that `kep lint` (with the repo's config) reports errors for. */
async function dirsWithErrors(
  context: ReturnType<typeof repoContext>,
  entries: KepEntry[],
  cache: boolean,
): Promise<Set<string>> {
  const { lintRepository } = await import('../../lint/index.js');
  const { ownerOf } = await import('../../query/search/diagnostics.js');
  const result = await lintRepository(context.root, {
    ...context.load,
    ...templateOptions(context.config),
    rules: context.config.rules,
    cache,
    configText: context.configText,
  });
  const owner = ownerOf(entries);
  const dirs = new Set<string>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.severity !== 'error') continue;
    const dir = owner(diagnostic.file)?.dir;
    if (dir) dirs.add(dir);
  }
  return dirs;
}
