import { toHex } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { sctSignedData } from './signed-data.js';
import type { SignedCertificateTimestamp } from './types.js';

const sct: SignedCertificateTimestamp = {
  version: 0,
  logId: new Uint8Array(32),
  timestamp: 0x0001_0203_0405_0607,
  extensions: Uint8Array.of(0xe1, 0xe2),
  hashAlgorithm: 4,
  signatureAlgorithm: 3,
  signature: new Uint8Array(0),
};
const issuerKeyHash = new Uint8Array(32).fill(0xaa);

describe('sctSignedData', () => {
  it('lays out version, type, timestamp, precert entry, key hash, TBS and extensions', () => {
    const tbs = Uint8Array.of(0x30, 0x01, 0x00);
    expect(toHex(sctSignedData(sct, issuerKeyHash, tbs))).toBe(
      [
        '00', // sct_version v1
        '00', // signature_type certificate_timestamp
        '0001020304050607', // timestamp
        '0001', // entry_type precert_entry
        'aa'.repeat(32), // issuer_key_hash
        '000003', // tbs_certificate length (uint24)
        '300100', // tbs_certificate
        '0002', // extensions length
        'e1e2', // extensions
      ].join(''),
    );
  });

  it('writes a TBS length above 64 KiB in all three octets', () => {
    const data = sctSignedData(
      { ...sct, extensions: new Uint8Array(0) },
      issuerKeyHash,
      new Uint8Array(0x012345),
    );
    expect(toHex(data.subarray(44, 47))).toBe('012345');
    expect(data.length).toBe(47 + 0x012345 + 2);
  });

  it('refuses an issuer key hash that is not 32 bytes', () => {
    expect(() => sctSignedData(sct, new Uint8Array(20), new Uint8Array(1))).toThrowError(
      expect.objectContaining({ code: 'ERR_SCT_MALFORMED' }),
    );
  });
});
