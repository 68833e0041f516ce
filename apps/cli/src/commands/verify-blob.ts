import { resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, ExitCode } from '../exit-codes.js';
import { formatJsonReport } from '../output/json.js';
import { formatTextReport } from '../output/text.js';
import { parseArtifactInput } from '../verification/artifact-input.js';
import {
  OUTPUT_OPTION,
  POLICY_AND_TRUST_OPTIONS,
  policyAndTrustFlags,
} from '../verification/policy-options.js';
import { type VerifyRequest, verifyRequest } from '../verification/verify-request.js';

const options: OptionTable = {
  bundle: { type: 'string', required: true, describe: 'Sigstore bundle to verify (.sigstore.json)' },
  ...POLICY_AND_TRUST_OPTIONS,
  output: OUTPUT_OPTION,
};

/** Turns parsed flags into a checked request; every usage error is raised here, before any I/O. */
function toRequest(args: ParsedArgs, cwd: string): VerifyRequest {
  const { policy, trust } = policyAndTrustFlags(args, cwd);
  return {
    input: parseArtifactInput(args.positionals[0]!, cwd),
    bundlePath: resolve(cwd, stringValue(args, 'bundle')!),
    policy,
    trust,
  };
}

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const request = toRequest(args, context.cwd);
  const result = await verifyRequest(request, context.env);
  const subject = args.positionals[0]!;
  if (stringValue(args, 'output') === 'json') context.stdout(formatJsonReport(subject, result));
  else context.stdout(formatTextReport(subject, result));
  for (const warning of result.warnings) context.stderr(`keyless: warning: ${warning}\n`);
  return ExitCode.Ok;
}

/** `keyless verify-blob`: verifies a file (or a digest) against a Sigstore bundle. */
export const verifyBlobCommand: CommandSpec = {
  name: 'verify-blob',
  summary: 'Verify a file (or its sha256 digest) against a Sigstore bundle',
  description:
    'Verifies that BUNDLE signs INPUT (a file, or sha256:<hex>) and that the signer matches the policy: ' +
    'an identity and OIDC issuer for keyless bundles, or --key for key-signed ones. The trusted root is ' +
    'the public-good one (via TUF; --offline for the cached or embedded copy) unless --trusted-root or ' +
    '--staging says otherwise.',
  positionals: [{ name: 'input', describe: 'The artifact file, or its digest as sha256:<64 hex digits>' }],
  options,
  examples: [
    [
      '$0 verify-blob artifact.txt --bundle artifact.txt.sigstore.json\n' +
        '--certificate-identity me@example.com --certificate-oidc-issuer https://accounts.google.com',
      'Verify a file signed by an email identity',
    ],
    [
      '$0 verify-blob app.tgz --bundle app.tgz.sigstore.json\n' +
        "--certificate-identity-regexp '^https://github.com/my-org/'\n" +
        '--certificate-oidc-issuer https://token.actions.githubusercontent.com',
      'Verify a file signed by any GitHub Actions workflow of an organisation',
    ],
    [
      '$0 verify-blob sha256:38dc4e2c261d49c661196066edbfb70fdb16be4a79cc8220c224dfeb5636d405\n' +
        '--bundle Python-3.12.5.tgz.sigstore --offline\n' +
        '--certificate-identity thomas@python.org --certificate-oidc-issuer https://accounts.google.com',
      'Verify by digest, without network (cached or embedded trusted root)',
    ],
    [
      '$0 verify-blob data.bin --bundle data.bin.sigstore.json --key cosign.pub',
      'Verify a key-signed bundle',
    ],
    [
      '$0 verify-blob a.txt --bundle a.sigstore.json --trusted-root trusted_root.json\n' +
        '--certificate-identity me@example.com --certificate-oidc-issuer https://issuer.example.com\n' +
        '--output json',
      'Use a private Sigstore instance and print the result as JSON',
    ],
  ],
  epilog: EXIT_CODES_HELP,
  run,
};
