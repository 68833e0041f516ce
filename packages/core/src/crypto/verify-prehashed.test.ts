import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPrehashedSignature } from './verify-prehashed.js';

const message = Buffer.from('keyless prehashed verification');

describe('verifyPrehashedSignature', () => {
  for (const [curve, hash] of [
    ['P-256', 'sha256'],
    ['P-384', 'sha384'],
    ['P-521', 'sha512'],
  ] as const) {
    it(`accepts an ECDSA ${curve} signature over the ${hash} digest and rejects a tampered one`, () => {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const signature = sign(hash, message, privateKey);
      const digest = createHash(hash).update(message).digest();
      expect(verifyPrehashedSignature(publicKey, digest, signature, hash)).toBe(true);
      const otherDigest = createHash(hash).update('something else').digest();
      expect(verifyPrehashedSignature(publicKey, otherDigest, signature, hash)).toBe(false);
    });
  }

  it('accepts an RSA PKCS#1 v1.5 signature over a SHA-256 digest and rejects another digest', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = sign('sha256', message, privateKey);
    const digest = createHash('sha256').update(message).digest();
    expect(verifyPrehashedSignature(publicKey, digest, signature, 'sha256')).toBe(true);
    expect(verifyPrehashedSignature(publicKey, Buffer.alloc(32), signature, 'sha256')).toBe(false);
  });

  it('refuses Ed25519, which cannot sign a digest', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const digest = createHash('sha256').update(message).digest();
    expect(verifyPrehashedSignature(publicKey, digest, sign(null, digest, privateKey), 'sha256')).toBe(false);
  });

  it('returns false for a malformed signature', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(
      verifyPrehashedSignature(publicKey, Buffer.alloc(32), Buffer.from([0x30, 0x02, 0x01]), 'sha256'),
    ).toBe(false);
  });
});
