import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { DEFAULT_MAX_BUNDLE_BYTES } from '@keyless/core';
import { CliError } from '../errors.js';

/** Largest file Node reads into one buffer (2 GiB - 1); larger artifacts are verified by digest. */
export const MAX_ARTIFACT_BYTES = 2 ** 31 - 1;
/** Bundles carry at most an attestation or two: the limit `@keyless/core` applies to bundle text. */
export const MAX_BUNDLE_BYTES = DEFAULT_MAX_BUNDLE_BYTES;
/** A PEM public key is a few hundred bytes. */
export const MAX_KEY_BYTES = 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

function openError(err: unknown, what: string, path: string): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new CliError('ERR_INPUT_NOT_FOUND', `${what} ${path} does not exist`, { cause: err });
  }
  const reason =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
  return new CliError('ERR_INPUT_UNREADABLE', `cannot read ${what} ${path} (${reason})`, { cause: err });
}

/**
 * Reads one input file whole, refusing directories and files over `maxBytes` before reading them.
 * Failures are `CliError`s whose message names `what` and the path (exit code 3).
 *
 * @example
 * ```ts
 * const bytes = readInputFile('/tmp/a.sigstore.json', 'bundle', MAX_BUNDLE_BYTES);
 * ```
 */
export function readInputFile(path: string, what: string, maxBytes: number, tooLargeHint = ''): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw openError(err, what, path);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory())
      throw new CliError('ERR_INPUT_UNREADABLE', `${what} ${path} is a directory, not a file`);
    if (stat.size > maxBytes) {
      throw new CliError(
        'ERR_INPUT_TOO_LARGE',
        `${what} ${path} is too large (${formatBytes(stat.size)}, the limit is ${formatBytes(maxBytes)})${tooLargeHint}`,
      );
    }
    return readFileSync(fd);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw openError(err, what, path);
  } finally {
    closeSync(fd);
  }
}
