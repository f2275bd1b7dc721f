// One CLI for output: `--format` chooses what is printed, `-o/--output FILE` writes it to a file (atomically)
// instead of standard output, and colour follows --no-color, NO_COLOR and FORCE_COLOR, on every command.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from './commander.js';
import { CliError, printNotice } from './common.js';

export interface OutputFlags {
  format?: string;
  output?: string;
  /** commander's `--no-color`: false when given. */
  color?: boolean;
}

export interface OutputTarget<Format extends string> {
  format: Format;
  /** The file to write, or undefined for standard output. */
  file?: string;
  colour: boolean;
}

/**
 * `--format FORMAT` (one of `formats`), `-o/--output FILE` and `--no-color`. With `legacyFormats`, `--output`
 * followed by a format name still selects that format, as it did before `--format` existed (with a
 * deprecation note; see `outputTarget`).
 */
export function addOutputOptions(
  command: Command,
  formats: readonly string[],
  defaultFormat: string,
  options: { formatHelp?: string; legacyFormats?: boolean } = {},
): Command {
  const legacy = options.legacyFormats ? ` (a format name here is the old spelling of --format)` : '';
  return command
    .addOption(
      new Option('--format <format>', options.formatHelp ?? 'output format')
        .choices([...formats])
        .default(defaultFormat),
    )
    .option(
      '-o, --output <file>',
      `write the output to a file (atomically) instead of standard output${legacy}`,
    )
    .option(
      '--no-color',
      'no colour (default: colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)',
    );
}

/**
 * The format and file that the flags ask for. `--output json` (a format name where a file is expected) is the
 * spelling of `kep query`, `kep release` and `kep history` before `--format`: it still selects the format, and a
 * note on stderr says how to write it now. A file by that name is written as `--output ./json`.
 */
export function outputTarget<Format extends string>(
  flags: OutputFlags,
  formats: readonly Format[],
  options: { command: string; legacyFormats?: boolean },
): OutputTarget<Format> {
  let format = flags.format as Format;
  let file = flags.output === '-' ? undefined : flags.output;
  if (options.legacyFormats && file !== undefined && (formats as readonly string[]).includes(file)) {
    printNotice(
      `${options.command} --output ${file} is deprecated: use --format ${file} (--output FILE now writes to a file; --output ./${file} for a file of that name)`,
    );
    format = file as Format;
    file = undefined;
  }
  return { format, ...(file !== undefined ? { file } : {}), colour: file === undefined && useColour(flags) };
}

/**
 * Whether to colour standard output: never with `--no-color` or a non-empty `NO_COLOR` (no-color.org), always
 * with a `FORCE_COLOR` other than `0`/`false`, else when standard output is a terminal.
 */
export function useColour(
  flags: Pick<OutputFlags, 'color'>,
  env = process.env,
  stream = process.stdout,
): boolean {
  if (flags.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true;
}

/** Print the text, or write it to the target's file atomically (its directory made when missing). */
export async function emit(target: Pick<OutputTarget<string>, 'file'>, text: string): Promise<void> {
  await writeOutput(target.file, text);
}

/** Write text to a file atomically, or to standard output for none or `-`. */
export async function writeOutput(file: string | undefined, text: string): Promise<void> {
  if (file === undefined || file === '-') {
    process.stdout.write(text);
    return;
  }
  const target = path.resolve(file);
  // Loaded only to write a file: printing to standard output (the warm query) does not pay for node:crypto.
  const { writeFileAtomic } = await import('../load/atomic-write.js');
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (error) {
    throw new CliError(
      `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
