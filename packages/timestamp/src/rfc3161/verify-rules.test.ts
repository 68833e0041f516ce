/**
 * Each verification rule on its own, with tokens from a test TSA that can break exactly one thing
 * at a time.
 */
import { OID } from '@keyless/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, generalizedTimeText, issueTimestamp, type TestTsa } from '../../test/test-tsa.js';
import { verifyRfc3161Timestamp } from './verify.js';

const MESSAGE = Buffer.from('signature bytes');
const code = (c: string) => expect.objectContaining({ code: c });

let tsa: TestTsa;
let rsaTsa: TestTsa;
beforeAll(() => {
  tsa = createTestTsa();
  rsaTsa = createTestTsa({ key: 'rsa' });
});

function verify(token: Uint8Array, authority = tsa.authority()) {
  return verifyRfc3161Timestamp(token, MESSAGE, [authority]);
}

describe('signature algorithms', () => {
  it('verifies ECDSA P-256 with SHA-256', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE))).toEqual({
      kind: 'rfc3161',
      authority: tsa.uri,
      time: new Date('2025-06-01T12:00:00Z'),
    });
  });

  it('verifies ECDSA with a SHA-384 SignerInfo digest', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { digest: 'sha384' })).authority).toBe(tsa.uri);
  });

  it('verifies RSA PKCS#1 v1.5', () => {
    expect(verify(issueTimestamp(rsaTsa, MESSAGE), rsaTsa.authority()).authority).toBe(rsaTsa.uri);
  });

  it('verifies RSA with the bare rsaEncryption algorithm and the SignerInfo digest', () => {
    const token = issueTimestamp(rsaTsa, MESSAGE, { signatureAlgorithm: 'rsaEncryption', digest: 'sha512' });
    expect(verify(token, rsaTsa.authority()).authority).toBe(rsaTsa.uri);
  });

  it('verifies RSASSA-PSS', () => {
    const token = issueTimestamp(rsaTsa, MESSAGE, { signatureAlgorithm: 'rsa-pss' });
    expect(verify(token, rsaTsa.authority()).authority).toBe(rsaTsa.uri);
  });

  it('rejects a signature by a key other than the named certificate', () => {
    const token = issueTimestamp(tsa, MESSAGE, { signer: { cert: tsa.leaf, key: tsa.otherLeafKey } });
    expect(() => verify(token)).toThrow(code('ERR_TIMESTAMP_SIGNATURE_INVALID'));
  });
});

describe('message imprint', () => {
  it.each(['sha384', 'sha512'] as const)('verifies a %s imprint', (imprintHash) => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { imprintHash })).authority).toBe(tsa.uri);
  });

  it('refuses a SHA-1 imprint', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { imprintHash: 'sha1' }))).toThrow(
      code('ERR_TIMESTAMP_UNSUPPORTED_ALGORITHM'),
    );
  });

  it('rejects an imprint of other data', () => {
    expect(() => verify(issueTimestamp(tsa, Buffer.from('other')))).toThrow(
      code('ERR_TIMESTAMP_IMPRINT_MISMATCH'),
    );
  });

  it('rejects an imprint of the wrong length', () => {
    const token = issueTimestamp(tsa, MESSAGE, { hashedMessage: new Uint8Array(64) });
    expect(() => verify(token)).toThrow(code('ERR_TIMESTAMP_IMPRINT_MISMATCH'));
  });
});

describe('signed attributes', () => {
  it('rejects a contentType attribute other than id-ct-TSTInfo', () => {
    const token = issueTimestamp(tsa, MESSAGE, { contentType: '1.2.840.113549.1.7.1' });
    expect(() => verify(token)).toThrow(code('ERR_TIMESTAMP_SIGNATURE_INVALID'));
  });

  it('rejects signed attributes without messageDigest', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { omitMessageDigest: true }))).toThrow(
      code('ERR_TIMESTAMP_MALFORMED'),
    );
  });

  it.each(['v1', 'v2-sha384', 'none'] as const)('accepts signingCertificate form %s', (ess) => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { ess })).authority).toBe(tsa.uri);
  });

  it('rejects a signingCertificate attribute naming another certificate', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { ess: 'other-cert' }))).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });
});

describe('signer identification and chain', () => {
  it('finds the signer by subjectKeyIdentifier', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { sid: 'subjectKeyIdentifier' })).authority).toBe(tsa.uri);
  });

  it('ignores embedded certificates that do not name the signer', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { embed: [tsa.otherLeaf, tsa.root] })).authority).toBe(
      tsa.uri,
    );
  });

  it('rejects an embedded signer the trusted root does not list, even from the same CA', () => {
    const token = issueTimestamp(tsa, MESSAGE, {
      signer: { cert: tsa.otherLeaf, key: tsa.otherLeafKey },
      embed: [tsa.otherLeaf],
    });
    expect(() => verify(token)).toThrow(code('ERR_TIMESTAMP_UNTRUSTED'));
  });

  it('accepts an embedded leaf issued by a TSA listed without a leaf', () => {
    const token = issueTimestamp(tsa, MESSAGE, { embed: [tsa.leaf] });
    expect(verify(token, tsa.authority({ chain: [tsa.root] })).authority).toBe(tsa.uri);
  });

  it('rejects a token without certificates from a TSA listed without a leaf', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE), tsa.authority({ chain: [tsa.root] }))).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });

  it('rejects a signer from another TSA', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { embed: [tsa.leaf] }), rsaTsa.authority())).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });
});

describe('timeStamping extended key usage', () => {
  it.each([
    ['no extended key usage', null],
    ['a non-critical one', { usages: [OID.timeStamping], critical: false }],
    ['code signing besides time-stamping', { usages: [OID.timeStamping, OID.codeSigning], critical: true }],
    ['only code signing', { usages: [OID.codeSigning], critical: true }],
  ])('rejects a TSA certificate with %s', (_, eku) => {
    const bad = createTestTsa({ eku });
    expect(() => verify(issueTimestamp(bad, MESSAGE), bad.authority())).toThrow(
      code('ERR_TIMESTAMP_UNTRUSTED'),
    );
  });
});

describe('validity of genTime', () => {
  it('accepts genTime at the certificate notAfter', () => {
    const token = issueTimestamp(tsa, MESSAGE, { genTime: generalizedTimeText(tsa.leaf.notAfter) });
    expect(verify(token).time).toEqual(tsa.leaf.notAfter);
  });

  it('rejects genTime before the certificate notBefore', () => {
    const before = new Date(tsa.leaf.notBefore.getTime() - 1000);
    const token = issueTimestamp(tsa, MESSAGE, { genTime: generalizedTimeText(before) });
    expect(() => verify(token)).toThrow(code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'));
  });

  it('counts fractions of a second against the trusted window end', () => {
    const token = issueTimestamp(tsa, MESSAGE, { genTime: '20250601120000.5Z' });
    const end = new Date('2025-06-01T12:00:00Z');
    expect(() => verify(token, tsa.authority({ validFor: { start: new Date(0), end } }))).toThrow(
      code('ERR_TIMESTAMP_OUTSIDE_VALIDITY'),
    );
  });
});

describe('response status', () => {
  it('accepts grantedWithMods', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { status: 1 })).authority).toBe(tsa.uri);
  });

  it.each([2, 3, 4, 5])('rejects status %i', (status) => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { status, omitToken: true }))).toThrow(
      code('ERR_TIMESTAMP_STATUS'),
    );
  });

  it('rejects a granted response without a token', () => {
    expect(() => verify(issueTimestamp(tsa, MESSAGE, { omitToken: true }))).toThrow(
      code('ERR_TIMESTAMP_MALFORMED'),
    );
  });

  it('verifies a bare token', () => {
    expect(verify(issueTimestamp(tsa, MESSAGE, { bareToken: true })).authority).toBe(tsa.uri);
  });
});
