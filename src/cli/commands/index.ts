import type { Command } from 'commander';
import { historyCommand } from './history.js';
import { indexCommand } from './index-command.js';
import { lintCommand } from './lint.js';
import { queryCommand } from './query.js';
import { releaseCommand } from './release.js';
import { rulesCommand } from './rules.js';
import { schemaCommand } from './schema.js';
import { tocCommand } from './toc.js';

/** Every command of `kep`, one file each, in the order `kep --help` lists them. */
export function commands(): Command[] {
  return [
    lintCommand(),
    rulesCommand(),
    queryCommand(),
    indexCommand(),
    schemaCommand(),
    releaseCommand(),
    historyCommand(),
    tocCommand(),
  ];
}
