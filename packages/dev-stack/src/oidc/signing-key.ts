import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { DevStackError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';

/** The issuer's ID-token signing key: the private JWK (for oidc-provider) and the same key as a KeyObject. */
export interface IssuerSigningKey {
  /** Private RSA JWK with `kid`, `alg: RS256` and `use: sig`. */
  jwk: JWK & { kid: string };
  key: KeyObject;
}

/** File name, in the issuer's folder, of the private JWK set. */
export const SIGNING_KEY_FILE = 'signing-key.json';

/**
 * Loads the issuer's RS256 signing key from `dir/signing-key.json`, creating it (mode 0600) on
 * first use, so that tokens minted before a restart still verify after it.
 */
export async function loadOrCreateSigningKey(dir: string): Promise<IssuerSigningKey> {
  const path = join(dir, SIGNING_KEY_FILE);
  const stored = await readJsonIfExists(path);
  if (stored !== undefined) return fromJwks(stored, path);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  const jwk = { ...exported, kid, alg: 'RS256', use: 'sig' };
  await writeJsonAtomic(path, { keys: [jwk] }, 0o600);
  return { jwk, key: privateKey };
}

function fromJwks(stored: unknown, path: string): IssuerSigningKey {
  const jwk = (stored as { keys?: unknown[] } | null)?.keys?.[0] as (JWK & { kid?: unknown }) | undefined;
  if (jwk?.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') {
    throw new DevStackError(
      'ERR_DEV_STACK_STATE',
      `${path} does not hold an RSA private JWK; delete it to start afresh`,
    );
  }
  try {
    const key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    return { jwk: jwk as JWK & { kid: string }, key };
  } catch (cause) {
    throw new DevStackError(
      'ERR_DEV_STACK_STATE',
      `${path} holds an unusable key; delete it to start afresh`,
      {
        cause,
      },
    );
  }
}

/** The public half of a JWK (what `jwks_uri` serves). */
export function publicJwk(jwk: JWK & { kid: string }): JWK & { kid: string } {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use } as JWK & { kid: string };
}
