import type { ProgramSpec } from '../args/spec.js';
import { attestBlobCommand } from '../commands/attest-blob.js';
import { attestImageCommand } from '../commands/attest-image.js';
import { devCommand } from '../commands/dev.js';
import { signBlobCommand } from '../commands/sign-blob.js';
import { signImageCommand } from '../commands/sign-image.js';
import { tokenCommand } from '../commands/token.js';
import { treeCommand } from '../commands/tree.js';
import { verifyAttestationCommand } from '../commands/verify-attestation.js';
import { verifyBlobCommand } from '../commands/verify-blob.js';
import { verifyImageCommand } from '../commands/verify-image.js';
import { processContext } from '../context.js';
import { EXIT_CODES_HELP } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { runProgram } from './run-program.js';

/** The `keyless` program. */
export const keylessProgram: ProgramSpec = {
  name: 'keyless',
  version: VERSION,
  summary: 'Sign and verify software with Sigstore, without long-lived keys.',
  commands: [
    signBlobCommand,
    attestBlobCommand,
    verifyBlobCommand,
    signImageCommand,
    verifyImageCommand,
    attestImageCommand,
    verifyAttestationCommand,
    treeCommand,
    tokenCommand,
    devCommand,
  ],
  epilog: [
    EXIT_CODES_HELP,
    '',
    'Environment:',
    '  KEYLESS_OFFLINE=1    same as --offline',
    '  KEYLESS_CACHE_DIR    where TUF metadata is cached (default ~/.cache/keyless)',
    '  KEYLESS_TUF_MIRROR   a mirror of the public-good TUF repository (default https://tuf-repo-cdn.sigstore.dev)',
  ].join('\n'),
};

/**
 * Runs `keyless` with `argv` (the arguments after the program name) in this process and resolves
 * to the exit code.
 */
export function runKeyless(
  argv: readonly string[] = process.argv.slice(2),
  context = processContext(),
): Promise<number> {
  return runProgram(keylessProgram, argv, context);
}
