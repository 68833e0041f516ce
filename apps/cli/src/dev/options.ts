import { resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { OptionSpec, ParsedArgs } from '../args/spec.js';
import { usageError } from '../errors.js';

/** The folder a dev stack lives in when `--dir` is not given, relative to the working directory. */
export const DEFAULT_DEV_DIR = '.keyless-dev';

export const dirOption: OptionSpec = {
  type: 'string',
  describe: `The stack's folder: keys, log entries, stack.json, trusted_root.json, signing_config.json (default: ${DEFAULT_DEV_DIR} in the current directory)`,
};

/** `--dir`, resolved against the working directory. */
export function devDir(args: ParsedArgs, cwd: string): string {
  return resolve(cwd, stringValue(args, 'dir') ?? DEFAULT_DEV_DIR);
}

/** `--port` as a port number, if given. */
export function portValue(args: ParsedArgs): number | undefined {
  const text = stringValue(args, 'port');
  if (text === undefined) return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw usageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return port;
}

/** Exit codes of `keyless dev up` and `keyless dev token`, for their help. */
export const DEV_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0   dev up: the stack stopped cleanly on SIGINT/SIGTERM; dev token: the token was printed',
  '  2   usage error (unknown or missing flags, a non-loopback --host without --allow-remote, a port in use)',
  '  3   no stack is running for --dir, or its files cannot be read',
  '  70  internal error',
].join('\n');
