import { Command, Option } from '../commander.js';
import { addRepoOptions, CliError, printNotice, type RepoOptions, repoContext } from '../common.js';
import { writeOutput } from '../output.js';
import { catalogInputs } from './query.js';

interface ReleaseFlags extends RepoOptions {
  freeze: 'enhancements' | 'code';
  output: 'table' | 'md' | 'csv' | 'json';
  file?: string;
  cache: boolean;
}

export function releaseCommand(): Command {
  const command = new Command('release')
    .description('freeze readiness of every KEP that targets a release, criterion by criterion')
    .argument('<vX.Y>', 'the release, e.g. v1.34')
    .addOption(
      new Option('--freeze <freeze>', 'which freeze’s criteria')
        .choices(['enhancements', 'code'])
        .default('enhancements'),
    )
    .addOption(
      new Option('--output <format>', 'output format')
        .choices(['table', 'md', 'csv', 'json'])
        .default('table'),
    )
    .option('--file <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--no-cache', 'ignore and do not write the on-disk cache');
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
A KEP targets vX.Y when its latest-milestone, or the milestone of any stage, is vX.Y. Its stage for the
release is its stage when latest-milestone is vX.Y, else the stage whose milestone is vX.Y. Criteria,
each decided by the rule in brackets (README rules run as if the KEP targeted vX.Y at that stage):

Enhancements freeze (default):
  status             status is implementable [release/status]
  latest-milestone   latest-milestone is vX.Y [release/latest-milestone]
  stage-milestone    milestone.<stage> is vX.Y [release/stage-milestone]
  prr-approval       the PRR file names a PRR approver for the stage [prr/required, prr/approver]
  readme-sections    the template's sections are there [readme/missing-section]
  prr-questionnaire  the PRR questions the stage needs are answered [prr/questionnaire]
  test-plan          the Test Plan section is filled in [readme/empty-section, readme/placeholder]
  unresolved         no <<[UNRESOLVED]>> blocks [readme/unresolved]
Code freeze (--freeze code), the repository's side of it: status implementable or implemented,
latest-milestone, stage-milestone, prr-approval, test-plan, unresolved. Whether the code merged is
decided outside this repository (pull requests on kubernetes/kubernetes).

For a release before the repository's current one (kep.config.json "release", else the highest
latest-milestone), a KEP that has moved on (a later latest-milestone, status implemented) passes
status and latest-milestone: the report then tells what shipped in that release.

Exit codes: 0 report written (whatever the verdicts), or the profile has no release milestones (said on
stderr, nothing written); 2 usage error.

Examples:
  kep release v1.36
  kep release v1.36 --output md --file freeze.md
  kep release v1.36 --freeze code --output csv > code-freeze.csv
  kep release v1.34 --output json | jq '.keps[] | select(.verdict == "not ready") | .dir'`,
  );
  command.action(async (release: string, flags: ReleaseFlags) => {
    if (!/^v\d+\.\d+$/.test(release))
      throw new CliError(`${release}: expected a release vMAJOR.MINOR, e.g. v1.34`);
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
    const { highestMilestone, releaseReport, releaseTarget } = await import('../../query/release/release.js');
    const { stages } = context.profile.metadata;
    const targets = catalog.entries.filter((entry) =>
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
    // README rules gate on the facts' release: here it is the release reported on.
    const facts = loadFacts(context.root, walkRepository(context.root, context.profile), {
      ...context.load,
      release,
    });
    const currentRelease =
      context.load.release ?? highestMilestone(catalog.entries.map((entry) => entry.record.latestMilestone));
    const report = releaseReport({
      release,
      freeze: flags.freeze,
      currentRelease,
      proposals: targets.map((entry) => loadProposal(facts, entry.dir)),
      facts,
      ruleById,
    });
    report.notices.unshift(...facts.notices);
    const { formatRelease } = await import('../../query/release/release-format.js');
    await writeOutput(flags.file, formatRelease(report, flags.output, context.profile.metadata.stageOrder));
  });
  return command;
}
