import { describe, expect, it } from 'vitest';
import { TSP_OID } from '../rfc3161/oids.js';
import type { TimeStampReq } from '../rfc3161/types.js';
import { checkRequest } from './accept.js';

const POLICY = '1.3.6.1.4.1.57264.2';

function request(changes: Partial<TimeStampReq> = {}): TimeStampReq {
  return {
    version: 1,
    messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha256 }, hashedMessage: new Uint8Array(32) },
    certReq: false,
    ...changes,
  };
}

const imprint = (algorithm: string, length: number, parameters?: Uint8Array) => ({
  messageImprint: {
    hashAlgorithm: parameters ? { algorithm, parameters } : { algorithm },
    hashedMessage: new Uint8Array(length),
  },
});

describe('checkRequest', () => {
  it('grants a v1 SHA-256 request', () => {
    expect(checkRequest(request(), POLICY)).toBeUndefined();
  });

  it('grants SHA-384 and SHA-512, with absent or NULL parameters', () => {
    expect(checkRequest(request(imprint(TSP_OID.sha384, 48)), POLICY)).toBeUndefined();
    expect(checkRequest(request(imprint(TSP_OID.sha512, 64, Uint8Array.of(5, 0))), POLICY)).toBeUndefined();
  });

  it('refuses a version other than 1 with badRequest', () => {
    expect(checkRequest(request({ version: 2 }), POLICY)?.failInfo).toBe('badRequest');
  });

  it('refuses SHA-1 and unknown hashes with badAlg', () => {
    expect(checkRequest(request(imprint(TSP_OID.sha1, 20)), POLICY)?.failInfo).toBe('badAlg');
    expect(checkRequest(request(imprint('1.2.840.113549.2.5', 16)), POLICY)?.failInfo).toBe('badAlg');
  });

  it('refuses hash parameters other than NULL with badAlg', () => {
    expect(checkRequest(request(imprint(TSP_OID.sha256, 32, Uint8Array.of(2, 1, 0))), POLICY)?.failInfo).toBe(
      'badAlg',
    );
  });

  it('refuses an imprint of the wrong length with badDataFormat', () => {
    expect(checkRequest(request(imprint(TSP_OID.sha256, 31)), POLICY)?.failInfo).toBe('badDataFormat');
  });

  it('refuses another policy with unacceptedPolicy, and grants its own', () => {
    expect(checkRequest(request({ reqPolicy: '1.2.3' }), POLICY)?.failInfo).toBe('unacceptedPolicy');
    expect(checkRequest(request({ reqPolicy: POLICY }), POLICY)).toBeUndefined();
  });

  it('refuses any extension with unacceptedExtension', () => {
    expect(checkRequest(request({ extensions: Uint8Array.of(0xa0, 0) }), POLICY)?.failInfo).toBe(
      'unacceptedExtension',
    );
  });
});
