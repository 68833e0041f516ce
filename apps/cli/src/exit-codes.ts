import { CoreError } from '@keyless/core';
import { SigningError } from '@keyless/sign/errors';
import { TrustError } from '@keyless/trust';
import { VerificationError } from '@keyless/verify';
import { CliError } from './errors.js';
import { imageExitCode } from './image/exit-codes.js';

/** The process exit codes of `keyless` and `keyless-conformance`; stable and documented. */
export const ExitCode = {
  /** The bundle verified (or help or the version was printed). */
  Ok: 0,
  /** Verification failed: the bundle, signature, log entry, certificate or identity did not check out. */
  VerificationFailed: 1,
  /** The command line is wrong (unknown option, missing flag, conflicting flags). */
  Usage: 2,
  /** An input file is missing, unreadable or too large. */
  Input: 3,
  /** The trusted root could not be obtained (TUF repository unreachable, trusted root file missing or invalid). */
  TrustRoot: 4,
  /** Signing failed: the identity provider, CA, transparency log or TSA failed, or what it returned did not check out. */
  SigningFailed: 5,
  /** Image commands: the image has no signatures (or attestations of the type asked for). */
  NoSignatures: 6,
  /** Image commands: the image (tag, digest or repository) does not exist. */
  ImageNotFound: 7,
  /** Image commands: the registry failed or refused (login, permissions, network, broken answer). */
  Registry: 8,
  /** A bug: an error nothing above explains. */
  Internal: 70,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per exit code, for `--help` and the README. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0   verified',
  '  1   verification failed',
  '  2   usage error (unknown or missing flags)',
  '  3   input error (file missing, unreadable or too large)',
  '  4   trust root unavailable (TUF repository unreachable, bad --trusted-root)',
  '  5   signing failed: a signing service failed (the message names it); nothing was written',
  '  6   image commands: the image has no signatures',
  '  7   image commands: image not found',
  '  8   image commands: registry error (login refused, access denied, unreachable)',
  '  70  internal error',
].join('\n');

/**
 * The exit code a failure maps to: every `VerificationError` is a failed verification (1), every
 * `TrustError` an unavailable trust root (4); errors of the command line itself are usage (2) or
 * input (3) errors; anything else is a bug (70).
 */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof VerificationError) return ExitCode.VerificationFailed;
  if (error instanceof TrustError) return ExitCode.TrustRoot;
  if (error instanceof SigningError) return ExitCode.SigningFailed;
  const image = imageExitCode(error);
  if (image !== undefined) return image as ExitCodeValue;
  if (error instanceof CliError) {
    if (error.code === 'ERR_USAGE' || error.code === 'ERR_NOT_SUPPORTED') return ExitCode.Usage;
    return ExitCode.Input;
  }
  if (error instanceof CoreError) {
    if (error.code === 'ERR_INPUT_TOO_LARGE') return ExitCode.Input;
    // The trust sources fetch through core's HTTP layer; a failure there means no trusted root.
    if (error.code === 'ERR_HTTP' || error.code === 'ERR_HTTP_INSECURE') return ExitCode.TrustRoot;
    if (error.code === 'ERR_TRUSTED_ROOT_INVALID') return ExitCode.TrustRoot;
  }
  return ExitCode.Internal;
}
