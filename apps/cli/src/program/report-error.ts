import { KeylessError } from '@keyless/core';
import { VerificationError } from '@keyless/verify';
import { CliError } from '../errors.js';
import { ExitCode, exitCodeFor } from '../exit-codes.js';

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The line printed for a failure: `<program>: <message>`. Verification failures say so and carry
 * their stable code; bugs say how to learn more.
 */
export function describeError(error: unknown): string {
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (error instanceof VerificationError) return `verification failed: ${message} (${error.code})`;
  if (error instanceof CliError) return message;
  if (exitCodeFor(error) === ExitCode.Internal) {
    const kind = error instanceof KeylessError ? error.code : error instanceof Error ? error.name : 'error';
    return `internal error: ${message} (${kind}; run with --verbose for the stack trace)`;
  }
  if (error instanceof KeylessError) return `${message} (${error.code})`;
  return message;
}

/** The stack trace and the chain of causes, for `--verbose`. */
export function describeErrorVerbose(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const text = current instanceof Error ? (current.stack ?? current.message) : String(current);
    lines.push(depth === 0 ? text : `caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
