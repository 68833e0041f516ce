import { SigningError } from '@keyless/sign/errors';
import { flag, stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { identityFlags } from '../signing/flags.js';
import { IDENTITY_OPTIONS } from '../signing/options.js';
import { loadPlugins } from '../signing/plugins.js';
import { PUBLIC_GOOD_ISSUER, selectProvider } from '../signing/provider.js';

const options: OptionTable = {
  ...IDENTITY_OPTIONS,
  audience: { type: 'string', default: 'sigstore', describe: 'The audience (aud) to ask for' },
  raw: {
    type: 'boolean',
    describe: 'Print the token itself instead of its claims (handle it like a password)',
  },
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = identityFlags(args, context.cwd);
  const plugins = await loadPlugins(flags.plugins, context.cwd);
  const provider = await selectProvider(flags, plugins, flags.oidcIssuer ?? PUBLIC_GOOD_ISSUER, context);
  let token: string;
  try {
    token = await provider.getToken({ audience: stringValue(args, 'audience')! });
  } catch (cause) {
    // The provider failed like a signing service would: exit code 5, naming it.
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SigningError('ERR_IDENTITY_TOKEN', `OIDC provider ${provider.name}: ${reason}`, { cause });
  }
  if (flag(args, 'raw')) {
    context.stdout(`${token}\n`);
    return ExitCode.Ok;
  }
  const { decodeTokenClaims } = await import('@keyless/oidc-providers');
  const claims = decodeTokenClaims(token);
  context.stdout(`${JSON.stringify({ provider: provider.name, claims }, null, 2)}\n`);
  return ExitCode.Ok;
}

/** `keyless token`: shows which identity signing would use. */
export const tokenCommand: CommandSpec = {
  name: 'token',
  summary: 'Get an identity token as signing would, and print its claims (not the token)',
  description:
    'Chooses the OIDC provider exactly as sign-blob does (--oidc-provider, --identity-token, SIGSTORE_ID_TOKEN, ' +
    "CI credentials, then interactive sign-in), gets a token and prints the provider and the token's claims " +
    'as JSON: who you would sign as. The token itself is printed only with --raw.',
  positionals: [],
  options,
  examples: [
    ['$0 token', 'Show who you would sign as'],
    ['$0 token --plugin ./acme.mjs --oidc-provider acme', "Check a plugin's provider"],
    ['$0 token --oidc-provider github-actions --raw', 'Print the token itself'],
  ],
  run,
};
