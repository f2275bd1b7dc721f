// commander is a CommonJS package. Imported as ESM, Node lexes its source for named exports on every start,
// which costs about as much as loading it; required, it does not. The warm `kep query` path counts this.
import { createRequire } from 'node:module';
import type * as Commander from 'commander';

const commander = createRequire(import.meta.url)('commander') as typeof Commander;

export const Command: typeof Commander.Command = commander.Command;
export type Command = Commander.Command;
export const Option: typeof Commander.Option = commander.Option;
export type Option = Commander.Option;
export const CommanderError: typeof Commander.CommanderError = commander.CommanderError;
export type CommanderError = Commander.CommanderError;
