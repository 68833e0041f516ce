import { resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { checkBundleTarget } from '../signing/bundle-target.js';
import { signingFlags } from '../signing/flags.js';
import { SIGNING_EXIT_CODES_HELP, SIGNING_OPTIONS } from '../signing/options.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';
import { formatSigningSummary } from '../signing/summary.js';
import { MAX_ARTIFACT_BYTES, readInputFile } from '../verification/read-input-file.js';

const options: OptionTable = {
  bundle: { type: 'string', required: true, describe: 'Where to write the Sigstore bundle (.sigstore.json)' },
  ...SIGNING_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  const file = resolve(context.cwd, args.positionals[0]!);
  const bundlePath = resolve(context.cwd, stringValue(args, 'bundle')!);
  const artifact = readInputFile(file, 'artifact', MAX_ARTIFACT_BYTES);
  await checkBundleTarget(bundlePath);
  const { pipeline } = await createCliSigning(flags, context);
  const result = await pipeline.signBlob(artifact);
  const { writeBundleAtomically } = await import('@keyless/sign');
  await signingStep(() => writeBundleAtomically(bundlePath, result.bundle));
  context.stdout(formatSigningSummary(`Signed ${args.positionals[0]}`, bundlePath, result));
  return ExitCode.Ok;
}

/** `keyless sign-blob`: signs a file into a Sigstore bundle. */
export const signBlobCommand: CommandSpec = {
  name: 'sign-blob',
  summary: 'Sign a file into a Sigstore bundle, with a short-lived certificate for your identity',
  description:
    'Signs FILE with a fresh key that never leaves memory: gets an OIDC identity token, a certificate for ' +
    'that identity from the CA, records the signature in the transparency log (and gets a timestamp when ' +
    'the signing config names a TSA), checks the result verifies, and writes the bundle. Public-good ' +
    'Sigstore unless --staging, --signing-config or the URL flags say otherwise. On any failure nothing is ' +
    'written and the message names the service that failed.',
  positionals: [{ name: 'file', describe: 'The file to sign' }],
  options,
  examples: [
    [
      '$0 sign-blob app.tgz --bundle app.tgz.sigstore.json',
      'Sign with public-good Sigstore (browser sign-in, or CI credentials)',
    ],
    [
      '$0 sign-blob app.tgz --bundle app.tgz.sigstore.json\n' +
        '--signing-config .keyless-dev/signing_config.json --trusted-root .keyless-dev/trusted_root.json\n' +
        '--identity-token "$(keyless dev token --subject me@example.com)"',
      'Sign with a local dev stack',
    ],
    [
      '$0 sign-blob app.tgz --bundle app.tgz.sigstore.json --plugin ./acme.mjs --oidc-provider acme',
      'Get the identity token from a plugin',
    ],
  ],
  epilog: SIGNING_EXIT_CODES_HELP,
  run,
};
