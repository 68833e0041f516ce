import type { PreparedAuthority } from '@keyless/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { flipByte, publicTrust, type TrustedMaterial, tsaVector } from '../../test/vectors.js';
import { TSP_OID } from './oids.js';
import { parseTimestamp } from './parse.js';
import { verifyRfc3161Timestamp } from './verify.js';

const STAGING_URI = 'https://timestamp.sigstage.dev/api/v1/timestamp';
const PROD_URI = 'https://timestamp.sigstore.dev/api/v1/timestamp';
const TEST_MESSAGE = Buffer.from('test\n');
const WITH_CERTS = 'staging-sigstore-java-with-embedded-certs.tsr';
const ISSUE_1482 = 'staging-sigstore-python-issue1482-no-cert.tsr';

const code = (c: string) => expect.objectContaining({ code: c });

let prod: TrustedMaterial;
let staging: TrustedMaterial;
beforeAll(() => {
  prod = publicTrust('production');
  staging = publicTrust('staging');
});

/** Offset of `view` (a subarray the parser returned) inside `bytes`. */
function offsetOf(bytes: Uint8Array, view: Uint8Array): number {
  return view.byteOffset - bytes.byteOffset;
}

function withValidFor(tsa: PreparedAuthority, validFor: PreparedAuthority['validFor']): PreparedAuthority {
  return { ...tsa, validFor };
}

describe('verifyRfc3161Timestamp with Sigstore TSA vectors', () => {
  it('verifies a staging timestamp whose TSA certificate is embedded', () => {
    const result = verifyRfc3161Timestamp(tsaVector(WITH_CERTS), TEST_MESSAGE, staging.tsas);
    expect(result).toEqual({
      kind: 'rfc3161',
      authority: STAGING_URI,
      time: new Date('2025-05-28T15:15:55Z'),
    });
  });

  it('verifies a staging timestamp without embedded certificates from the trusted root chain', () => {
    const file = 'staging-sigstore-java-without-embedded-certs.tsr';
    const result = verifyRfc3161Timestamp(tsaVector(file), TEST_MESSAGE, staging.tsas);
    expect(result.time).toEqual(new Date('2025-05-28T15:17:58Z'));
  });

  it('verifies the sigstore-python issue 1482 timestamp that embeds no certificate', () => {
    const message = tsaVector('staging-sigstore-python-issue1482-message.bin');
    const result = verifyRfc3161Timestamp(tsaVector(ISSUE_1482), message, staging.tsas);
    expect(result).toEqual({
      kind: 'rfc3161',
      authority: STAGING_URI,
      time: new Date('2025-07-25T19:53:04Z'),
    });
  });

  it('verifies the production managed-key happy-path timestamp', () => {
    const message = tsaVector('prod-conformance-managed-key-happy-path.message.bin');
    const result = verifyRfc3161Timestamp(
      tsaVector('prod-conformance-managed-key-happy-path.tsr'),
      message,
      prod.tsas,
    );
    expect(result).toEqual({ kind: 'rfc3161', authority: PROD_URI, time: new Date('2025-12-18T17:04:39Z') });
  });

  it('verifies a bare TimeStampToken', () => {
    const token = parseTimestamp(tsaVector(WITH_CERTS)).timeStampToken!.raw;
    expect(verifyRfc3161Timestamp(token, TEST_MESSAGE, staging.tsas).authority).toBe(STAGING_URI);
  });

  it('finds the vouching TSA among several', () => {
    const tsas = [...prod.tsas, ...staging.tsas];
    expect(verifyRfc3161Timestamp(tsaVector(WITH_CERTS), TEST_MESSAGE, tsas).authority).toBe(STAGING_URI);
  });

  it.each([
    'prod-sigstore-java-with-embedded-certs-odd-imprint.tsr',
    'prod-sigstore-java-without-embedded-certs-odd-imprint.tsr',
  ])('rejects %s: genTime precedes the production TSA validity window', (file) => {
    expect(() => verifyRfc3161Timestamp(tsaVector(file), TEST_MESSAGE, prod.tsas)).toThrow(
      code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'),
    );
  });

  it('accepts the odd-imprint TSA signature once the window covers genTime, then rejects the imprint', () => {
    const file = 'prod-sigstore-java-without-embedded-certs-odd-imprint.tsr';
    const tsas = prod.tsas.map((tsa) => withValidFor(tsa, { start: new Date('2025-01-01T00:00:00Z') }));
    expect(() => verifyRfc3161Timestamp(tsaVector(file), TEST_MESSAGE, tsas)).toThrow(
      code('ERR_TIMESTAMP_IMPRINT_MISMATCH'),
    );
  });

  it('rejects a FreeTSA timestamp: the TSA is not in the trusted root', () => {
    expect(() =>
      verifyRfc3161Timestamp(tsaVector('non-sigstore-freetsa.tsr'), TEST_MESSAGE, [
        ...prod.tsas,
        ...staging.tsas,
      ]),
    ).toThrow(code('ERR_TIMESTAMP_UNTRUSTED'));
  });

  it('rejects a staging timestamp against the production trusted root', () => {
    expect(() => verifyRfc3161Timestamp(tsaVector(ISSUE_1482), TEST_MESSAGE, prod.tsas)).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });

  it('rejects any timestamp when no TSA is trusted', () => {
    expect(() => verifyRfc3161Timestamp(tsaVector(WITH_CERTS), TEST_MESSAGE, [])).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });

  it('rejects the corrupted sigstore-java response as malformed', () => {
    expect(() =>
      verifyRfc3161Timestamp(tsaVector('NEGATIVE-sigstore-java-corrupted.tsr'), TEST_MESSAGE, prod.tsas),
    ).toThrow(code('ERR_TIMESTAMP_MALFORMED'));
  });
});

describe('verifyRfc3161Timestamp on tampered vectors', () => {
  const message = () => tsaVector('staging-sigstore-python-issue1482-message.bin');

  it('rejects a flipped byte of the TSA signature', () => {
    const bytes = tsaVector(ISSUE_1482);
    const { signature } = parseTimestamp(bytes).timeStampToken!.signedData.signerInfo;
    const tampered = flipByte(bytes, offsetOf(bytes, signature) + signature.length - 1);
    expect(() => verifyRfc3161Timestamp(tampered, message(), staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_SIGNATURE_INVALID'),
    );
  });

  it('rejects a flipped byte of the TSTInfo serial number', () => {
    const bytes = tsaVector(ISSUE_1482);
    const { signedData, tstInfo } = parseTimestamp(bytes).timeStampToken!;
    const hex = tstInfo.serialNumber.toString(16);
    const serial = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    const at = offsetOf(bytes, signedData.eContent) + Buffer.from(signedData.eContent).indexOf(serial);
    const tampered = flipByte(bytes, at + serial.length - 1);
    expect(parseTimestamp(tampered).timeStampToken!.tstInfo.serialNumber).not.toBe(
      parseTimestamp(bytes).timeStampToken!.tstInfo.serialNumber,
    );
    expect(() => verifyRfc3161Timestamp(tampered, message(), staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_SIGNATURE_INVALID'),
    );
  });

  it('rejects a flipped byte of the message imprint inside the token', () => {
    const bytes = tsaVector(ISSUE_1482);
    const { hashedMessage } = parseTimestamp(bytes).timeStampToken!.tstInfo.messageImprint;
    const tampered = flipByte(bytes, offsetOf(bytes, hashedMessage));
    expect(() => verifyRfc3161Timestamp(tampered, message(), staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_SIGNATURE_INVALID'),
    );
  });

  it('rejects a flipped byte of the signed signingTime attribute', () => {
    const bytes = tsaVector(ISSUE_1482);
    const { signedAttributes } = parseTimestamp(bytes).timeStampToken!.signedData.signerInfo;
    const signingTime = signedAttributes.find((a) => a.type === '1.2.840.113549.1.9.5')!.values[0]!;
    const tampered = flipByte(bytes, offsetOf(bytes, signingTime) + signingTime.length - 2);
    expect(() => verifyRfc3161Timestamp(tampered, message(), staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_SIGNATURE_INVALID'),
    );
  });

  it('rejects a flipped byte of the signed messageDigest attribute', () => {
    const bytes = tsaVector(ISSUE_1482);
    const { signedAttributes } = parseTimestamp(bytes).timeStampToken!.signedData.signerInfo;
    const digest = signedAttributes.find((a) => a.type === TSP_OID.messageDigest)!.values[0]!;
    const tampered = flipByte(bytes, offsetOf(bytes, digest) + digest.length - 1);
    expect(() => verifyRfc3161Timestamp(tampered, message(), staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_SIGNATURE_INVALID'),
    );
  });

  it('rejects a flipped byte of the signed data', () => {
    expect(() =>
      verifyRfc3161Timestamp(tsaVector(ISSUE_1482), flipByte(message(), 10), staging.tsas),
    ).toThrow(code('ERR_TIMESTAMP_IMPRINT_MISMATCH'));
  });

  it('rejects an embedded signer certificate whose bytes differ from the trusted leaf', () => {
    const bytes = tsaVector(WITH_CERTS);
    const [embedded] = parseTimestamp(bytes).timeStampToken!.signedData.certificates;
    const tampered = flipByte(bytes, offsetOf(bytes, embedded!.signature) + embedded!.signature.length - 1);
    expect(() => verifyRfc3161Timestamp(tampered, TEST_MESSAGE, staging.tsas)).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });
});

describe('verifyRfc3161Timestamp nonce', () => {
  const message = () => tsaVector('staging-sigstore-python-issue1482-message.bin');

  it('accepts the nonce the request sent', () => {
    const result = verifyRfc3161Timestamp(tsaVector(ISSUE_1482), message(), staging.tsas, {
      nonce: 0x721b94cd5fab6a7dn,
    });
    expect(result.authority).toBe(STAGING_URI);
  });

  it('rejects another nonce', () => {
    expect(() =>
      verifyRfc3161Timestamp(tsaVector(ISSUE_1482), message(), staging.tsas, { nonce: 0x721b94cd5fab6a7en }),
    ).toThrow(code('ERR_TIMESTAMP_NONCE_MISMATCH'));
  });

  it('rejects a token without nonce when one was sent', () => {
    const message = tsaVector('prod-conformance-managed-key-happy-path.message.bin');
    expect(() =>
      verifyRfc3161Timestamp(tsaVector('prod-conformance-managed-key-happy-path.tsr'), message, prod.tsas, {
        nonce: 1n,
      }),
    ).toThrow(code('ERR_TIMESTAMP_NONCE_MISMATCH'));
  });
});

describe('verifyRfc3161Timestamp trust-root windows', () => {
  const genTime = new Date('2025-05-28T15:15:55Z');
  const verifyWith = (tsas: PreparedAuthority[]) =>
    verifyRfc3161Timestamp(tsaVector(WITH_CERTS), TEST_MESSAGE, tsas);

  it('accepts genTime equal to the window end', () => {
    const tsas = staging.tsas.map((tsa) => withValidFor(tsa, { start: tsa.validFor.start!, end: genTime }));
    expect(verifyWith(tsas).time).toEqual(genTime);
  });

  it('rejects genTime one millisecond past the window end', () => {
    const end = new Date(genTime.getTime() - 1);
    const tsas = staging.tsas.map((tsa) => withValidFor(tsa, { start: tsa.validFor.start!, end }));
    expect(() => verifyWith(tsas)).toThrow(code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'));
  });

  it('rejects a window without a start', () => {
    expect(() => verifyWith(staging.tsas.map((tsa) => withValidFor(tsa, {})))).toThrow(
      code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'),
    );
  });

  it('reports the most specific failure whatever the order of TSAs', () => {
    const expired = staging.tsas.map((tsa) => withValidFor(tsa, { start: new Date(0), end: new Date(1) }));
    expect(() => verifyWith([...prod.tsas, ...expired])).toThrow(code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'));
    expect(() => verifyWith([...expired, ...prod.tsas])).toThrow(code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'));
  });

  it('rejects a trusted-root chain whose leaf is not issued by its root', () => {
    const [stagingTsa] = staging.tsas;
    const [prodTsa] = prod.tsas;
    const broken: PreparedAuthority = {
      ...stagingTsa!,
      certificates: [stagingTsa!.certificates[0]!, prodTsa!.certificates.at(-1)!],
    };
    expect(() => verifyWith([broken])).toThrow(code('ERR_TIMESTAMP_UNTRUSTED'));
  });
});
