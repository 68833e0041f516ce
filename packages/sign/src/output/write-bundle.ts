import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BundleJson } from '@keyless/core';
import { SigningError } from '../errors.js';

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Writes a bundle as JSON to `path` all at once or not at all: the text goes to a temporary file
 * beside it, is flushed to disk, and is then renamed over `path`. If anything fails, the temporary
 * file is removed and `path` is left as it was. Throws `SigningError` (`ERR_BUNDLE_WRITE`).
 *
 * @example
 * ```ts
 * const { bundle } = await pipeline.signBlob(bytes);
 * await writeBundleAtomically('app.tgz.sigstore.json', bundle);
 * ```
 */
export async function writeBundleAtomically(path: string, bundle: BundleJson): Promise<void> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const text = `${JSON.stringify(bundle)}\n`;
  let created = false;
  try {
    const file = await open(temporary, 'wx', 0o644);
    created = true;
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (cause) {
    if (created) await rm(temporary, { force: true }).catch(() => undefined);
    throw new SigningError('ERR_BUNDLE_WRITE', `cannot write the bundle to ${target}: ${describe(cause)}`, {
      cause,
    });
  }
}
