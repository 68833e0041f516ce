import type { ProgramSpec } from '../args/spec.js';
import { processContext } from '../context.js';
import { EXIT_CODES_HELP } from '../exit-codes.js';
import { runProgram } from '../program/run-program.js';
import { VERSION } from '../version.js';
import { signBundleCommand } from './sign-bundle.js';
import { verifyBundleCommand } from './verify-bundle.js';

/** `keyless-conformance`: the entrypoint the Sigstore conformance suite drives. */
export const conformanceProgram: ProgramSpec = {
  name: 'keyless-conformance',
  version: VERSION,
  summary: 'Keyless behind the Sigstore conformance CLI protocol.',
  commands: [verifyBundleCommand, signBundleCommand],
  epilog: `${EXIT_CODES_HELP}\n\nKEYLESS_OFFLINE=1 keeps the public-good trusted root off the network (embedded or cached copy).`,
};

/** Runs `keyless-conformance` with `argv` and resolves to the exit code. */
export function runConformance(
  argv: readonly string[] = process.argv.slice(2),
  context = processContext(),
): Promise<number> {
  return runProgram(conformanceProgram, argv, context);
}
