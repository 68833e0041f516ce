import { basename, resolve } from 'node:path';
import { stringValue } from '../args/parse.js';
import type { CommandSpec, OptionTable, ParsedArgs } from '../args/spec.js';
import type { CliContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { checkBundleTarget } from '../signing/bundle-target.js';
import { signingFlags } from '../signing/flags.js';
import { SIGNING_EXIT_CODES_HELP, SIGNING_OPTIONS } from '../signing/options.js';
import { createCliSigning, signingStep } from '../signing/pipeline.js';
import { formatSigningSummary } from '../signing/summary.js';
import { MAX_ARTIFACT_BYTES, MAX_BUNDLE_BYTES, readInputFile } from '../verification/read-input-file.js';

/** Short names for common predicate types, as other Sigstore tools accept them. */
const PREDICATE_TYPES: Readonly<Record<string, string>> = {
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  custom: 'https://cosign.sigstore.dev/attestation/v1',
};

const options: OptionTable = {
  predicate: {
    type: 'string',
    required: true,
    describe: 'The predicate: a JSON file holding one JSON object',
  },
  type: {
    type: 'string',
    required: true,
    describe: `The predicate type: a URI, or one of ${Object.keys(PREDICATE_TYPES).join(', ')}`,
  },
  bundle: { type: 'string', required: true, describe: 'Where to write the Sigstore bundle (.sigstore.json)' },
  ...SIGNING_OPTIONS,
};

function predicateType(value: string): string {
  const known = PREDICATE_TYPES[value];
  if (known) return known;
  if (!URL.canParse(value)) {
    throw usageError(
      `--type must be a URI or one of ${Object.keys(PREDICATE_TYPES).join(', ')}, got "${value}"`,
    );
  }
  return value;
}

function readPredicate(path: string): unknown {
  const text = readInputFile(path, 'predicate', MAX_BUNDLE_BYTES).toString('utf8');
  let predicate: unknown;
  try {
    predicate = JSON.parse(text);
  } catch (cause) {
    throw new CliError('ERR_INPUT_UNREADABLE', `predicate ${path} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new CliError('ERR_INPUT_UNREADABLE', `predicate ${path} must hold a JSON object`);
  }
  return predicate;
}

async function run(args: ParsedArgs, context: CliContext): Promise<number> {
  const flags = signingFlags(args, context.cwd);
  const type = predicateType(stringValue(args, 'type')!);
  const file = resolve(context.cwd, args.positionals[0]!);
  const bundlePath = resolve(context.cwd, stringValue(args, 'bundle')!);
  const bytes = readInputFile(file, 'artifact', MAX_ARTIFACT_BYTES);
  const predicate = readPredicate(resolve(context.cwd, stringValue(args, 'predicate')!));
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
