import { Command } from 'commander';
import type { CreateField, CreateInput, Workspace } from '../../author/index.js';
import { type AuthorFlags, addAuthorOptions, carryOut, refusing, workspaceFor } from '../authoring.js';
import { CliError } from '../common.js';

interface CreateFlags extends AuthorFlags {
  number?: string;
  name?: string;
  sig?: string;
  title?: string;
  authors?: string;
  reviewers?: string;
  approvers?: string;
  prrApprover?: string;
  participatingSigs?: string;
  status?: string;
  stage?: string;
  release?: string;
  set: string[];
  /** --no-input: never prompt, even on a terminal. */
  input: boolean;
}

const LIST_FIELDS = new Set<CreateField>(['authors', 'reviewers', 'approvers', 'participatingGroups']);

const PROMPTS: Record<CreateField, string> = {
  number: 'Number (the tracking issue’s)',
  name: 'Short name (a lowercase slug)',
  group: 'Owning SIG',
  title: 'Title',
  authors: 'Authors (@handles, comma-separated)',
  reviewers: 'Reviewers (@handles, comma-separated)',
  approvers: 'Approvers (@handles, comma-separated)',
  participatingGroups: 'Participating SIGs (comma-separated)',
  prrApprover: 'PRR approver (@handle)',
  status: 'Status',
  stage: 'Stage',
  release: 'Release (vX.Y)',
};

const split = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

function inputOf(flags: CreateFlags): CreateInput {
  const input: CreateInput = {};
  const text: [CreateField, string | undefined][] = [
    ['number', flags.number],
    ['name', flags.name],
    ['group', flags.sig],
    ['title', flags.title],
    ['prrApprover', flags.prrApprover],
    ['status', flags.status],
    ['stage', flags.stage],
    ['release', flags.release],
  ];
  for (const [field, value] of text)
    if (value !== undefined) (input as Record<string, unknown>)[field] = value;
  const lists: [CreateField, string | undefined][] = [
    ['authors', flags.authors],
    ['reviewers', flags.reviewers],
    ['approvers', flags.approvers],
    ['participatingGroups', flags.participatingSigs],
  ];
  for (const [field, value] of lists)
    if (value !== undefined) (input as Record<string, unknown>)[field] = split(value);
  return input;
}

/** Ask for each missing required field on the terminal, validating as the user types. */
async function askMissing(ws: Workspace, input: CreateInput, missing: CreateField[]): Promise<void> {
  const { input: ask } = await import('@inquirer/prompts');
  const { inputProblem } = await import('../../author/index.js');
  for (const field of missing) {
    const answer = await ask({
      message: PROMPTS[field],
      validate: (value: string) => inputProblem(ws, field, value.trim()) ?? true,
    });
    (input as Record<string, unknown>)[field] = LIST_FIELDS.has(field) ? split(answer) : answer.trim();
  }
}

export function createCommand(): Command {
  return addAuthorOptions(
    new Command('create')
      .description('write a new proposal from the repository’s template, in the profile’s layout')
      .option('--number <N>', 'the proposal number (a free one)')
      .option('--name <short-name>', 'the short name: a lowercase slug, part of the directory or file name')
      .option('--sig <sig>', 'the owning SIG (the group directory; OpenShift: the area)')
      .option('--title <title>', 'the title')
      .option('--authors <@a,@b>', 'authors')
      .option('--reviewers <@a,@b>', 'reviewers')
      .option('--approvers <@a,@b>', 'approvers')
      .option('--prr-approver <@p>', 'PRR approver: also writes the approval file')
      .option('--participating-sigs <sig-a,sig-b>', 'participating SIGs')
      .option('--status <status>', 'status (default: the profile’s first, provisional)')
      .option('--stage <stage>', 'stage (default: the first, alpha)')
      .option('--release <vX.Y>', 'latest-milestone and the stage’s milestone (default: the current release)')
      .option(
        '--set <field=value>',
        'any other metadata field, as kep set takes it (repeatable)',
        (value: string, previous: string[]) => [...previous, value],
        [],
      )
      .option('--no-input', 'never prompt; a missing required field is an error'),
  )
    .addHelpText(
      'after',
      `
Kubernetes: keps/<sig>/<N>-<name>/README.md from the repo's template (title filled, TOC generated, example
lines removed) and kep.yaml from the template's kep.yaml (every given field set, every placeholder gone,
creation-date today); with --prr-approver, keps/prod-readiness/<sig>/<N>.yaml. OpenShift:
enhancements/<area>/<name>.md with front matter. Other profiles: the shape of the repository's proposals.

On a terminal, each missing required field is asked for (with validation as you type); without one, a
missing required field is a usage error. Refused: a number or directory that exists, an unknown SIG, a name
that is not a lowercase slug, a path that leaves the repository.

Exit codes: 0 written; 2 usage error or refused (nothing written).

Examples:
  kep create --number 5678 --name pod-budgets --sig sig-node --title "Pod budgets" \\
    --authors @alice --approvers @bob --prr-approver @deads2k --release v1.37
  kep create --profile openshift --sig network --name my-feature --title "My feature" --authors @me
  kep create                                      # asks for each field on a terminal`,
    )
    .action(async (flags: CreateFlags) => {
      const ws = await workspaceFor(flags);
      const { parseAssignment, planCreate, requiredInputs, flagOf } = await import('../../author/index.js');
      const input = inputOf(flags);
      const set = await refusing(() => flags.set.map(parseAssignment));
      const missing = requiredInputs(ws).filter((field) => {
        const value = input[field];
        return value === undefined || (Array.isArray(value) && value.length === 0);
      });
      if (missing.length > 0) {
        if (!flags.input || !process.stdin.isTTY || !process.stdout.isTTY)
          throw new CliError(`missing ${missing.map(flagOf).join(', ')} (no terminal to ask on)`);
        await askMissing(ws, input, missing);
      }
      const plan = await refusing(() =>
        planCreate(ws, { ...input, set, ...(flags.force ? { force: true } : {}) }),
      );
      await carryOut(ws, [plan], flags);
      if (!flags.dryRun) process.stderr.write(`kep: created ${plan.proposal}\n`);
    });
}
