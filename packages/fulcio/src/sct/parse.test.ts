import { encodeBase64, OID, toHex } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { fulcioErrorOf } from '../../test/catch.js';
import { octetString, tlsVector16 } from '../../test/der.js';
import { conformanceLeaf, pemLeaf } from '../../test/realdata.js';
import { encodeSct, encodeSctList } from '../../test/synthetic.js';
import { embeddedScts, parseSctList } from './parse.js';
import type { SignedCertificateTimestamp } from './types.js';

const CTFE_2022 = '3T0wasbHETJjGR4cmWc3AqJKXrjePK3/h4pygC8p7o4=';

const sample: SignedCertificateTimestamp = {
  version: 0,
  logId: new Uint8Array(32).fill(7),
  timestamp: 1_700_000_000_123,
  extensions: Uint8Array.of(0, 0, 5),
  hashAlgorithm: 4,
  signatureAlgorithm: 3,
  signature: Uint8Array.of(0x30, 0x02, 0x01, 0x00),
};

/** Byte fields as hex, so views into a Buffer compare equal to plain Uint8Arrays. */
function plain(sct: SignedCertificateTimestamp) {
  return {
    ...sct,
    logId: toHex(sct.logId),
    extensions: toHex(sct.extensions),
    signature: toHex(sct.signature),
  };
}

function parseError(value: Uint8Array) {
  return fulcioErrorOf(() => parseSctList(value));
}

describe('parseSctList', () => {
  it('reads the one SCT of a production GitHub Actions leaf', () => {
    const [sct, ...rest] = embeddedScts(
      pemLeaf('fulcio/github-actions/sigstore-js-release-workflow-2023-08-18.leaf.pem'),
    );
    expect(rest).toEqual([]);
    expect(encodeBase64(sct!.logId)).toBe(CTFE_2022);
    expect(new Date(sct!.timestamp).toISOString()).toBe('2023-08-18T16:05:35.120Z');
    expect([sct!.version, sct!.hashAlgorithm, sct!.signatureAlgorithm, sct!.extensions.length]).toEqual([
      0, 4, 3, 0,
    ]);
    expect(sct!.signature[0]).toBe(0x30);
  });

  it('keeps non-empty SCT extensions (a static CT log leaf index)', () => {
    const [sct] = embeddedScts(conformanceLeaf('bundle-with-sct-with-extensions'));
    expect(toHex(sct!.extensions)).toBe('0000050000000070');
    expect(encodeBase64(sct!.logId)).toBe('LKXNJ6iUhMOOdIaNLTveHnhSr+fidx5vice9Zn38+O8=');
    expect(sct!.timestamp).toBe(1768517364925);
  });

  it('round-trips several SCTs', () => {
    const second = { ...sample, logId: new Uint8Array(32).fill(9), extensions: new Uint8Array(0) };
    const parsed = parseSctList(encodeSctList([encodeSct(sample), encodeSct(second)]));
    expect(parsed.map(plain)).toEqual([sample, second].map(plain));
  });

  it('is empty for a certificate without the SCT list extension', () => {
    const leaf = pemLeaf('fulcio/google/fulcio-v1-response-root-issued-appu-2022-04-15.chain.pem');
    expect(leaf.extension(OID.ctPrecertificateScts)).toBeUndefined();
    expect(embeddedScts(leaf)).toEqual([]);
  });

  it('rejects a value that is not an OCTET STRING', () => {
    const list = tlsVector16(tlsVector16(encodeSct(sample)));
    expect(parseError(Buffer.concat([Uint8Array.of(0x30, list.length), list])).code).toBe(
      'ERR_SCT_MALFORMED',
    );
  });

  it('rejects bytes after the OCTET STRING', () => {
    const value = Buffer.concat([encodeSctList([encodeSct(sample)]), Uint8Array.of(0)]);
    expect(parseError(value).code).toBe('ERR_SCT_MALFORMED');
  });

  it('rejects a list whose length overruns its bytes', () => {
    const list = Buffer.from(tlsVector16(tlsVector16(encodeSct(sample))));
    list.writeUInt16BE(list.length, 0);
    expect(parseError(octetString(list)).message).toContain('runs past the end');
  });

  it('rejects an SCT with trailing bytes', () => {
    const sct = Buffer.concat([encodeSct(sample), Uint8Array.of(1)]);
    expect(parseError(encodeSctList([sct])).message).toContain('trailing');
  });

  it('rejects a truncated SCT', () => {
    expect(parseError(encodeSctList([encodeSct(sample).subarray(0, 40)])).code).toBe('ERR_SCT_MALFORMED');
  });

  it('rejects an unknown SCT version', () => {
    const sct = Buffer.from(encodeSct(sample));
    sct[0] = 1;
    expect(parseError(encodeSctList([sct])).message).toContain('version 1');
  });

  it('rejects an empty list', () => {
    expect(parseError(octetString(tlsVector16())).message).toContain('empty');
  });

  it('rejects an empty SCT entry', () => {
    expect(parseError(encodeSctList([new Uint8Array(0)])).code).toBe('ERR_SCT_MALFORMED');
  });
});
