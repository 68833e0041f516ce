import { readFile } from 'node:fs/promises';
import { parseSigningConfig, type SigningConfig } from '@keyless/core';
import { reasonOf, SigningError } from '../errors.js';

/** Signing configs are a few kilobytes; anything far larger is not one. */
const MAX_SIGNING_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and parses a `signing_config.json` (v0.2). Every failure (missing file, not JSON, not a
 * signing config) is a `SigningError` (`ERR_SIGNING_CONFIG`) naming the path.
 *
 * @example
 * ```ts
 * const config = await readSigningConfigFile('.keyless-dev/signing_config.json');
 * ```
 */
export async function readSigningConfigFile(path: string): Promise<SigningConfig> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_SIGNING_CONFIG_BYTES)
      throw new Error(`larger than ${MAX_SIGNING_CONFIG_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? reasonOf(cause)})`;
    throw new SigningError('ERR_SIGNING_CONFIG', `signing config ${path} ${why}`, { cause });
  }
  try {
    return parseSigningConfig(JSON.parse(text));
  } catch (cause) {
    throw new SigningError('ERR_SIGNING_CONFIG', `signing config ${path} is invalid: ${reasonOf(cause)}`, {
      cause,
    });
  }
}
