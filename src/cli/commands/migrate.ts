import { Command } from 'commander';
import { type AuthorFlags, addAuthorOptions, carryOut, refusing, workspaceFor } from '../authoring.js';
import { CliError } from '../common.js';

interface MigrateFlags extends AuthorFlags {
  all?: boolean;
  check?: boolean;
}

export function migrateCommand(): Command {
  return addAuthorOptions(
    new Command('migrate')
      .description('bring READMEs to the current template: insert the missing required sections')
      .argument('[proposal...]', 'proposals by number or path')
      .option('--all', 'every proposal the template applies to (those readme/missing-section checks)')
      .option('--check', 'only report which READMEs would change (exit 1 if any)'),
  )
    .addHelpText(
      'after',
      `
Each required section of the template that a README lacks is inserted with the template's heading and
guidance comment, in template order, between existing lines; no existing line is changed or moved, except
the table of contents, which is regenerated.

Exit codes: 0 written, or nothing to change; 1 --check and some README would change; 2 usage error.

Examples:
  kep migrate --all --check
  kep migrate 2033 --dry-run
  kep migrate --all`,
    )
    .action(async (refs: string[], flags: MigrateFlags) => {
      if (refs.length === 0 && !flags.all) throw new CliError('name proposals, or pass --all');
      if (refs.length > 0 && flags.all) throw new CliError('--all and proposals cannot be used together');
      const ws = await workspaceFor(flags);
      const { planMigrations } = await import('../../author/index.js');
      const plans = await refusing(() => planMigrations(ws, refs));
      if (flags.check) {
        for (const plan of plans) process.stdout.write(`${plan.files[0]!.path}\n`);
        process.stderr.write(`kep: ${plans.length} README${plans.length === 1 ? '' : 's'} would change\n`);
        process.exitCode = plans.length > 0 ? 1 : 0;
        return;
      }
      await carryOut(ws, plans, flags);
      if (plans.length === 0) process.stderr.write('kep: every README has the template’s sections\n');
    });
}
