import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURVES, type Jacobian, multiply, multiplyBase, toAffine } from './ec-arithmetic.js';

function randomScalar(n: bigint): bigint {
  return (BigInt(`0x${randomBytes(72).toString('hex')}`) % (n - 1n)) + 1n;
}

describe('elliptic-curve arithmetic', () => {
  for (const [name, curve] of Object.entries(CURVES)) {
    const g: Jacobian = [curve.g[0], curve.g[1], 1n];

    it(`${name}: the fixed-base table gives the same k*G as the generic multiplication`, () => {
      for (let i = 0; i < 5; i++) {
        const k = randomScalar(curve.n);
        expect(toAffine(multiplyBase(k, curve), curve.p)).toEqual(toAffine(multiply(g, k, curve.p), curve.p));
      }
    });

    it(`${name}: n*G is the point at infinity`, () => {
      expect(multiplyBase(curve.n, curve)[2]).toBe(0n);
    });

    it(`${name}: a private key times G is the public key OpenSSL derives`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: name });
      const d = BigInt(
        `0x${Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url').toString('hex')}`,
      );
      const jwk = publicKey.export({ format: 'jwk' });
      const [x, y] = toAffine(multiplyBase(d, curve), curve.p);
      expect(x).toBe(BigInt(`0x${Buffer.from(jwk.x!, 'base64url').toString('hex')}`));
      expect(y).toBe(BigInt(`0x${Buffer.from(jwk.y!, 'base64url').toString('hex')}`));
    });
  }
});
