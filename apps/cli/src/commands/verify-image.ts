import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { ANNOTATION_OPTION, annotationsOf } from '../image/annotations.js';
import { IMAGE_EXIT_CODES_HELP } from '../image/exit-codes.js';
import { openCliImage } from '../image/open-image.js';
import { REGISTRY_OPTIONS, registryFlags } from '../image/registry-options.js';
import { formatClaims, formatImageChecks, formatImageJson } from '../image/verify-report.js';
import { loadPolicy } from '../verification/policy.js';
import {
  OUTPUT_OPTION,
  POLICY_AND_TRUST_OPTIONS,
  policyAndTrustFlags,
} from '../verification/policy-options.js';
import { selectTrustSource } from '../verification/trust-source.js';

const options: OptionTable = {
  ...POLICY_AND_TRUST_OPTIONS,
  annotation: {
    ...ANNOTATION_OPTION,
    describe: 'An annotation the signature must carry, as key=value (repeatable)',
  },
  output: OUTPUT_OPTION,
  ...REGISTRY_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const { policy: plan, trust } = policyAndTrustFlags(args, context.cwd);
  const registry = registryFlags(args);
  const annotations = annotationsOf(args);
  const trustSource = selectTrustSource(trust, context.env);
  const policy = loadPolicy(plan);
  const input = args.positionals[0]!;
  const [{ verifyImage }, { createVerifier }] = await Promise.all([
    import('@keyless/oci'),
    import('@keyless/verify'),
  ]);
  const image = await openCliImage(input, registry, context, 'pull');
  try {
    const verifier = await createVerifier({ trustedRoot: trustSource });
    const result = await verifyImage(image.store, image.lookup, verifier, policy, {
      annotations,
      ...(image.signatureStore ? { signatureStore: image.signatureStore } : {}),
      onWarning: (warning) => context.stderr(`keyless: warning: ${warning}\n`),
    });
    const name = `${image.store.name}@${result.image.digest}`;
    if (stringValue(args, 'output') === 'json') {
      context.stdout(formatImageJson(name, result));
    } else {
      context.stderr(formatImageChecks(name, result, annotations));
      context.stdout(formatClaims(result));
    }
    return ExitCode.Ok;
  } finally {
    await image.close();
  }
}

/** `keyless verify IMAGE`: verifies a container image's signatures. */
export const verifyImageCommand: CommandSpec = {
  name: 'verify',
  summary: "Verify a container image's signatures (cosign .sig tags and Sigstore bundle referrers)",
  description:
    "Finds IMAGE's signatures in both formats (cosign's sha256-<hex>.sig tag, and Sigstore bundle referrers " +
    'through the referrers API or its tag fallback) and verifies each: certificate chain, transparency log, ' +
    'timestamps, signature, signer identity, the signed image digest and any -a annotations. It succeeds when ' +
    'at least one signature verifies: the checks and signers go to stderr, the verified claims (as JSON) to ' +
    'stdout. Signatures made by cosign verify too, from a registry or an OCI layout (oci:PATH).',
  positionals: [
    { name: 'image', describe: 'The image: registry/repository[:tag|@digest], or oci:PATH[:TAG|@DIGEST]' },
  ],
  options,
  examples: [
    [
      '$0 verify ghcr.io/acme/app:1.0\n' +
        '--certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0\n' +
        '--certificate-oidc-issuer https://token.actions.githubusercontent.com',
      'Verify an image signed in GitHub Actions',
    ],
    [
      '$0 verify localhost:5000/app:1.0 -a env=prod --trusted-root .keyless-dev/trusted_root.json\n' +
        '--certificate-identity me@example.com --certificate-oidc-issuer http://127.0.0.1:5555/oidc',
      'Verify an image signed with the dev stack, requiring an annotation',
    ],
    [
      '$0 verify oci:./image --offline --certificate-identity me@example.com --certificate-oidc-issuer https://github.com/login/oauth --output json',
      'Verify an image in an OCI layout, without network',
    ],
  ],
  epilog: `${IMAGE_EXIT_CODES_HELP}\n\nEnvironment:\n  KEYLESS_REPOSITORY   read signatures from this repository (registry/repo or oci:PATH)`,
  run,
};
