import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from './verify-signature.js';

const data = Buffer.from('keyless signature test');

function flip(signature: Uint8Array, index = 10): Uint8Array {
  const copy = Uint8Array.from(signature);
  copy[index]! ^= 0x01;
  return copy;
}

describe('verifySignature', () => {
  it('verifies a DER ECDSA P-256 signature and refuses a tampered one or other data', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = sign('sha256', data, privateKey);
    expect(verifySignature(publicKey, data, signature, { hash: 'sha256' })).toBe(true);
    expect(verifySignature(publicKey, data, flip(signature), { hash: 'sha256' })).toBe(false);
    expect(verifySignature(publicKey, Buffer.from('other'), signature, { hash: 'sha256' })).toBe(false);
  });

  it('verifies Ed25519 with no hash', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, data, privateKey);
    expect(verifySignature(publicKey, data, signature, { hash: null })).toBe(true);
    expect(verifySignature(publicKey, data, flip(signature), { hash: null })).toBe(false);
  });

  it('verifies RSA PKCS#1 v1.5 and RSA-PSS', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = sign('sha256', data, privateKey);
    const pss = sign('sha256', data, {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    expect(verifySignature(publicKey, data, pkcs1, { hash: 'sha256' })).toBe(true);
    expect(verifySignature(publicKey, data, pss, { hash: 'sha256', padding: 'pss' })).toBe(true);
    expect(verifySignature(publicKey, data, pss, { hash: 'sha256' })).toBe(false);
  });

  it('returns false instead of throwing for garbage signatures and mismatched options', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(verifySignature(publicKey, data, Uint8Array.of(1, 2, 3), { hash: null })).toBe(false);
    expect(verifySignature(publicKey, data, new Uint8Array(64), { hash: 'sha256' })).toBe(false);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(verifySignature(ec, data, Uint8Array.of(0x30, 0x00), { hash: 'sha256' })).toBe(false);
  });
});
