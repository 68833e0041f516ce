import { resolve } from 'node:path';
import { flag, stringValue } from '../args/parse.js';
import type { CommandSpec, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTextReport } from '../output/text.js';
import { parseArtifactInput } from '../verification/artifact-input.js';
import { checkPolicyFlags } from '../verification/policy.js';
import { type VerifyRequest, verifyRequest } from '../verification/verify-request.js';

function toRequest(args: ParsedArgs, cwd: string): VerifyRequest {
  const path = (name: string) => {
    const value = stringValue(args, name);
    return value === undefined ? undefined : resolve(cwd, value);
  };
  return {
    input: parseArtifactInput(args.positionals[0]!, cwd),
    bundlePath: path('bundle')!,
    policy: checkPolicyFlags({
      key: path('key'),
      identity: stringValue(args, 'certificate-identity'),
      issuer: stringValue(args, 'certificate-oidc-issuer'),
    }),
    // Public-good unless told otherwise; KEYLESS_OFFLINE=1 keeps it off the network.
    trust: { trustedRoot: path('trusted-root'), staging: flag(args, 'staging') },
  };
}

/**
 * What `verify-bundle` does, short of printing: resolves to the result, or rejects with the typed
 * error (`VerificationError`, `TrustError`, `CliError`) that decides the exit code.
 */
export async function conformanceVerify(args: ParsedArgs, context: CliContext) {
  return verifyRequest(toRequest(args, context.cwd), context.env);
}

/** `keyless-conformance verify-bundle`, as the Sigstore conformance CLI protocol defines it. */
export const verifyBundleCommand: CommandSpec = {
  name: 'verify-bundle',
  summary: 'Verify FILE_OR_DIGEST against a bundle (Sigstore conformance protocol)',
  positionals: [{ name: 'file-or-digest', describe: 'The artifact, or its digest as sha256:<hex>' }],
  options: {
    staging: { type: 'boolean', describe: 'Use the Sigstore staging instance' },
    bundle: { type: 'string', required: true, describe: 'The Sigstore bundle to verify' },
    'certificate-identity': { type: 'string', describe: 'The expected identity in the certificate SAN' },
    'certificate-oidc-issuer': { type: 'string', describe: 'The expected OIDC issuer of the certificate' },
    key: { type: 'string', describe: 'PEM public key (instead of the identity flags)' },
    'trusted-root': { type: 'string', describe: 'A custom trusted_root.json' },
  },
  examples: [
    [
      '$0 verify-bundle --bundle a.sigstore.json --certificate-identity me@example.com\n' +
        '--certificate-oidc-issuer https://accounts.google.com a.txt',
      'Verify a.txt',
    ],
    [
      '$0 verify-bundle --bundle a.sigstore.json --key key.pub --trusted-root trusted_root.json a.txt',
      'Verify with a key',
    ],
  ],
  async run(args, context) {
    const result = await conformanceVerify(args, context);
    context.stdout(formatTextReport(args.positionals[0]!, result));
    return ExitCode.Ok;
  },
};
