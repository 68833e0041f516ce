import type { CliContext } from '../context.js';

/** One `--flag` of a command. The same table drives parsing and `--help`. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  describe: string;
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** A one-letter alias (`-o`). */
  short?: string;
  /** The only values accepted. */
  choices?: readonly string[];
  default?: string;
  /** Shown as `[required]` in help and enforced by the parser. */
  required?: boolean;
  /** Help section the option is listed under. */
  group?: string;
}

export type OptionTable = Record<string, OptionSpec>;

export interface PositionalSpec {
  name: string;
  describe: string;
}

/** What the parser hands a command: option values by long name, then the positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A subcommand (`verify-blob`): its flags, its help, and what it does. */
export interface CommandSpec {
  name: string;
  /** One line for the program's command list. */
  summary: string;
  /** A paragraph for the command's own help. */
  description?: string;
  positionals: PositionalSpec[];
  options: OptionTable;
  examples: ReadonlyArray<readonly [command: string, explanation: string]>;
  epilog?: string;
  /**
   * Commands under this one (`dev up`, `dev token`): the first argument after the command's name
   * picks one. A command with subcommands takes no options or positionals of its own.
   */
  subcommands?: readonly CommandSpec[];
  /** Runs the command; resolves to the exit code, or rejects with a typed error. */
  run(args: ParsedArgs, context: CliContext): Promise<number>;
}

/** A binary (`keyless`, `keyless-conformance`): its commands and its help. */
export interface ProgramSpec {
  name: string;
  version: string;
  summary: string;
  commands: readonly CommandSpec[];
  epilog?: string;
}
