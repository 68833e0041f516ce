import { describe, expect, it } from 'vitest';
import { decodeJwtSvidResponse, encodeJwtSvidRequest } from './protobuf.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => [...Buffer.from(text)];

describe('encodeJwtSvidRequest', () => {
  it('encodes each audience as field 1', () => {
    expect(encodeJwtSvidRequest(['sigstore'])).toEqual(bytes(0x0a, 8, ...ascii('sigstore')));
  });

  it('adds the SPIFFE ID as field 2', () => {
    expect(encodeJwtSvidRequest(['a', 'b'], 'spiffe://x')).toEqual(
      bytes(0x0a, 1, ...ascii('a'), 0x0a, 1, ...ascii('b'), 0x12, 10, ...ascii('spiffe://x')),
    );
  });

  it('writes lengths past 127 as multi-byte varints', () => {
    const encoded = encodeJwtSvidRequest(['x'.repeat(200)]);
    expect([...encoded.subarray(0, 3)]).toEqual([0x0a, 0xc8, 0x01]);
  });
});

describe('decodeJwtSvidResponse', () => {
  const svid = (id: string, token: string, extra: number[] = []) => {
    const inner = [0x0a, id.length, ...ascii(id), 0x12, token.length, ...ascii(token), ...extra];
    return [0x0a, inner.length, ...inner];
  };

  it('reads every SVID with its SPIFFE ID', () => {
    const decoded = decodeJwtSvidResponse(
      bytes(...svid('spiffe://a/w1', 't1'), ...svid('spiffe://a/w2', 't2')),
    );
    expect(decoded).toEqual([
      { spiffeId: 'spiffe://a/w1', svid: 't1' },
      { spiffeId: 'spiffe://a/w2', svid: 't2' },
    ]);
  });

  it('skips fields it does not know (a varint, and a newer bytes field)', () => {
    const decoded = decodeJwtSvidResponse(
      bytes(0x10, 0x96, 0x01, ...svid('spiffe://a/w', 't', [0x1a, 2, 1, 2])),
    );
    expect(decoded).toEqual([{ spiffeId: 'spiffe://a/w', svid: 't' }]);
  });

  it('throws on a truncated message', () => {
    expect(() => decodeJwtSvidResponse(bytes(0x0a, 10, 0x0a))).toThrow('truncated field');
  });
});
