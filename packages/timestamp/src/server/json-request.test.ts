import { encodeBase64 } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { TSP_OID } from '../rfc3161/oids.js';
import { parseJsonTimestampRequest } from './json-request.js';

const body = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const digest = new Uint8Array(48).fill(3);

describe('parseJsonTimestampRequest', () => {
  it('maps the Sigstore JSON fields onto a TimeStampReq', () => {
    const request = parseJsonTimestampRequest(
      body({
        artifactHash: encodeBase64(digest),
        hashAlgorithm: 'SHA384',
        nonce: 42,
        certificates: true,
        tsaPolicyOID: '1.2.3',
      }),
    );
    expect(request).toEqual({
      version: 1,
      messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha384 }, hashedMessage: expect.any(Uint8Array) },
      nonce: 42n,
      certReq: true,
      reqPolicy: '1.2.3',
    });
    expect([...request.messageImprint.hashedMessage]).toEqual([...digest]);
  });

  it('takes a nonce beyond 2^53 as a decimal string', () => {
    const request = parseJsonTimestampRequest(
      body({ artifactHash: encodeBase64(digest), hashAlgorithm: 'sha384', nonce: '18446744073709551615' }),
    );
    expect(request.nonce).toBe(2n ** 64n - 1n);
  });

  it('maps sha1 to its OID, for the TSA to refuse', () => {
    const request = parseJsonTimestampRequest(
      body({ artifactHash: encodeBase64(new Uint8Array(20)), hashAlgorithm: 'sha1' }),
    );
    expect(request.messageImprint.hashAlgorithm.algorithm).toBe(TSP_OID.sha1);
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{')],
    ['not an object', body([1])],
    ['no artifactHash', body({ hashAlgorithm: 'sha256' })],
    ['an artifactHash that is not base64', body({ artifactHash: '***' })],
    ['an unknown hash', body({ artifactHash: encodeBase64(digest), hashAlgorithm: 'md5' })],
    ['a fractional nonce', body({ artifactHash: encodeBase64(digest), nonce: 1.5 })],
    ['a non-boolean certificates', body({ artifactHash: encodeBase64(digest), certificates: 'yes' })],
  ])('refuses %s', (_, bytes) => {
    expect(() => parseJsonTimestampRequest(bytes)).toThrow(
      expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }),
    );
  });
});
