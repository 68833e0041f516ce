import { basename, resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { checkBundleTarget } from '../signing/bundle-target.js';
import { signingFlags } from '../signing/flags.js';
import { SIGNING_EXIT_CODES_HELP, SIGNING_OPTIONS } from '../signing/options.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';
import { PREDICATE_OPTIONS, predicateTypeOf, readPredicateFile } from '../signing/predicate.js';
import { formatSigningSummary } from '../signing/summary.js';
import { MAX_ARTIFACT_BYTES, readInputFile } from '../verification/read-input-file.js';

const options: OptionTable = {
  ...PREDICATE_OPTIONS,
  bundle: { type: 'string', required: true, describe: 'Where to write the Sigstore bundle (.sigstore.json)' },
  ...SIGNING_OPTIONS,
};

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  const type = await predicateTypeOf(stringValue(args, 'type')!);
  const file = resolve(context.cwd, args.positionals[0]!);
  const bundlePath = resolve(context.cwd, stringValue(args, 'bundle')!);
  const bytes = readInputFile(file, 'artifact', MAX_ARTIFACT_BYTES);
  const predicate = readPredicateFile(resolve(context.cwd, stringValue(args, 'predicate')!));
  await checkBundleTarget(bundlePath);
  const { pipeline } = await createCliSigning(flags, context);
  const result = await signingStep(() =>
    pipeline.attestBlob({ name: basename(file), bytes }, predicate, type),
  );
  const { writeBundleAtomically } = await import('@keyless/sign');
  await signingStep(() => writeBundleAtomically(bundlePath, result.bundle));
  context.stdout(formatSigningSummary(`Attested ${args.positionals[0]} (${type})`, bundlePath, result));
  return ExitCode.Ok;
}

/** `keyless attest-blob`: signs an in-toto attestation about a file into a Sigstore bundle. */
export const attestBlobCommand: CommandSpec = {
  name: 'attest-blob',
  summary: 'Attest a file: an in-toto statement about it, signed in a Sigstore bundle',
  description:
    'Builds an in-toto Statement v1 whose subject is FILE (its name and SHA-256) and whose predicate is ' +
    'the JSON object in --predicate, of type --type; signs it in a DSSE envelope as sign-blob signs a file, ' +
    'and writes the bundle. Verify it with "keyless verify-blob FILE --bundle ...".',
  positionals: [{ name: 'file', describe: 'The file the attestation is about' }],
  options,
  examples: [
    [
      '$0 attest-blob app.tgz --predicate provenance.json --type slsaprovenance1\n--bundle app.tgz.intoto.sigstore.json',
      'Attest SLSA provenance for a file',
    ],
  ],
  epilog: SIGNING_EXIT_CODES_HELP,
  run,
};
