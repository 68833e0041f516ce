import { KeylessError } from '@keyless/core';

/** Codes of `CliError`: what the command line itself got wrong, before any verification ran. */
export type CliErrorCode =
  /** The command line is malformed: unknown command or option, a missing or conflicting flag. */
  | 'ERR_USAGE'
  /** An input file (artifact, bundle, key) does not exist. */
  | 'ERR_INPUT_NOT_FOUND'
  /** An input file exists but cannot be read (permissions, a directory, an I/O error). */
  | 'ERR_INPUT_UNREADABLE'
  /** An input file is larger than this tool reads into memory. */
  | 'ERR_INPUT_TOO_LARGE'
  /** The command exists in the protocol but this version cannot perform it. */
  | 'ERR_NOT_SUPPORTED';

/** Error thrown by the `keyless` command line for usage and input problems. */
export class CliError extends KeylessError<CliErrorCode> {}

/** A usage error (exit code 2); the program adds a pointer to the relevant `--help`. */
export function usageError(message: string): CliError {
  return new CliError('ERR_USAGE', message);
}
