#!/usr/bin/env node
import { LoadError } from '../load/errors.js';
import { forTerminal } from '../model/escape.js';
import { Command, CommanderError } from './commander.js';
import { commands } from './commands/registry.js';
import { CliError, kepkitVersion } from './common.js';

// `kep query | head`: a closed pipe ends the output, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('kep')
  .description('kepkit: lint, author, track and browse Kubernetes-style enhancement proposals')
  .version(kepkitVersion())
  .option('--debug', 'print stack traces for unexpected errors')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  .showHelpAfterError('(run with --help for usage)');

for (const command of await commands(process.argv.slice(2))) program.addCommand(command.exitOverride());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every parse error is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError || error instanceof LoadError) {
    process.stderr.write(`kep: ${forTerminal(error.message)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 2;
  } else {
    const debug = process.argv.includes('--debug');
    process.stderr.write(
      `kep: unexpected error: ${forTerminal(error instanceof Error ? error.message : String(error))}\n`,
    );
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('kep: run with --debug for details\n');
    process.exitCode = 2;
  }
}
