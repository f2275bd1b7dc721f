// What the authoring commands share: their options, the workspace, and carrying out plans — lint the
// planned text, print what it finds, refuse a write that adds an error (or a finding on a field it sets)
// unless --force, print a diff with --dry-run, else write through the atomic helper.
import type { Command } from 'commander';
import type { Plan, Workspace } from '../author/index.js';
import { forTerminal } from '../model/escape.js';
import type { Diagnostic } from '../model/index.js';
import { addRepoOptions, CliError, duringWrites, type RepoOptions, repoContext } from './common.js';

export interface AuthorFlags extends RepoOptions {
  dryRun?: boolean;
  force?: boolean;
}

export function addAuthorOptions(command: Command): Command {
  return addRepoOptions(command)
    .option('--dry-run', 'print a unified diff of what would be written; write nothing')
    .option(
      '--force',
      'write even when the planned text adds findings, or a value is outside the profile’s vocabulary',
    );
}

/** The repository as the plans see it: walked once, with its facts. */
export async function workspaceFor(flags: AuthorFlags, today?: string): Promise<Workspace> {
  const context = repoContext(flags);
  const { openWorkspace } = await import('../author/index.js');
  return openWorkspace(context.root, {
    ...context.load,
    ...(context.config.rules ? { rules: context.config.rules } : {}),
    ...(today ? { today } : {}),
  });
}

/** Run a core step, turning its refusals into usage errors (exit 2, one line, nothing written). */
export async function refusing<T>(step: () => T | Promise<T>): Promise<T> {
  const { AuthorError } = await import('../author/index.js');
  try {
    return await step();
  } catch (error) {
    if (error instanceof AuthorError) throw new CliError(error.message);
    throw error;
  }
}

function formatFinding(d: Diagnostic): string {
  return `  ${forTerminal(d.file)}:${d.line}:${d.column}  ${d.severity}  ${forTerminal(d.message)}  ${d.rule}\n`;
}

/**
 * Lint each plan as planned and write it (or print its diff). Every plan is checked before anything is
 * written: one refused plan writes nothing at all. Returns the number of files written (or that would be).
 */
export async function carryOut(ws: Workspace, plans: Plan[], flags: AuthorFlags): Promise<number> {
  const { changes, checkPlan, writePlan } = await import('../author/index.js');
  const { EditConflictError, unifiedDiff } = await import('../edit/index.js');
  const { WriteRefusedError } = await import('../edit/atomic.js');
  const refused: string[] = [];
  for (const plan of plans) {
    if (changes(plan).length === 0) continue;
    const check = checkPlan(ws, plan);
    if (check.added.length > 0) {
      process.stderr.write(
        `kep: ${forTerminal(plan.proposal)}: the planned text adds ${check.added.length} finding${check.added.length === 1 ? '' : 's'}:\n`,
      );
      for (const finding of check.added) process.stderr.write(formatFinding(finding));
    }
    for (const finding of check.blocking)
      refused.push(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} (${finding.rule})`);
  }
  if (refused.length > 0 && !flags.force)
    throw new CliError(
      `not written: the change would add ${refused.length === 1 ? 'this finding' : 'these findings'} (--force writes it anyway): ${refused.join('; ')}`,
    );
  let count = 0;
  for (const plan of plans) {
    for (const file of changes(plan)) {
      count++;
      if (flags.dryRun) process.stdout.write(unifiedDiff(file.path, file.before ?? '', file.after));
    }
  }
  if (flags.dryRun) return count;
  try {
    await duringWrites(() => {
      for (const plan of plans) {
        for (const file of writePlan(ws.root, plan))
          process.stderr.write(`kep: wrote ${forTerminal(file)}\n`);
      }
    });
  } catch (error) {
    if (error instanceof EditConflictError) throw new CliError(`${error.message}; nothing more written`);
    if (error instanceof WriteRefusedError) throw new CliError(error.message);
    throw error;
  }
  return count;
}
