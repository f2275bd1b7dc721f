import { Command } from 'commander';
import { forTerminal } from '../../model/escape.js';
import {
  CliError,
  duringWrites,
  printNotice,
  removeLeftovers,
  repoContext,
  repoRelativePaths,
} from '../common.js';

interface TocFlags {
  repo?: string;
  profile?: string;
  check?: boolean;
  write?: boolean;
}

export function tocCommand(): Command {
  return new Command('toc')
    .description(
      'check or regenerate tables of contents, byte for byte as upstream’s hack/update-toc.sh (mdtoc)',
    )
    .argument(
      '[path...]',
      'markdown files or directories (default: every *.md under the proposals directory)',
    )
    .option('--check', 'report files whose table of contents differs, with a diff (the default)')
    .option('--write', 'rewrite the tables of contents that differ')
    .option('--repo <dir>', 'the enhancements repository (default: the enclosing git repository)')
    .option(
      '--profile <name|file>',
      'the process profile: a built-in name or a profile file (default: detected)',
    )
    .addHelpText(
      'after',
      `
Every *.md file is checked except those listed in the profile's skip list (hack/.notableofcontents), with
the settings of upstream's scripts: mdtoc --inplace --max-depth=5, headings before the opening marker left
out. The text between <!-- toc --> and <!-- /toc --> (markers in any case) must be exactly what mdtoc
writes. The diff goes to stdout (git apply takes it), the list of files to stderr.

Exit codes: 0 every table of contents agrees (--check) or is now written (--write), or the profile keeps
no tables of contents (said on stderr); 1 some differ (--check), or a file has no markers or cannot be
read; 2 usage error.

Examples:
  kep toc                                        # check the whole repository
  kep toc --write                                # what hack/update-toc.sh does
  kep toc --check keps/sig-node/2033-kubelet-in-userns-aka-rootless
  kep toc --check | git apply                    # the same as --write, through git`,
    )
    .action(async (paths: string[], flags: TocFlags) => {
      if (flags.check && flags.write) throw new CliError('--check and --write cannot be used together');
      const context = repoContext(flags);
      const settings = context.profile.toc;
      if (!settings) {
        // Not an error: the process simply has none to check (exit 0, as for a repository that agrees).
        printNotice(`the ${context.profile.name} profile keeps no tables of contents; nothing to check`);
        return;
      }
      const { checkTocFiles, EditConflictError, listTocFiles, positionAt, TocError, unifiedDiff, writeToc } =
        await import('../../edit/index.js');
      let list: ReturnType<typeof listTocFiles>;
      try {
        list = listTocFiles(context.root, settings, repoRelativePaths(context.root, paths));
      } catch (error) {
        if (error instanceof TocError) throw new CliError(error.message);
        throw error;
      }
      for (const file of list.skipped)
        process.stderr.write(`kep: ${forTerminal(file)}: skipped (listed in ${settings.skipListFile})\n`);

      if (flags.write) await removeLeftovers(context.root, settings.root);
      let differ = 0;
      let failed = 0;
      let written = 0;
      for (const check of checkTocFiles(context.root, settings, list.files)) {
        // Repository content is hostile: a path must not be able to write control sequences or lines.
        const name = forTerminal(check.target ? `${check.file} (→ ${check.target})` : check.file);
        const { state } = check;
        if (state.status === 'current' || state.status === 'link') continue;
        if (state.status !== 'outdated') {
          failed++;
          process.stderr.write(`kep: ${name}: ${state.message}\n`);
          continue;
        }
        if (flags.write) {
          try {
            if (await duringWrites(() => writeToc(check))) {
              written++;
              process.stdout.write(`updated ${forTerminal(check.target ?? check.file)}\n`);
            }
          } catch (error) {
            failed++;
            const reason =
              error instanceof EditConflictError
                ? 'changed while it was being written; left alone'
                : error instanceof Error
                  ? error.message
                  : String(error);
            process.stderr.write(`kep: ${name}: ${reason}\n`);
          }
          continue;
        }
        differ++;
        const line = positionAt(check.source!.text, state.start).line;
        process.stderr.write(`kep: ${name}:${line}: table of contents differs from the headings\n`);
        const text = check.source!.text;
        const fixed = text.slice(0, state.edit.start) + state.edit.text + text.slice(state.edit.end);
        process.stdout.write(unifiedDiff(check.target ?? check.file, text, fixed));
      }
      const checked = list.files.length;
      if (flags.write) {
        process.stderr.write(
          `kep: ${checked} file${checked === 1 ? '' : 's'} checked, ${written} updated${failed ? `, ${failed} failed` : ''}\n`,
        );
      } else if (differ || failed) {
        process.stderr.write(
          `kep: ${checked} file${checked === 1 ? '' : 's'} checked: ${differ} differ${failed ? `, ${failed} failed` : ''} (run kep toc --write)\n`,
        );
      }
      process.exitCode = differ > 0 || failed > 0 ? 1 : 0;
    });
}
