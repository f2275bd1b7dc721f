import path from 'node:path';
import { Command } from 'commander';
import { builtinProfileNames, loadProfileFile, ProfileError, profileNamed } from '../../profile/index.js';
import { refusing } from '../authoring.js';
import { CliError } from '../common.js';

interface InitFlags {
  repo?: string;
  profile?: string;
  dryRun?: boolean;
}

export function initCommand(): Command {
  return new Command('init')
    .description('set up a new enhancements repository: config, template, groups, an example proposal')
    .option('--repo <dir>', 'the directory to set up (default: the current directory)')
    .option(
      '--profile <name|file>',
      'the process profile: a built-in name or a profile file (default: kubernetes)',
    )
    .option('--dry-run', 'print a unified diff of what would be written; write nothing')
    .addHelpText(
      'after',
      `
Writes kep.config.json (naming the profile), the template (kepkit's own for the Kubernetes profile; a plain
one from the profile's fields for others), the groups file with one group, and an example proposal planned
as kep create plans it. Refuses to overwrite any file that exists.

Exit codes: 0 written; 2 usage error, or a file exists (nothing written).

Examples:
  kep init --repo my-enhancements
  kep init --profile openshift --dry-run`,
    )
    .action(async (flags: InitFlags) => {
      const root = path.resolve(flags.repo ?? '.');
      const named = flags.profile ?? 'kubernetes';
      let profile = /^[a-z0-9][a-z0-9-]*$/.test(named) ? profileNamed(named) : undefined;
      if (!profile && /^[a-z0-9][a-z0-9-]*$/.test(named))
        throw new CliError(
          `--profile: unknown profile "${named}" (built in: ${builtinProfileNames().join(', ')}; or a profile file)`,
        );
      if (!profile) {
        try {
          profile = loadProfileFile(path.resolve(named));
        } catch (error) {
          if (error instanceof ProfileError) throw new CliError(error.message);
          throw error;
        }
      }
      const { mkdirSync } = await import('node:fs');
      const { planInit, writePlan } = await import('../../author/index.js');
      const profileRef = profileNamed(named) ? named : path.relative(root, path.resolve(named));
      const files = await refusing(() => planInit(root, profile, { profileRef }));
      if (flags.dryRun) {
        const { unifiedDiff } = await import('../../edit/index.js');
        for (const file of files) process.stdout.write(unifiedDiff(file.path, '', file.after));
        return;
      }
      mkdirSync(root, { recursive: true });
      const { duringWrites } = await import('../common.js');
      await duringWrites(() => {
        for (const file of writePlan(root, { proposal: '.', files, metadataFiles: [] }))
          process.stderr.write(`kep: wrote ${file}\n`);
      });
    });
}
