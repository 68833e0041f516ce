import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { ANNOTATION_OPTION, annotationsOf } from '../image/annotations.js';
import { IMAGE_EXIT_CODES_HELP } from '../image/exit-codes.js';
import { openCliImage } from '../image/open-image.js';
import { REGISTRY_OPTIONS, registryFlags } from '../image/registry-options.js';
import { signingFlags } from '../signing/flags.js';
import { SIGNING_OPTIONS } from '../signing/options.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';

const options: OptionTable = {
  annotation: ANNOTATION_OPTION,
  format: {
    type: 'string',
    choices: ['cosign', 'bundle'],
    default: 'cosign',
    describe:
      'cosign: a layer of the sha256-<hex>.sig tag, which every cosign version and admission controller reads (default); ' +
      'bundle: a Sigstore bundle v0.3 stored as an OCI referrer (cosign 2.4+)',
  },
  ...REGISTRY_OPTIONS,
  ...SIGNING_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  const registry = registryFlags(args);
  const annotations = annotationsOf(args);
  const format = stringValue(args, 'format') === 'bundle' ? 'bundle' : 'cosign';
  const oci = await import('@keyless/oci');
  const input = args.positionals[0]!;
  const image = await openCliImage(input, registry, context, 'pull,push');
  try {
    // Resolve first: a missing image fails before anyone is asked to sign in.
    const target = await oci.resolveImage(image.store, image.lookup);
    if (!oci.isDigest(image.lookup)) {
      context.stderr(
        `keyless: warning: ${input} is a tag; signing the digest it points to now, ${target.digest}. ` +
          'Sign IMAGE@DIGEST to be sure of what you sign.\n',
      );
    }
    const { pipeline } = await createCliSigning(flags, context, (config) =>
      oci.signingConfigForFormat(config, format),
    );
    const result = await signingStep(() =>
      oci.signImage(image.store, target.digest, pipeline, {
        format,
        annotations,
        ...(image.signatureStore ? { signatureStore: image.signatureStore } : {}),
      }),
    );
    const lines = [
      `Signed ${image.store.name}@${result.image.digest}`,
      `Format:    ${format === 'cosign' ? 'cosign (.sig tag)' : 'Sigstore bundle v0.3 (referrer)'}`,
      `Stored:    ${result.stored.store} ${result.stored.location}${result.stored.added ? '' : ' (an identical signature was already there)'}`,
      `Identity:  ${result.signing.identity.subjectAlternativeName}`,
      `Issuer:    ${result.signing.identity.issuer}`,
    ];
    for (const entry of result.signing.bundle.verificationMaterial.tlogEntries ?? []) {
      lines.push(
        `Log entry: index ${entry.logIndex} (${entry.kindVersion.kind} ${entry.kindVersion.version})`,
      );
    }
    context.stdout(`${lines.join('\n')}\n`);
    return ExitCode.Ok;
  } finally {
    await image.close();
  }
}

/** `keyless sign IMAGE`: signs a container image keylessly and stores the signature beside it. */
export const signImageCommand: CommandSpec = {
  name: 'sign',
  summary: 'Sign a container image (registry or OCI layout) and store the signature beside it',
  description:
    'Resolves IMAGE to its manifest digest (a tag is resolved now, with a warning: the signature covers the ' +
    'digest, not the tag), signs it keylessly like sign-blob does, and stores the signature as cosign does. ' +
    "The default format is cosign's .sig tag because every cosign release, policy-controller, Kyverno and " +
    'containers/image read it and it needs nothing of the registry but tags; --format bundle stores a ' +
    'Sigstore bundle v0.3 as an OCI referrer instead (the referrers API, or its sha256-<hex> tag fallback). ' +
    'Several signers signing at once keep every signature. IMAGE is registry/repo[:tag|@digest] or ' +
    'oci:PATH[:TAG|@DIGEST]; KEYLESS_REPOSITORY stores signatures in another repository.',
  positionals: [
    { name: 'image', describe: 'The image: registry/repository[:tag|@digest], or oci:PATH[:TAG|@DIGEST]' },
  ],
  options,
  examples: [
    [
      '$0 sign ghcr.io/acme/app@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 -a env=prod',
      'Sign with public-good Sigstore and an annotation verifiers can require',
    ],
    [
      '$0 sign localhost:5000/app:1.0 --signing-config .keyless-dev/signing_config.json\n' +
        '--trusted-root .keyless-dev/trusted_root.json --identity-token "$(keyless dev token --subject me@example.com)"',
      'Sign an image in a local registry with the dev stack',
    ],
    [
      '$0 sign oci:./build/image:latest --format bundle',
      'Sign an image in an OCI layout, as a bundle referrer',
    ],
  ],
  epilog: `${IMAGE_EXIT_CODES_HELP}\n\nEnvironment:\n  KEYLESS_REPOSITORY   store signatures in this repository (registry/repo or oci:PATH) instead of beside the image`,
  run,
};
