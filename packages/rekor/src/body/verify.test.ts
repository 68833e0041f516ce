import type { TransparencyLogEntry } from '@keyless/core';
import { encodeBase64, sha256 } from '@keyless/core';
import { readRealdataJson } from '@keyless/testkit';
import { describe, expect, it } from 'vitest';
import { type ConformanceCase, loadCase } from '../../test/conformance.js';
import { RekorError } from '../errors.js';
import { type RekorV1LogEntry, transparencyLogEntryFromV1 } from '../v1/log-entry.js';
import { verifyEntryBody } from './verify.js';

function bodyError(fn: () => unknown): RekorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RekorError) return err;
    throw err;
  }
  throw new Error('body matched');
}

const check = (c: ConformanceCase, entry: TransparencyLogEntry = c.entry) =>
  verifyEntryBody(entry, c.bundle.content, c.signer, c.artifactDigest);

describe('verifyEntryBody on conformance bundles', () => {
  it.each([
    ['happy-path-v0.1', 'hashedrekord', '0.0.1'],
    ['happy-path-v0.2', 'hashedrekord', '0.0.1'],
    ['happy-path-v0.3', 'hashedrekord', '0.0.1'],
    ['managed-key-happy-path', 'hashedrekord', '0.0.1'],
    ['rekor2-happy-path', 'hashedrekord', '0.0.2'],
    ['rekor2-dsse-happy-path', 'hashedrekord', '0.0.2'],
    ['happy-path-intoto-in-dsse-v3', 'dsse', '0.0.1'],
    ['intoto-with-custom-trust-root', 'intoto', '0.0.2'],
  ])('accepts %s (%s %s)', (name, kind, version) => {
    const body = check(loadCase(name));
    expect([body.kind, body.apiVersion]).toEqual([kind, version]);
  });

  it.each([
    ['wrong-hashedrekord-artifact_fail', 'logged hash is not the artifact digest'],
    ['wrong-hashedrekord-cert-and-sig_fail', 'signature differs'],
    ['wrong-hashedrekord-entry_fail', 'logged hash is not the artifact digest'],
    ['intoto-log-entry-mismatch_fail', 'an envelope signature is not in the entry'],
    ['dsse-mismatch-envelope_fail', 'payload hash differs'],
    ['rekor2-dsse-mismatch-envelope_fail', 'logged hash of the DSSE envelope differs'],
  ])('rejects %s', (name, reason) => {
    const error = bodyError(() => check(loadCase(name)));
    expect(error.code).toBe('ERR_TLOG_BODY_MISMATCH');
    expect(error.message).toContain(reason);
  });
});

describe('verifyEntryBody', () => {
  const v03 = loadCase('happy-path-v0.3');
  const keyCase = loadCase('managed-key-happy-path');

  it('rejects a body whose kind or version differs from the entry kindVersion', () => {
    const entry = { ...v03.entry, kindVersion: { kind: 'hashedrekord', version: '0.0.2' } };
    expect(bodyError(() => check(v03, entry)).message).toContain(
      'body is hashedrekord 0.0.1 but the entry says',
    );
  });

  it('rejects a logged certificate that is not the signing certificate', () => {
    const other = loadCase('happy-path-v0.1').signer;
    const error = bodyError(() => verifyEntryBody(v03.entry, v03.bundle.content, other, v03.artifactDigest));
    expect(error.message).toContain('logged certificate is not the signing certificate');
  });

  it('rejects a certificate-signed entry checked against a key', () => {
    const error = bodyError(() =>
      verifyEntryBody(
        v03.entry,
        v03.bundle.content,
        { publicKey: keyCase.signer.publicKey! },
        v03.artifactDigest,
      ),
    );
    expect(error.message).toContain('entry logs a certificate but the bundle is signed with a public key');
  });

  it('rejects a key-signed entry checked against another key', () => {
    const wrongKey = Uint8Array.from(keyCase.signer.publicKey!, (b, i) => (i === 40 ? b ^ 1 : b));
    const error = bodyError(() =>
      verifyEntryBody(keyCase.entry, keyCase.bundle.content, { publicKey: wrongKey }, keyCase.artifactDigest),
    );
    expect(error.message).toContain('logged public key is not the signing key');
  });

  it("compares with the bundle's messageDigest when no artifact digest is given", () => {
    expect(verifyEntryBody(v03.entry, v03.bundle.content, v03.signer).kind).toBe('hashedrekord');
  });

  it('refuses a hashedrekord entry with no digest to compare', () => {
    const content = { type: 'messageSignature' as const, messageSignature: { signature: new Uint8Array(1) } };
    expect(bodyError(() => verifyEntryBody(v03.entry, content, v03.signer)).message).toContain(
      'no artifact digest',
    );
  });

  it('rejects an artifact digest of another algorithm', () => {
    const digest = { algorithm: 'SHA2_384' as const, digest: v03.artifactDigest.digest };
    expect(
      bodyError(() => verifyEntryBody(v03.entry, v03.bundle.content, v03.signer, digest)).message,
    ).toContain('logged hash is SHA2_256 but the artifact digest is SHA2_384');
  });

  it('rejects a dsse entry for a message-signature bundle', () => {
    const dsse = loadCase('happy-path-intoto-in-dsse-v3');
    const error = bodyError(() => verifyEntryBody(dsse.entry, v03.bundle.content, dsse.signer));
    expect(error.message).toContain('a dsse entry needs a DSSE envelope bundle');
  });

  it('rejects a body that is not JSON', () => {
    const entry = { ...v03.entry, canonicalizedBody: Buffer.from('{"kind":') };
    expect(bodyError(() => check(v03, entry)).code).toBe('ERR_TLOG_BODY_INVALID');
  });

  it('rejects a kind it does not know', () => {
    const response = readRealdataJson<Record<string, RekorV1LogEntry>>(
      'rekor/api-responses/prod-jar-logIndex3120029.json',
    );
    const entry = transparencyLogEntryFromV1(Object.values(response)[0]!);
    const error = bodyError(() => check(v03, entry));
    expect(error.code).toBe('ERR_TLOG_BODY_INVALID');
    expect(error.message).toContain('entry kind jar 0.0.1 is not supported');
  });

  it('rejects a body with a field of the wrong type, naming the field', () => {
    const body = JSON.parse(Buffer.from(v03.entry.canonicalizedBody).toString());
    body.spec.signature.content = 42;
    const entry = { ...v03.entry, canonicalizedBody: Buffer.from(JSON.stringify(body)) };
    expect(bodyError(() => check(v03, entry)).message).toContain('spec.signature.content is not a string');
  });
});

describe('dsse 0.0.2 bodies', () => {
  const c = loadCase('rekor2-dsse-happy-path');
  const envelope = c.bundle.content.type === 'dsseEnvelope' ? c.bundle.content.dsseEnvelope : undefined;
  const dsseBody = (payloadHash: Uint8Array, sig: Uint8Array) =>
    Buffer.from(
      JSON.stringify({
        apiVersion: '0.0.2',
        kind: 'dsse',
        spec: {
          dsseV002: {
            payloadHash: { algorithm: 'SHA2_256', digest: encodeBase64(payloadHash) },
            signatures: [
              {
                content: encodeBase64(sig),
                verifier: {
                  x509Certificate: { rawBytes: encodeBase64(c.signer.certificate!) },
                  keyDetails: 'PKIX_ECDSA_P256_SHA_256',
                },
              },
            ],
          },
        },
      }),
    );
  const entry = (body: Uint8Array): TransparencyLogEntry => ({
    ...c.entry,
    kindVersion: { kind: 'dsse', version: '0.0.2' },
    canonicalizedBody: body,
  });

  it('accepts a body logging the envelope payload hash and signature', () => {
    const body = dsseBody(sha256(envelope!.payload), envelope!.signatures[0]!.sig);
    expect(verifyEntryBody(entry(body), c.bundle.content, c.signer).kind).toBe('dsse');
  });

  it('rejects a body logging another payload hash', () => {
    const body = dsseBody(sha256('other'), envelope!.signatures[0]!.sig);
    expect(bodyError(() => verifyEntryBody(entry(body), c.bundle.content, c.signer)).message).toContain(
      'payload hash differs',
    );
  });
});
