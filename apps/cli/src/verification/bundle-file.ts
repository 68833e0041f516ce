import { VerificationError } from '@keyless/verify';
import { MAX_BUNDLE_BYTES, readInputFile } from './read-input-file.js';

/**
 * Reads a bundle file as JSON. A file that is not JSON is a bundle that fails verification
 * (`ERR_BUNDLE_INVALID`, exit code 1), like any other malformed bundle; a missing file is an
 * input error (exit code 3).
 */
export function readBundleFile(path: string): unknown {
  let text = readInputFile(path, 'bundle', MAX_BUNDLE_BYTES).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VerificationError('ERR_BUNDLE_INVALID', `bundle ${path} is not valid JSON: ${reason}`, {
      cause,
    });
  }
}
