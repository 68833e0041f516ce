import type { KeyObject } from 'node:crypto';
import { DerReader, decodeInteger, parseDer, Tag } from '../asn1/der.js';
import {
  add,
  CURVES,
  type Curve,
  type Jacobian,
  mod,
  modInverse,
  multiply,
  multiplyBase,
} from './ec-arithmetic.js';

// Node's one-shot verify always hashes its input, so a signature over a digest that is all we have
// is checked here with the ECDSA equations: `verify-blob sha256:...`, and the local Rekor log,
// which checks hashedrekord signatures over digests. Bundle verification with the artifact bytes
// uses OpenSSL.

const publicPoints = new WeakMap<KeyObject, { curve: Curve; q: Jacobian } | null>();

function publicPoint(key: KeyObject): { curve: Curve; q: Jacobian } | null {
  let point = publicPoints.get(key);
  if (point === undefined) {
    const jwk = key.export({ format: 'jwk' });
    const curve = jwk.crv ? CURVES[jwk.crv] : undefined;
    point =
      curve && jwk.x && jwk.y
        ? {
            curve,
            q: [
              bytesToBigInt(Buffer.from(jwk.x, 'base64url')),
              bytesToBigInt(Buffer.from(jwk.y, 'base64url')),
              1n,
            ],
          }
        : null;
    publicPoints.set(key, point);
  }
  return point;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/**
 * Verifies an ECDSA (X9.62 DER) signature over a message digest, for P-256, P-384 and P-521 keys.
 * Returns false for any malformed input.
 */
export function verifyEcdsaPrehashed(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  try {
    const point = publicPoint(key);
    if (!point) return false;
    const { curve, q } = point;
    const reader = new DerReader(parseDer(signature), 'ECDSA signature');
    const r = decodeInteger(reader.next(Tag.INTEGER).value);
    const s = decodeInteger(reader.next(Tag.INTEGER).value);
    reader.end();
    if (r <= 0n || s <= 0n || r >= curve.n || s >= curve.n) return false;
    let e = bytesToBigInt(digest);
    const excess = digest.length * 8 - curve.bits;
    if (excess > 0) e >>= BigInt(excess);
    const w = modInverse(s, curve.n);
    const u1 = mod(e * w, curve.n);
    const u2 = mod(r * w, curve.n);
    const sum = add(multiplyBase(u1, curve), multiply(q, u2, curve.p), curve.p);
    if (sum[2] === 0n) return false;
    const zInv = modInverse(sum[2], curve.p);
    const x = mod(sum[0] * zInv * zInv, curve.p);
    return mod(x, curve.n) === r;
  } catch {
    return false;
  }
}
