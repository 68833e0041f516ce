import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DevStackError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** File name, in the issuer's folder, of the secret that guards the development token endpoint. */
export const DEV_SECRET_FILE = 'dev-secret';

/** Reads `dir/dev-secret`, creating a random one (mode 0600) on first use. */
export async function loadOrCreateDevSecret(dir: string): Promise<string> {
  const path = join(dir, DEV_SECRET_FILE);
  const existing = await readDevSecret(path);
  if (existing !== undefined) return existing;
  const secret = randomBytes(32).toString('base64url');
  await writeFileAtomic(path, `${secret}\n`, 0o600);
  return secret;
}

/** The secret stored at `path`, or `undefined` if there is none. */
export async function readDevSecret(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DevStackError('ERR_DEV_STACK_STATE', `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const secret = text.trim();
  if (secret.length < 16) {
    throw new DevStackError(
      'ERR_DEV_STACK_STATE',
      `${path} is too short to be a secret; delete it to start afresh`,
    );
  }
  return secret;
}

/** Compares a presented secret with the stored one in constant time. */
export function secretMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
