import type { CommandSpec } from '../args/spec.js';
import { CliError } from '../errors.js';

/** `keyless-conformance sign-bundle`: accepted on the command line, not performed yet. */
export const signBundleCommand: CommandSpec = {
  name: 'sign-bundle',
  summary: 'Sign FILE into a bundle (not supported yet)',
  positionals: [{ name: 'file', describe: 'The artifact (or in-toto statement) to sign' }],
  options: {
    staging: { type: 'boolean', describe: 'Use the Sigstore staging instance' },
    'in-toto': { type: 'boolean', describe: 'FILE is an in-toto statement' },
    'identity-token': { type: 'string', required: true, describe: 'The OIDC identity token' },
    bundle: { type: 'string', required: true, describe: 'Where to write the bundle' },
    'trusted-root': { type: 'string', describe: 'A custom trusted_root.json' },
    'signing-config': { type: 'string', describe: 'A custom signing_config.json' },
  },
  examples: [],
  async run() {
    throw new CliError(
      'ERR_NOT_SUPPORTED',
      'sign-bundle is not supported yet: this version of keyless only verifies',
    );
  },
};
