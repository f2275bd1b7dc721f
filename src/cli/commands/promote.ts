import { Command } from 'commander';
import { type AuthorFlags, addAuthorOptions, carryOut, refusing, workspaceFor } from '../authoring.js';

interface PromoteFlags extends AuthorFlags {
  stage: string;
  release?: string;
  prrApprover?: string;
}

export function promoteCommand(): Command {
  return addAuthorOptions(
    new Command('promote')
      .description('move a proposal to a stage: stage, milestones, status and last-updated, nothing else')
      .argument('<proposal>', 'the proposal: its number, or its path below the proposals directory')
      .requiredOption('--stage <stage>', 'the stage to move to (alpha, beta, stable, …)')
      .option('--release <vX.Y>', 'the release of the move (default: the repository’s current release)')
      .option(
        '--prr-approver <@handle>',
        'the stage’s PRR approver, added to the approval file (made if needed)',
      ),
  )
    .addHelpText(
      'after',
      `
Changes stage, latest-milestone, milestone.<stage>, status (to implementable when it was provisional) and
last-updated where the file has one; no other value is touched or normalised. A move back (beta to alpha) is
refused unless --force.

Exit codes: 0 written; 2 usage error or refused (nothing written).

Examples:
  kep promote 2033 --stage beta --release v1.38 --prr-approver @deads2k
  kep promote 2033 --stage stable --dry-run`,
    )
    .action(async (ref: string, flags: PromoteFlags) => {
      const ws = await workspaceFor(flags);
      const { planPromote } = await import('../../author/index.js');
      const plan = await refusing(() =>
        planPromote(ws, ref, {
          stage: flags.stage,
          ...(flags.release ? { release: flags.release } : {}),
          ...(flags.prrApprover ? { prrApprover: flags.prrApprover } : {}),
          ...(flags.force ? { force: true } : {}),
        }),
      );
      await carryOut(ws, [plan], flags);
    });
}
