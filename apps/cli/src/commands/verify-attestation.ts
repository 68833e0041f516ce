import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { IMAGE_EXIT_CODES_HELP } from '../image/exit-codes.js';
import { openCliImage } from '../image/open-image.js';
import { REGISTRY_OPTIONS, registryFlags } from '../image/registry-options.js';
import { predicateTypeOf } from '../signing/predicate.js';
import { loadPolicy } from '../verification/policy.js';
import {
  OUTPUT_OPTION,
  POLICY_AND_TRUST_OPTIONS,
  policyAndTrustFlags,
} from '../verification/policy-options.js';
import { selectTrustSource } from '../verification/trust-source.js';

const options: OptionTable = {
  type: {
    type: 'string',
    describe: 'Only attestations of this predicate type (a URI or a short name); default: every type',
  },
  ...POLICY_AND_TRUST_OPTIONS,
  output: OUTPUT_OPTION,
  ...REGISTRY_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const { policy: plan, trust } = policyAndTrustFlags(args, context.cwd);
  const registry = registryFlags(args);
  const typeFlag = stringValue(args, 'type');
  const predicateType = typeFlag !== undefined ? await predicateTypeOf(typeFlag) : undefined;
  const trustSource = selectTrustSource(trust, context.env);
  const policy = loadPolicy(plan);
  const [{ verifyImageAttestations }, { createVerifier }] = await Promise.all([
    import('@keyless/oci'),
    import('@keyless/verify'),
  ]);
  const image = await openCliImage(args.positionals[0]!, registry, context, 'pull');
  try {
    const verifier = await createVerifier({ trustedRoot: trustSource });
    const result = await verifyImageAttestations(image.store, image.lookup, verifier, policy, {
      ...(predicateType ? { predicateType } : {}),
      ...(image.signatureStore ? { signatureStore: image.signatureStore } : {}),
      onWarning: (warning) => context.stderr(`keyless: warning: ${warning}\n`),
    });
    const name = `${image.store.name}@${result.image.digest}`;
    if (stringValue(args, 'output') === 'json') {
      const report = {
        verified: true,
        image: name,
        attestations: result.attestations.map((a) => ({
          format: a.format,
          source: a.source,
          predicateType: a.predicateType,
          identity: a.verification.signer.identity,
          issuer: a.verification.signer.issuer,
          statement: a.statement,
        })),
        rejected: result.rejected.map((r) => ({
          source: r.source,
          code: r.error.code,
          message: r.error.message,
        })),
        warnings: result.warnings,
      };
      context.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return ExitCode.Ok;
    }
    const lines = [
      `Verification for ${name} --`,
      'The following checks were performed on each of these attestations:',
    ];
    lines.push('  - The in-toto statement names the image digest as its subject');
    lines.push('  - Existence of the attestations in the transparency log was verified');
    lines.push(
      '  - The code-signing certificate was verified using trusted certificate authority certificates',
      '',
    );
    for (const a of result.attestations) {
      lines.push(`Attestation ${a.source} (${a.predicateType}):`);
      if (a.verification.signer.identity)
        lines.push(`  Certificate subject: ${a.verification.signer.identity}`);
      if (a.verification.signer.issuer)
        lines.push(`  Certificate issuer URL: ${a.verification.signer.issuer}`);
    }
    context.stderr(`${lines.join('\n')}\n`);
    for (const a of result.attestations) context.stdout(`${JSON.stringify(a.statement)}\n`);
    return ExitCode.Ok;
  } finally {
    await image.close();
  }
}

/** `keyless verify-attestation IMAGE`: verifies a container image's attestations. */
export const verifyAttestationCommand: CommandSpec = {
  name: 'verify-attestation',
  summary: "Verify a container image's attestations (cosign .att tags and Sigstore bundle referrers)",
  description:
    'Finds the attestations of IMAGE (of --type, when given) and verifies each like verify does a signature; ' +
    'the in-toto statement must name the image digest. The checks and signers go to stderr, the verified ' +
    'statements to stdout, one JSON object per line.',
  positionals: [
    { name: 'image', describe: 'The image: registry/repository[:tag|@digest], or oci:PATH[:TAG|@DIGEST]' },
  ],
  options,
  examples: [
    [
      '$0 verify-attestation ghcr.io/acme/app:1.0 --type slsaprovenance1\n' +
        '--certificate-identity-regexp ^https://github.com/acme/ --certificate-oidc-issuer https://token.actions.githubusercontent.com',
      'Verify SLSA provenance attached to an image',
    ],
  ],
  epilog: IMAGE_EXIT_CODES_HELP,
  run,
};
