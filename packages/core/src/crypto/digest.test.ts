import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../bundle/types.js';
import { CoreError } from '../errors/keyless-error.js';
import { bytesEqual, digest, nodeHashName, sha256 } from './digest.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256 and digest', () => {
  it('match the FIPS 180 test vector for "abc"', () => {
    const abc = Buffer.from('abc');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(digest('SHA2_256', abc))).toBe(hex(sha256(abc)));
    expect(hex(digest('SHA2_384', abc))).toMatch(/^cb00753f45a35e8b/);
    expect(hex(digest('SHA2_512', abc))).toMatch(/^ddaf35a193617aba/);
    expect(hex(digest('SHA3_256', abc))).toMatch(/^3a985da74fe225b2/);
    expect(digest('SHA3_384', abc)).toHaveLength(48);
  });
});

describe('nodeHashName', () => {
  it('maps every protobuf-specs algorithm', () => {
    expect(nodeHashName('SHA2_256')).toBe('sha256');
    expect(nodeHashName('SHA3_384')).toBe('sha3-384');
  });

  it('refuses unknown names, inherited object properties included', () => {
    for (const name of ['MD5', 'toString', '__proto__', 'constructor']) {
      expect(() => nodeHashName(name as HashAlgorithm), name).toThrow(CoreError);
    }
  });
});

describe('bytesEqual', () => {
  it('compares length and contents', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
