import { Command } from 'commander';
import { type AuthorFlags, addAuthorOptions, carryOut, refusing, workspaceFor } from '../authoring.js';

export function setCommand(): Command {
  return addAuthorOptions(
    new Command('set')
      .description('set metadata fields of a proposal, editing only the values named')
      .argument('<proposal>', 'the proposal: its number, or its path below the proposals directory')
      .argument(
        '<assignment...>',
        'FIELD=VALUE (a list: a,b,c), FIELD+=VALUE or FIELD-=VALUE for list fields',
      ),
  )
    .addHelpText(
      'after',
      `
Any field of the profile's metadata may be set; a mapping's fields as PARENT.CHILD (milestone.beta). A value
outside the profile's vocabulary or format (a status that is not a status, v1.3x as a milestone, an unknown
SIG) is refused unless --force. Only the value's bytes change: its quoting, comments, key order and the rest
of the file stay as they are; a field the file lacks is added after its siblings, in their indentation.

Exit codes: 0 written (or nothing to change); 2 usage error or refused (nothing written).

Examples:
  kep set 2033 status=implementable
  kep set 2033 milestone.beta=v1.38 latest-milestone=v1.38
  kep set 2033 reviewers+=@alice reviewers-=@bob
  kep set 2033 participating-sigs=sig-auth,sig-node --dry-run`,
    )
    .action(async (ref: string, assignments: string[], flags: AuthorFlags) => {
      const ws = await workspaceFor(flags);
      const { parseAssignment, planSet } = await import('../../author/index.js');
      const plan = await refusing(() =>
        planSet(ws, ref, assignments.map(parseAssignment), { force: flags.force }),
      );
      await carryOut(ws, [plan], flags);
    });
}
