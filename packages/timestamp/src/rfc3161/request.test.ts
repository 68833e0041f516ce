import { describe, expect, it } from 'vitest';
import { ctx, seq } from '../../test/der.js';
import { encodeTimeStampReq } from './encode-request.js';
import { TSP_OID } from './oids.js';
import { parseTimeStampReq } from './parse-request.js';

const imprint = {
  hashAlgorithm: { algorithm: TSP_OID.sha256 },
  hashedMessage: new Uint8Array(32).fill(0xab),
};

describe('encodeTimeStampReq and parseTimeStampReq', () => {
  it('round-trip every field', () => {
    const extensions = ctx(0, seq());
    const request = parseTimeStampReq(
      encodeTimeStampReq({
        messageImprint: imprint,
        reqPolicy: '1.2.3.4',
        nonce: 2n ** 63n + 5n,
        certReq: true,
        extensions,
      }),
    );
    expect(request).toEqual({
      version: 1,
      messageImprint: imprint,
      reqPolicy: '1.2.3.4',
      nonce: 2n ** 63n + 5n,
      certReq: true,
      extensions,
    });
  });

  it('leave out certReq when false, as DER requires for a DEFAULT value', () => {
    const minimal = encodeTimeStampReq({ messageImprint: imprint });
    expect(encodeTimeStampReq({ messageImprint: imprint, certReq: false })).toEqual(minimal);
    expect(parseTimeStampReq(minimal)).toEqual({ version: 1, messageImprint: imprint, certReq: false });
  });

  it('keep hash algorithm parameters as sent', () => {
    const withNull = { algorithm: TSP_OID.sha256, parameters: Uint8Array.of(0x05, 0x00) };
    const request = parseTimeStampReq(
      encodeTimeStampReq({ messageImprint: { ...imprint, hashAlgorithm: withNull } }),
    );
    expect(request.messageImprint.hashAlgorithm).toEqual(withNull);
  });
});

describe('parseTimeStampReq', () => {
  it('refuses bytes that are not DER', () => {
    expect(() => parseTimeStampReq(Uint8Array.of(1, 2, 3))).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }),
    );
  });

  it('refuses fields out of order', () => {
    const good = encodeTimeStampReq({ messageImprint: imprint, nonce: 1n, reqPolicy: '1.2.3' });
    // Swap the policy OID and the nonce INTEGER: both are optional, but their order is fixed.
    const nonceAt = good.length - 3;
    const swapped = Uint8Array.from([
      ...good.subarray(0, good.length - 7),
      ...good.subarray(nonceAt),
      ...good.subarray(nonceAt - 4, nonceAt),
    ]);
    expect(() => parseTimeStampReq(swapped)).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }),
    );
  });

  it('refuses trailing bytes after the request', () => {
    const good = encodeTimeStampReq({ messageImprint: imprint });
    expect(() => parseTimeStampReq(Uint8Array.from([...good, 0]))).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }),
    );
  });
});
