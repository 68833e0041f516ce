import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEphemeralSigner } from './ephemeral.js';

describe('createEphemeralSigner', () => {
  it('signs with ECDSA P-256 and SHA-256, verifiable with its SPKI public key', async () => {
    const signer = createEphemeralSigner();
    const data = new TextEncoder().encode('payload');
    const key = createPublicKey({ key: Buffer.from(signer.publicKey), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(verify('sha256', data, key, await signer.sign(data))).toBe(true);
  });

  it('holds a new key each time', () => {
    expect(Buffer.from(createEphemeralSigner().publicKey)).not.toEqual(
      Buffer.from(createEphemeralSigner().publicKey),
    );
  });

  it('exposes nothing but its name, public key and sign method', () => {
    expect(Object.keys(createEphemeralSigner()).sort()).toEqual(['name', 'publicKey', 'sign']);
  });
});
