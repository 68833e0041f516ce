import { resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { IMAGE_EXIT_CODES_HELP } from '../image/exit-codes.js';
import { openCliImage } from '../image/open-image.js';
import { REGISTRY_OPTIONS, registryFlags } from '../image/registry-options.js';
import { signingFlags } from '../signing/flags.js';
import { SIGNING_OPTIONS } from '../signing/options.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';
import { PREDICATE_OPTIONS, predicateTypeOf, readPredicateFile } from '../signing/predicate.js';

const options: OptionTable = {
  ...PREDICATE_OPTIONS,
  format: {
    type: 'string',
    choices: ['cosign', 'bundle'],
    default: 'cosign',
    describe:
      'cosign: a layer of the sha256-<hex>.att tag (default, as for signatures); bundle: a Sigstore bundle v0.3 referrer',
  },
  ...REGISTRY_OPTIONS,
  ...SIGNING_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  const registry = registryFlags(args);
  const type = await predicateTypeOf(stringValue(args, 'type')!);
  const predicate = readPredicateFile(resolve(context.cwd, stringValue(args, 'predicate')!));
  const format = stringValue(args, 'format') === 'bundle' ? 'bundle' : 'cosign';
  const oci = await import('@keyless/oci');
  const input = args.positionals[0]!;
  const image = await openCliImage(input, registry, context, 'pull,push');
  try {
    const target = await oci.resolveImage(image.store, image.lookup);
    if (!oci.isDigest(image.lookup)) {
      context.stderr(
        `keyless: warning: ${input} is a tag; attesting the digest it points to now, ${target.digest}.\n`,
      );
    }
    const { pipeline } = await createCliSigning(flags, context, (config) =>
      oci.signingConfigForFormat(config, format),
    );
    const result = await signingStep(() =>
      oci.attestImage(image.store, target.digest, pipeline, predicate, type, {
        format,
        ...(image.signatureStore ? { signatureStore: image.signatureStore } : {}),
      }),
    );
    context.stdout(
      [
        `Attested ${image.store.name}@${result.image.digest} (${type})`,
        `Stored:    ${result.stored.store} ${result.stored.location}`,
        `Identity:  ${result.signing.identity.subjectAlternativeName}`,
        `Issuer:    ${result.signing.identity.issuer}`,
        '',
      ].join('\n'),
    );
    return ExitCode.Ok;
  } finally {
    await image.close();
  }
}

/** `keyless attest IMAGE`: attests a container image with an in-toto statement. */
export const attestImageCommand: CommandSpec = {
  name: 'attest',
  summary: 'Attest a container image: sign an in-toto statement about it and store it beside it',
  description:
    'Signs an in-toto statement whose subject is IMAGE (resolved to its digest) and whose predicate is the ' +
    '--predicate file, of type --type, in a DSSE envelope; stores it as cosign does (a layer of the ' +
    'sha256-<hex>.att tag), or as a Sigstore bundle v0.3 referrer with --format bundle.',
  positionals: [
    { name: 'image', describe: 'The image: registry/repository[:tag|@digest], or oci:PATH[:TAG|@DIGEST]' },
  ],
  options,
  examples: [
    [
      '$0 attest ghcr.io/acme/app@sha256:9f86… --predicate provenance.json --type slsaprovenance1',
      'Attach SLSA provenance',
    ],
  ],
  epilog: IMAGE_EXIT_CODES_HELP,
  run,
};
