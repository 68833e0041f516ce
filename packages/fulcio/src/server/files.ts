import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Creates the service folder (owner-only) when it is missing. */
export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** The file's text, or `undefined` when it does not exist. */
export function readTextIfExists(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Writes a file in one step (temporary file, then rename), so that a crash never leaves half a key
 * behind. `mode` 0o600 is for private keys; chmod runs too, since `writeFileSync` honours the umask.
 */
export function writeFileAtomic(dir: string, name: string, text: string, mode: 0o600 | 0o644): void {
  const path = join(dir, name);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode, flag: 'wx' });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}
