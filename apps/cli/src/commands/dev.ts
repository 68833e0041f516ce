import type { CommandSpec } from '../args/spec.js';
import { DEV_EXIT_CODES_HELP } from '../dev/options.js';
import { usageError } from '../errors.js';
import { devTokenCommand } from './dev-token.js';
import { devUpCommand } from './dev-up.js';

/** `keyless dev`: the local Sigstore stack for development and tests. */
export const devCommand: CommandSpec = {
  name: 'dev',
  summary: 'Run a local Sigstore stack for development and tests',
  description:
    'A local Sigstore stack in one process (OIDC issuer, CA, Rekor v1 and v2, TSA) and tokens from it. ' +
    'For development and tests only: its issuer signs in anyone as any email.',
  positionals: [],
  options: {},
  examples: [],
  epilog: DEV_EXIT_CODES_HELP,
  subcommands: [devUpCommand, devTokenCommand],
  run: () => Promise.reject(usageError('missing command: up or token')),
};
