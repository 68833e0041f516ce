import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecSpkiToJwk } from './ec-spki.js';
import { importSpki } from './keys.js';

describe('EC SubjectPublicKeyInfo fast import', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
    it(`imports a ${curve} key to the same key as the DER import`, () => {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const der = publicKey.export({ format: 'der', type: 'spki' });
      expect(ecSpkiToJwk(der)?.crv).toBe(curve);
      const viaDer = createPublicKey({ key: der, format: 'der', type: 'spki' });
      expect(importSpki(der).equals(viaDer)).toBe(true);
    });
  }

  it('leaves RSA and Ed25519 keys to the generic import', () => {
    for (const key of [
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      generateKeyPairSync('ed25519').publicKey,
    ]) {
      const der = key.export({ format: 'der', type: 'spki' });
      expect(ecSpkiToJwk(der)).toBeUndefined();
      expect(importSpki(der).equals(key)).toBe(true);
    }
  });

  it('refuses a point that is not on the curve', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = Buffer.from(publicKey.export({ format: 'der', type: 'spki' }));
    der[der.length - 1] = der[der.length - 1]! ^ 0x01;
    expect(() => importSpki(der)).toThrow(/SubjectPublicKeyInfo/);
  });
});
