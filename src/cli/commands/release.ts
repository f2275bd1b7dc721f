import type { Finding } from '../../model/index.js';
import type { ReleaseInputs } from '../../query/release/release.js';
import type { Owned } from '../../query/search/diagnostics.js';
import { Command, Option } from '../commander.js';
import {
  addRepoOptions,
  CliError,
  printNotice,
  type RepoContext,
  type RepoOptions,
  repoContext,
  templateOptions,
} from '../common.js';
import { addOutputOptions, emit, outputTarget } from '../output.js';
import { catalogInputs } from './query.js';

interface ReleaseFlags extends RepoOptions {
  freeze: 'enhancements' | 'code';
  format: ReleaseFormat;
  output?: string;
  color?: boolean;
  file?: string;
  cache: boolean;
  check?: boolean;
  sig?: string[];
  current?: string;
}

const RELEASE = /^v\d+\.\d+$/;
const RELEASE_FORMATS = ['table', 'md', 'csv', 'json'] as const;
type ReleaseFormat = (typeof RELEASE_FORMATS)[number];
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--sig` values (repeatable, comma list), each an owning SIG of the repository; a typo is a usage error. */
function sigFilter(values: string[] | undefined, known: ReadonlySet<string>): Set<string> | undefined {
  const sigs = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  const wanted = sigs.filter((sig) => sig !== '');
  if (wanted.length === 0) return undefined;
  for (const sig of wanted) {
    if (known.has(sig)) continue;
    const lower = sig.toLowerCase();
    const close = [...known].filter((name) => name.toLowerCase().includes(lower.replace(/^sig-/, ''))).sort();
    const hint =
      close.length > 0
        ? `; did you mean ${close.slice(0, 3).join(', ')}?`
        : ' (see kep query --fields owningSig)';
    throw new CliError(`--sig ${sig}: no KEP is owned by that SIG${hint}`);
  }
  return new Set(wanted);
}

/** KEP numbers given after the release, each one of the repository's; a typo is a usage error. */
function numberFilter(values: string[], known: ReadonlySet<number>): Set<number> | undefined {
  if (values.length === 0) return undefined;
  const numbers = new Set<number>();
  for (const value of values) {
    if (!/^\d+$/.test(value)) throw new CliError(`${value}: expected a KEP number, e.g. 4006`);
    const number = Number(value);
    if (!known.has(number)) throw new CliError(`${value}: no KEP has that number`);
    numbers.add(number);
  }
  return numbers;
}

export function releaseCommand(): Command {
  const command = new Command('release')
    .description('freeze readiness of every KEP that targets a release, criterion by criterion')
    .argument('<vX.Y>', 'the release, e.g. v1.34')
    .argument('[kep...]', 'only these KEP numbers (default: every KEP of the release)')
    .addOption(
      new Option('--freeze <freeze>', 'which freeze’s criteria')
        .choices(['enhancements', 'code'])
        .default('enhancements'),
    )
    .option('--file <file>', 'the old spelling of --output FILE (still accepted)')
    .option('--no-cache', 'ignore and do not write the on-disk cache')
    .option('--check', 'exit 1 when a judged KEP is not ready (for CI)')
    .option('--sig <sig>', 'only KEPs owned by this SIG (repeatable, comma list)', collect)
    .option(
      '--current <vX.Y>',
      'the release treated as current (default: vX.Y itself); an earlier vX.Y is judged as past',
    );
  addOutputOptions(command, RELEASE_FORMATS, 'table', { legacyFormats: true });
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
A KEP targets vX.Y when its latest-milestone is vX.Y (the release team's opt-in); it is judged at its stage.
KEPs whose stage milestone is vX.Y but whose latest-milestone is older are listed apart as planned (not opted
in), and withdrawn, rejected or replaced ones as stopped; neither is judged. Each criterion is decided by
running the rules in brackets on the KEP, the same rules \`kep lint --release vX.Y\` turns into errors:

Enhancements freeze (default):
  status             status is implementable [release/status]
  latest-milestone   latest-milestone is vX.Y, written so [release/latest-milestone]
  stage-milestone    milestone.<stage> is set, vX.Y or earlier [release/stage-milestone]
  prr-approval       the PRR file names a PRR approver for the stage [prr/required, prr/approver]
  readme-sections    the template's sections are there [readme/missing-section]
  prr-questionnaire  the PRR questions the stage needs are answered [prr/questionnaire]
  test-plan          the Test Plan section is filled in [release/test-plan]
  unresolved         no <<[UNRESOLVED]>> blocks [readme/unresolved]
Code freeze (--freeze code), the repository's side of it: status implementable or implemented
[release/code-freeze-status], latest-milestone, stage-milestone, prr-approval, test-plan, unresolved. Whether
the code merged is decided outside this repository (pull requests on kubernetes/kubernetes).

The release is judged as the current one unless --current names a later release: then it is past, and an
implemented KEP passes status (the work shipped).

Exit codes: 0 report written (whatever the verdicts, unless --check), or the profile has no release
milestones (said on stderr, nothing written); 1 with --check, a judged KEP is not ready; 2 usage error.

Examples:
  kep release v1.36
  kep release v1.36 --format md -o freeze.md
  kep release v1.36 --freeze code --format csv > code-freeze.csv
  kep release v1.34 --format json | jq '.keps[] | select(.verdict == "not ready") | .dir'
  kep release v1.37 --check --sig sig-node        # CI: fail when a sig-node KEP of v1.37 is not ready
  kep release v1.37 4006 5343                     # just these KEPs
  kep release v1.36 --current v1.37               # v1.36 looked back on: what shipped`,
  );
  command.action(async (release: string, numbers: string[], flags: ReleaseFlags) => {
    const target = outputTarget(flags, RELEASE_FORMATS, { command: 'kep release', legacyFormats: true });
    // --file FILE is the old spelling of --output FILE (beside --output FORMAT, the old spelling of --format).
    if (flags.file !== undefined && target.file === undefined) {
      target.file = flags.file;
      target.colour = false;
    }
    if (!RELEASE.test(release)) throw new CliError(`${release}: expected a release vMAJOR.MINOR, e.g. v1.34`);
    if (flags.current !== undefined && !RELEASE.test(flags.current))
      throw new CliError(`--current ${flags.current}: expected a release vMAJOR.MINOR, e.g. v1.34`);
    const context = repoContext(flags);
    const { keys, stages: stageList } = context.profile.metadata;
    // A process that names no release in its metadata has nothing a release report could judge.
    if (keys.latestMilestone === '' && (keys.milestones === '' || stageList.length === 0)) {
      printNotice(`the ${context.profile.name} profile has no release milestones; nothing to report`);
      return;
    }
    const { loadCatalog } = await import('../../query/catalog/load.js');
    const catalog = await loadCatalog(context.root, {
      inputs: catalogInputs(context.configText ?? '', flags, context.root),
      cache: flags.cache,
      context: () => context,
    });
    const sigs = sigFilter(
      flags.sig,
      new Set(catalog.entries.map((entry) => entry.record.owningSig).filter(Boolean)),
    );
    const wanted = numberFilter(
      numbers,
      new Set(catalog.entries.flatMap((entry) => (entry.number === null ? [] : [entry.number]))),
    );
    const { releaseReport, releaseTarget } = await import('../../query/release/release.js');
    const { stages } = context.profile.metadata;
    const selected = catalog.entries.filter(
      (entry) =>
        (!sigs || sigs.has(entry.record.owningSig)) &&
        (!wanted || (entry.number !== null && wanted.has(entry.number))),
    );
    const targets = selected.filter((entry) =>
      releaseTarget(
        {
          latestMilestone: entry.record.latestMilestone || undefined,
          stage: entry.record.stage || undefined,
          milestones: { ...entry.record.milestone },
        },
        release,
        stages,
      ),
    );
    const { loadFacts, loadProposal, walkRepository } = await import('../../load/index.js');
    const { ruleById } = await import('../../rules/index.js');
    // The rules judge the KEPs whose latest-milestone is the facts' release: here the release reported on.
    const facts = loadFacts(context.root, walkRepository(context.root, context.profile), {
      ...context.load,
      release,
    });
    facts.currentRelease = flags.current ?? release;
    // The lint of this release answers every criterion from its cache, shared with `kep lint --release vX.Y`;
    // a later --current changes what release/status says, so those runs check the rules here.
    const findingsOf =
      flags.current === undefined || flags.current === release
        ? await lintedFindings(context, release, targets, flags.cache)
        : undefined;
    const report = releaseReport({
      release,
      freeze: flags.freeze,
      proposals: targets.map((entry) => loadProposal(facts, entry.dir, findingsOf ? { readme: 'skip' } : {})),
      facts,
      ruleById,
      ...(findingsOf ? { findingsOf } : {}),
    });
    report.notices.unshift(...facts.notices);
    if (wanted) {
      const listed = new Set(targets.map((entry) => entry.number));
      const others = [...wanted].filter((number) => !listed.has(number));
      if (others.length > 0)
        report.notices.push(`not targeting or planned for ${release}: KEP ${others.join(', ')}`);
    }
    const { formatRelease } = await import('../../query/release/release-format.js');
    await emit(
      target,
      formatRelease(report, target.format, context.profile.metadata.stageOrder, { colour: target.colour }),
    );
    if (flags.check && report.totals.all.notReady > 0) process.exitCode = 1;
  });
  return command;
}

/**
 * Each proposal's findings by rule, from `kep lint --release vX.Y` over the given proposals (with the rules
 * the config switches off switched on again: a criterion is decided by its rule whatever the config says).
 */
async function lintedFindings(
  context: RepoContext,
  release: string,
  targets: readonly Owned[],
  cache: boolean,
): Promise<ReleaseInputs['findingsOf']> {
  if (targets.length === 0) return () => [];
  const { lintRepository } = await import('../../lint/index.js');
  const { releaseCriteriaRules } = await import('../../query/release/release.js');
  const rules = { ...(context.config.rules ?? {}) };
  for (const id of releaseCriteriaRules(context.profile)) if (rules[id] === 'off') rules[id] = 'warn';
  const lint = await lintRepository(context.root, {
    ...context.load,
    release,
    rules,
    cache,
    configText: context.configText,
    paths: targets.map((entry) => entry.dir),
    ...templateOptions(context.config, undefined),
  });
  // Grouped once by proposal and rule: the report asks for each criterion of each KEP.
  const { ownerOf } = await import('../../query/search/diagnostics.js');
  const owner = ownerOf(targets);
  const found = new Map<string, Finding[]>();
  for (const { rule, severity: _severity, kep: _kep, ...finding } of lint.diagnostics) {
    const dir = owner(finding.file)?.dir;
    if (dir === undefined) continue;
    const key = `${dir}\n${rule}`;
    const list = found.get(key);
    if (list) list.push(finding);
    else found.set(key, [finding]);
  }
  return (proposal, ruleId) => found.get(`${proposal.dir}\n${ruleId}`) ?? [];
}
