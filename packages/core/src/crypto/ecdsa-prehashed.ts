import type { KeyObject } from 'node:crypto';
import { DerReader, decodeInteger, parseDer, Tag } from '../asn1/der.js';

// Node's one-shot verify always hashes its input, so a signature over a digest that is all we have
// (`verify-blob sha256:...`) is checked here with the textbook ECDSA equations. This path is for
// one-off CLI checks; bundle verification with the artifact bytes uses OpenSSL.

interface Curve {
  p: bigint;
  a: bigint;
  n: bigint;
  g: [bigint, bigint];
  bits: number;
}

const CURVES: Record<string, Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    g: [
      0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
      0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    ],
    bits: 256,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    g: [
      0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
      0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    ],
    bits: 384,
  },
  'P-521': {
    p: (1n << 521n) - 1n,
    a: (1n << 521n) - 4n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    g: [
      0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
      0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    ],
    bits: 521,
  },
};

type Jacobian = [bigint, bigint, bigint];

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function double(point: Jacobian, c: Curve): Jacobian {
  const [x, y, z] = point;
  if (y === 0n || z === 0n) return [0n, 1n, 0n];
  const { p } = c;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  const z3 = mod(2n * y * z, p);
  return [x3, y3, z3];
}

function add(a: Jacobian, b: Jacobian, c: Curve): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const { p } = c;
  const z1z1 = mod(a[2] * a[2], p);
  const z2z2 = mod(b[2] * b[2], p);
  const u1 = mod(a[0] * z2z2, p);
  const u2 = mod(b[0] * z1z1, p);
  const s1 = mod(a[1] * b[2] * z2z2, p);
  const s2 = mod(b[1] * a[2] * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(a, c) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = mod(a[2] * b[2] * h, p);
  return [x3, y3, z3];
}

/** u1*G + u2*Q in one pass over the bits (Shamir's trick). */
function multiplyAdd(g: Jacobian, u1: bigint, q: Jacobian, u2: bigint, c: Curve): Jacobian {
  const sum = add(g, q, c);
  const bits1 = u1.toString(2);
  const bits2 = u2.toString(2);
  const length = Math.max(bits1.length, bits2.length);
  const a = bits1.padStart(length, '0');
  const b = bits2.padStart(length, '0');
  let result: Jacobian = [0n, 1n, 0n];
  for (let i = 0; i < length; i++) {
    result = double(result, c);
    const bit1 = a.charCodeAt(i) === 49;
    const bit2 = b.charCodeAt(i) === 49;
    if (bit1 && bit2) result = add(result, sum, c);
    else if (bit1) result = add(result, g, c);
    else if (bit2) result = add(result, q, c);
  }
  return result;
}

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
    const sum = multiplyAdd([curve.g[0], curve.g[1], 1n], u1, q, u2, curve);
    if (sum[2] === 0n) return false;
    const zInv = modInverse(sum[2], curve.p);
    const x = mod(sum[0] * zInv * zInv, curve.p);
    return mod(x, curve.n) === r;
  } catch {
    return false;
  }
}
