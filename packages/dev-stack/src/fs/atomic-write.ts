import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one, never
 * half of it: the bytes go to a temporary file in the same directory, which is then renamed over
 * the target (rename is atomic within a file system).
 *
 * @example
 * ```ts
 * await writeFileAtomic('dir/trusted_root.json', JSON.stringify(root, null, 2));
 * await writeFileAtomic('dir/oidc/dev-secret', secret, 0o600);
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { mode, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a JSON document atomically, pretty-printed, with a final newline. */
export function writeJsonAtomic(path: string, value: unknown, mode = 0o644): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}
