// Elliptic-curve arithmetic for the short-Weierstrass NIST curves (a = -3), in Jacobian
// coordinates with BigInt. Only public values pass through here (signature verification), so
// nothing needs to be constant-time.

export interface Curve {
  p: bigint;
  a: bigint;
  n: bigint;
  g: [bigint, bigint];
  bits: number;
}

export const CURVES: Record<string, Curve> = {
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

/** (X, Y, Z) with x = X/Z^2, y = Y/Z^3; Z = 0 is the point at infinity. */
export type Jacobian = [bigint, bigint, bigint];
/** An affine point (x, y). */
export type Affine = [bigint, bigint];

const INFINITY: Jacobian = [0n, 1n, 0n];

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

/** 2P, with the a = -3 shortcut (3M + 5S). */
export function double([x, y, z]: Jacobian, p: bigint): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const delta = (z * z) % p;
  const gamma = (y * y) % p;
  const beta = (x * gamma) % p;
  const alpha = (3n * (x - delta) * (x + delta)) % p;
  const x3 = mod(alpha * alpha - 8n * beta, p);
  const z3 = mod((y + z) * (y + z) - gamma - delta, p);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, p);
  return [x3, y3, z3];
}

/** P + Q for two Jacobian points. */
export function add(a: Jacobian, b: Jacobian, p: bigint): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = (a[2] * a[2]) % p;
  const z2z2 = (b[2] * b[2]) % p;
  const u1 = (a[0] * z2z2) % p;
  const u2 = (b[0] * z1z1) % p;
  const s1 = (a[1] * b[2] * z2z2) % p;
  const s2 = (b[1] * a[2] * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(a, p) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  return [x3, y3, (a[2] * b[2] * h) % p];
}

/** P + Q with Q affine (mixed addition, 7M + 4S). */
export function addAffine(a: Jacobian, [x2, y2]: Affine, p: bigint): Jacobian {
  if (a[2] === 0n) return [x2, y2, 1n];
  const z1z1 = (a[2] * a[2]) % p;
  const u2 = (x2 * z1z1) % p;
  const s2 = (y2 * a[2] * z1z1) % p;
  const h = mod(u2 - a[0], p);
  const r = mod(2n * (s2 - a[1]), p);
  if (h === 0n) return r === 0n ? double(a, p) : INFINITY;
  const hh = (h * h) % p;
  const i = 4n * hh;
  const j = (h * i) % p;
  const v = (a[0] * i) % p;
  const x3 = mod(r * r - j - 2n * v, p);
  const y3 = mod(r * (v - x3) - 2n * a[1] * j, p);
  const z3 = mod((a[2] + h) * (a[2] + h) - z1z1 - hh, p);
  return [x3, y3, z3];
}

export function toAffine([x, y, z]: Jacobian, p: bigint): Affine {
  const zInv = modInverse(z, p);
  const zInv2 = (zInv * zInv) % p;
  return [(x * zInv2) % p, (y * zInv2 * zInv) % p];
}

const WINDOW = 4;
const fixedBaseTables = new Map<Curve, Affine[][]>();

/**
 * table[i][d - 1] = d * 16^i * G, affine: built once per curve, so that k*G costs one mixed
 * addition per 4-bit window of k and no doublings.
 */
function fixedBaseTable(curve: Curve): Affine[][] {
  let table = fixedBaseTables.get(curve);
  if (!table) {
    table = [];
    let base: Jacobian = [curve.g[0], curve.g[1], 1n];
    for (let i = 0; i * WINDOW < curve.bits; i++) {
      const row: Affine[] = [];
      let multiple = base;
      for (let d = 1; d < 1 << WINDOW; d++) {
        row.push(toAffine(multiple, curve.p));
        multiple = add(multiple, base, curve.p);
      }
      table.push(row);
      base = multiple; // 16 * base
    }
    fixedBaseTables.set(curve, table);
  }
  return table;
}

/** k * G with the curve's fixed-base table. */
export function multiplyBase(k: bigint, curve: Curve): Jacobian {
  const table = fixedBaseTable(curve);
  let result = INFINITY;
  for (let i = 0; k > 0n; i++, k >>= 4n) {
    const digit = Number(k & 15n);
    if (digit !== 0) result = addAffine(result, table[i]![digit - 1]!, curve.p);
  }
  return result;
}

/** k * Q with a 4-bit fixed window. */
export function multiply(q: Jacobian, k: bigint, p: bigint): Jacobian {
  const multiples: Jacobian[] = [q];
  for (let d = 2; d < 16; d++) multiples.push(add(multiples[d - 2]!, q, p));
  const hex = k.toString(16);
  let result = INFINITY;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) for (let j = 0; j < 4; j++) result = double(result, p);
    const digit = Number.parseInt(hex[i]!, 16);
    if (digit !== 0) result = add(result, multiples[digit - 1]!, p);
  }
  return result;
}
