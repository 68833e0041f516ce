import { generateKeyPairSync } from 'node:crypto';
import { readRealdata } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { decodePem } from '../encoding/pem.js';
import { CoreError } from '../errors/keyless-error.js';
import { defaultHashForKey, hashForKeyDetails, importPublicKeyPem, importSpki } from './keys.js';

const REKOR_PEM = readRealdata('rekor/keys/rekor-production.pub').toString('utf8');

describe('importSpki and importPublicKeyPem', () => {
  it('import the real Rekor key from DER and from PEM to the same key', () => {
    const fromDer = importSpki(decodePem(REKOR_PEM, 'PUBLIC KEY'));
    const fromPem = importPublicKeyPem(REKOR_PEM);
    expect(fromDer.asymmetricKeyType).toBe('ec');
    expect(fromDer.equals(fromPem)).toBe(true);
  });

  it('refuse bytes that are not a SubjectPublicKeyInfo with ERR_UNSUPPORTED_ALGORITHM', () => {
    expect(() => importSpki(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(CoreError);
    try {
      importPublicKeyPem('not a key');
    } catch (error) {
      expect((error as CoreError).code).toBe('ERR_UNSUPPORTED_ALGORITHM');
    }
  });
});

describe('defaultHashForKey', () => {
  it('follows the curve size for ECDSA, SHA-256 for RSA and none for Ed25519', () => {
    expect(defaultHashForKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toBe('sha256');
    expect(defaultHashForKey(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey)).toBe('sha384');
    expect(defaultHashForKey(generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey)).toBe('sha512');
    expect(defaultHashForKey(generateKeyPairSync('ed25519').publicKey)).toBeNull();
    expect(defaultHashForKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)).toBe('sha256');
  });
});

describe('hashForKeyDetails', () => {
  it('maps protobuf-specs PublicKeyDetails to the hash the key signs with', () => {
    expect(hashForKeyDetails('PKIX_ECDSA_P256_SHA_256')).toBe('sha256');
    expect(hashForKeyDetails('PKIX_ECDSA_P384_SHA_384')).toBe('sha384');
    expect(hashForKeyDetails('PKIX_ECDSA_P521_SHA_512')).toBe('sha512');
    expect(hashForKeyDetails('PKIX_RSA_PKCS1V15_3072_SHA256')).toBe('sha256');
    expect(hashForKeyDetails('PKIX_RSA_PKCS1V15_4096_SHA256')).toBe('sha256');
    expect(hashForKeyDetails('PKCS1_RSA_PKCS1V5')).toBe('sha256');
    expect(hashForKeyDetails('PKIX_ED25519')).toBeNull();
  });

  it('gives Ed25519ph its SHA-512 prehash', () => {
    expect(hashForKeyDetails('PKIX_ED25519_PH')).toBe('sha512');
  });
});
