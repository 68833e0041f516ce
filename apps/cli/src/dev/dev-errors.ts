import { KeylessError } from '@keyless/core';
import { CliError } from '../errors.js';

/**
 * The dev stack's errors as the command line reports them: a bad host or a port that cannot be
 * bound is a usage error (2); a stack that is not running, or a folder whose files cannot be read,
 * an input error (3). The message is kept as is.
 */
export function asCliError(error: unknown): unknown {
  if (!(error instanceof KeylessError) || !error.code.startsWith('ERR_DEV_')) return error;
  const code =
    error.code === 'ERR_DEV_STACK_OPTIONS' || error.code === 'ERR_DEV_STACK_LISTEN'
      ? 'ERR_USAGE'
      : error.code === 'ERR_DEV_STACK_NOT_RUNNING'
        ? 'ERR_INPUT_NOT_FOUND'
        : 'ERR_INPUT_UNREADABLE';
  return new CliError(code, error.message, { cause: error });
}
