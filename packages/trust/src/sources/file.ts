import { readFile } from 'node:fs/promises';
import type { TrustedRootJson, TrustRootSource } from '@keyless/core';
import { TrustError } from '../errors.js';
import { parseTrustedRootText } from '../trusted-root/check.js';

/**
 * A trust root source that reads a `trusted_root.json` file (what `--trusted-root FILE` selects).
 * The file is read on each call, so edits are picked up; errors name the path.
 *
 * @example
 * ```ts
 * const root = await fileTrustRoot('./trusted_root.json').getTrustedRoot();
 * ```
 */
export function fileTrustRoot(path: string): TrustRootSource {
  return { name: `file:${path}`, getTrustedRoot: () => readTrustedRootFile(path) };
}

/** Reads and checks one trusted root file; the shared reader of the file-based sources. */
export async function readTrustedRootFile(path: string): Promise<TrustedRootJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`;
    throw new TrustError('ERR_TRUSTED_ROOT_NOT_FOUND', `trusted root file ${path} ${why}`, { cause: err });
  }
  return parseTrustedRootText(text, `trusted root file ${path}`);
}
