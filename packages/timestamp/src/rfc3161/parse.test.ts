import { toHex } from '@keyless/core';
import { describe, expect, it } from 'vitest';
import { ctx, int, octets, oid, seq } from '../../test/der.js';
import { tsaVector } from '../../test/vectors.js';
import { TimestampError } from '../errors.js';
import { TSP_OID } from './oids.js';
import { parseTimeStampResp, parseTimeStampToken, parseTimestamp } from './parse.js';
import { parseTstInfo } from './parse-tst-info.js';
import { PKIStatus } from './types.js';

const STAGING_WITH_CERTS = 'staging-sigstore-java-with-embedded-certs.tsr';
const MANAGED_KEY = 'prod-conformance-managed-key-happy-path.tsr';

function expectMalformed(run: () => unknown): void {
  expect(run).toThrow(expect.objectContaining({ code: 'ERR_TIMESTAMP_MALFORMED' }));
  expect(run).toThrow(TimestampError);
}

describe('parseTimeStampResp', () => {
  it('reads the granted status of a Sigstore TSA response', () => {
    const response = parseTimeStampResp(tsaVector(MANAGED_KEY));
    expect(response.status).toEqual({ status: PKIStatus.granted, statusString: [], failInfo: [] });
  });

  it('reads every TSTInfo field of the production happy-path timestamp', () => {
    const { tstInfo } = parseTimeStampResp(tsaVector(MANAGED_KEY)).timeStampToken!;
    expect(tstInfo.version).toBe(1);
    expect(tstInfo.policy).toBe('1.3.6.1.4.1.57264.2');
    expect(tstInfo.messageImprint.hashAlgorithm.algorithm).toBe(TSP_OID.sha256);
    expect(toHex(tstInfo.messageImprint.hashedMessage)).toBe(
      '2e47cf4afe14287d964afa5e69ddec98837d1999a5512cdd7337d23702feee0b',
    );
    expect(tstInfo.serialNumber).toBe(0x503a617d93381082d7685c6acfb2a5498e821c98n);
    expect(tstInfo.genTime.toISOString()).toBe('2025-12-18T17:04:39.000Z');
    expect(tstInfo.accuracy).toEqual({ seconds: 1, millis: 0, micros: 0 });
    expect(tstInfo.ordering).toBe(false);
    expect(tstInfo.nonce).toBeUndefined();
    expect(tstInfo.tsa).toMatchObject({ type: 'other', tag: 0xa4 });
  });

  it('reads the nonce a client sent', () => {
    const { tstInfo } = parseTimeStampResp(tsaVector('staging-sigstore-python-issue1482-no-cert.tsr'))
      .timeStampToken!;
    expect(tstInfo.nonce).toBe(0x721b94cd5fab6a7dn);
  });

  it('reads ordering when the TSA sets it', () => {
    const { tstInfo } = parseTimeStampResp(tsaVector('non-sigstore-freetsa.tsr')).timeStampToken!;
    expect(tstInfo.ordering).toBe(true);
    expect(tstInfo.accuracy).toBeUndefined();
  });

  it('reads the embedded TSA certificate', () => {
    const { signedData } = parseTimeStampResp(tsaVector(STAGING_WITH_CERTS)).timeStampToken!;
    expect(signedData.certificates).toHaveLength(1);
    expect(signedData.certificates[0]!.subject.commonName).toBe('sigstore-tsa');
  });

  it('reads an empty certificate set as no certificates', () => {
    const { signedData } = parseTimeStampResp(tsaVector('staging-sigstore-python-issue1482-no-cert.tsr'))
      .timeStampToken!;
    expect(signedData.certificates).toEqual([]);
  });

  it('reads the SignerInfo of a Sigstore TSA token', () => {
    const { signedData } = parseTimeStampResp(tsaVector(STAGING_WITH_CERTS)).timeStampToken!;
    const { signerInfo } = signedData;
    expect(signedData.eContentType).toBe(TSP_OID.tstInfo);
    expect(signerInfo.sid).toEqual({
      type: 'issuerAndSerialNumber',
      issuer: signedData.certificates[0]!.issuerDer,
      serialNumber: 0x0a35a10661d5e24173c68996a7f27df27e037ca7n,
    });
    expect(signerInfo.digestAlgorithm.algorithm).toBe(TSP_OID.sha256);
    expect(signerInfo.signatureAlgorithm.algorithm).toBe('1.2.840.10045.4.3.2');
    expect(signerInfo.signedAttrs[0]).toBe(0xa0);
    expect(signerInfo.signedAttributes.map((a) => a.type)).toEqual([
      TSP_OID.contentType,
      '1.2.840.113549.1.9.5',
      TSP_OID.messageDigest,
      TSP_OID.signingCertificateV2,
    ]);
    expect(signerInfo.signature[0]).toBe(0x30);
  });

  it('keeps eContent as the exact TSTInfo bytes', () => {
    const token = parseTimeStampResp(tsaVector(MANAGED_KEY)).timeStampToken!;
    expect(token.signedData.eContent.length).toBe(164);
    expect(parseTstInfo(token.signedData.eContent)).toEqual(token.tstInfo);
  });

  it('reads a rejection without a token', () => {
    const response = parseTimeStampResp(
      seq(seq(int(PKIStatus.rejection), seq(), Uint8Array.of(3, 2, 2, 0x24))),
    );
    expect(response.timeStampToken).toBeUndefined();
    expect(response.status).toEqual({
      status: PKIStatus.rejection,
      statusString: [],
      failInfo: ['badRequest', 'badDataFormat'],
    });
  });

  it('rejects the corrupted sigstore-java response', () => {
    expectMalformed(() => parseTimeStampResp(tsaVector('NEGATIVE-sigstore-java-corrupted.tsr')));
  });

  it('rejects a truncated response', () => {
    const bytes = tsaVector(MANAGED_KEY);
    expectMalformed(() => parseTimeStampResp(bytes.subarray(0, bytes.length - 1)));
  });

  it('rejects trailing bytes', () => {
    expectMalformed(() => parseTimeStampResp(Buffer.concat([tsaVector(MANAGED_KEY), Uint8Array.of(0)])));
  });

  it('rejects a token whose content is not SignedData', () => {
    const token = seq(oid('1.2.840.113549.1.7.1'), ctx(0, octets(Uint8Array.of(1))));
    expectMalformed(() => parseTimeStampResp(seq(seq(int(0)), token)));
  });
});

describe('parseTimeStampToken', () => {
  it('parses the ContentInfo of a response on its own', () => {
    const response = parseTimeStampResp(tsaVector(MANAGED_KEY));
    const token = parseTimeStampToken(response.timeStampToken!.raw);
    expect(token.tstInfo.genTime).toEqual(response.timeStampToken!.tstInfo.genTime);
  });

  it('rejects a whole TimeStampResp', () => {
    expectMalformed(() => parseTimeStampToken(tsaVector(MANAGED_KEY)));
  });
});

describe('parseTimestamp', () => {
  it('accepts a TimeStampResp', () => {
    expect(parseTimestamp(tsaVector(MANAGED_KEY)).timeStampToken?.tstInfo.policy).toBe('1.3.6.1.4.1.57264.2');
  });

  it('accepts a bare TimeStampToken as granted', () => {
    const raw = parseTimeStampResp(tsaVector(MANAGED_KEY)).timeStampToken!.raw;
    const parsed = parseTimestamp(raw);
    expect(parsed.status.status).toBe(PKIStatus.granted);
    expect(parsed.timeStampToken?.tstInfo.serialNumber).toBe(0x503a617d93381082d7685c6acfb2a5498e821c98n);
  });

  it('rejects something that is neither', () => {
    expectMalformed(() => parseTimestamp(seq(int(1))));
  });
});
