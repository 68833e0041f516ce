import { resolve } from 'node:path';
import { DSSE_INTOTO_PAYLOAD_TYPE } from '@keyless/core';
import { flag, stringValue } from '../args/parse.js';
import type { CommandSpec, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { checkBundleTarget } from '../signing/bundle-target.js';
import { signingFlags } from '../signing/flags.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';
import { MAX_ARTIFACT_BYTES, readInputFile } from '../verification/read-input-file.js';

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  // The suite hands over the token it wants used: no ambient credentials, no sign-in.
  flags.identity.disableAmbient = true;
  const file = resolve(context.cwd, args.positionals[0]!);
  const bundlePath = resolve(context.cwd, stringValue(args, 'bundle')!);
  const bytes = readInputFile(file, 'artifact', MAX_ARTIFACT_BYTES);
  await checkBundleTarget(bundlePath);
  const { pipeline } = await createCliSigning(flags, context);
  const result = await signingStep(() =>
    flag(args, 'in-toto') ? pipeline.signDsse(bytes, DSSE_INTOTO_PAYLOAD_TYPE) : pipeline.signBlob(bytes),
  );
  const { writeBundleAtomically } = await import('@keyless/sign');
  await signingStep(() => writeBundleAtomically(bundlePath, result.bundle));
  return ExitCode.Ok;
}

/** `keyless-conformance sign-bundle`, as the Sigstore conformance CLI protocol defines it. */
export const signBundleCommand: CommandSpec = {
  name: 'sign-bundle',
  summary: 'Sign FILE into a bundle (Sigstore conformance protocol)',
  positionals: [
    { name: 'file', describe: 'The artifact (or, with --in-toto, the in-toto statement) to sign' },
  ],
  options: {
    staging: { type: 'boolean', describe: 'Use the Sigstore staging instance' },
    'in-toto': { type: 'boolean', describe: 'FILE is an in-toto statement, signed in a DSSE envelope' },
    'identity-token': { type: 'string', required: true, describe: 'The OIDC identity token' },
    bundle: { type: 'string', required: true, describe: 'Where to write the bundle' },
    'trusted-root': { type: 'string', describe: 'A custom trusted_root.json the bundle is verified against' },
    'signing-config': { type: 'string', describe: 'A custom signing_config.json naming the services' },
  },
  examples: [
    [
      '$0 sign-bundle --identity-token "$TOKEN" --bundle a.sigstore.json a.txt',
      'Sign a.txt with public-good Sigstore',
    ],
  ],
  async run(args, context) {
    return run(args, context);
  },
};
