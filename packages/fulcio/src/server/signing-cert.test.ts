import { OID, sha256 } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainOf,
  publicKeyRequest,
  type RunningFulcio,
  signingKey,
  startFulcio,
} from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';
import { certificateIdentity } from '../certificate/identity.js';
import { embeddedScts } from '../sct/parse.js';
import { verifyEmbeddedScts } from '../sct/verify.js';

const EMAIL = 'signer@keyless.test';

let issuer: TestIssuer;
let fulcio: RunningFulcio;

beforeAll(async () => {
  issuer = await startTestIssuer();
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url, type: 'email' }] });
});
afterAll(async () => {
  await fulcio.close();
  await issuer.close();
});

async function issueForEmail() {
  const key = signingKey();
  const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
  const { status, json } = await fulcio.signingCert(publicKeyRequest(token, key, EMAIL));
  expect(status).toBe(200);
  const [leaf, intermediate, root] = chainOf(json);
  return { key, leaf: leaf!, intermediate: intermediate!, root: root! };
}

describe('POST /api/v2/signingCert with an email token and a proof of possession', () => {
  it('returns leaf, intermediate and root, each signed by the next, the root by itself', async () => {
    const { leaf, intermediate, root } = await issueForEmail();
    expect(leaf.verifySignedBy(intermediate.publicKey)).toBe(true);
    expect(intermediate.verifySignedBy(root.publicKey)).toBe(true);
    expect(root.isSelfSigned).toBe(true);
    expect(Buffer.from(leaf.issuerDer).equals(intermediate.subjectDer)).toBe(true);
  });

  it('certifies the submitted key', async () => {
    const { key, leaf } = await issueForEmail();
    expect(Buffer.from(leaf.subjectPublicKeyInfo).equals(key.spki)).toBe(true);
  });

  it('names the email and the issuer, as certificateIdentity reads them', async () => {
    const { leaf } = await issueForEmail();
    const identity = certificateIdentity(leaf);
    expect(identity.subjectAlternativeName).toBe(EMAIL);
    expect(identity.sanType).toBe('email');
    expect(identity.issuer).toBe(issuer.url);
    expect(identity.extensions).toEqual({ issuer: issuer.url, issuerV2: issuer.url });
  });

  it('embeds an SCT that verifyEmbeddedScts accepts with the returned CT log', async () => {
    const { leaf, intermediate } = await issueForEmail();
    const verified = verifyEmbeddedScts(leaf, intermediate, fulcio.trust().ctlogs);
    expect(verified).toHaveLength(1);
    expect(verified[0]!.logId).toEqual(
      sha256(Buffer.from(fulcio.server.ctlog.publicKey.rawBytes!, 'base64')),
    );
    expect(Math.abs(verified[0]!.timestamp.getTime() - leaf.notBefore.getTime())).toBeLessThan(1000);
  });

  it('embeds exactly one SCT, signed ECDSA with SHA-256', async () => {
    const { leaf } = await issueForEmail();
    const scts = embeddedScts(leaf);
    expect(scts.map((sct) => [sct.hashAlgorithm, sct.signatureAlgorithm])).toEqual([[4, 3]]);
  });

  it('is valid for 10 minutes from now', async () => {
    const before = Date.now();
    const { leaf } = await issueForEmail();
    expect(leaf.notAfter.getTime() - leaf.notBefore.getTime()).toBe(600_000);
    expect(leaf.notBefore.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(leaf.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('has an empty subject and a critical SubjectAltName', async () => {
    const { leaf } = await issueForEmail();
    expect([...leaf.subjectDer]).toEqual([0x30, 0x00]);
    expect(leaf.extension(OID.subjectAltName)?.critical).toBe(true);
  });

  it('is a code-signing end-entity certificate: critical digitalSignature key usage, codeSigning EKU', async () => {
    const { leaf } = await issueForEmail();
    expect(leaf.keyUsage).toEqual({ digitalSignature: true, keyCertSign: false, crlSign: false });
    expect(leaf.extension(OID.keyUsage)?.critical).toBe(true);
    expect(leaf.extKeyUsage).toEqual([OID.codeSigning]);
    expect(leaf.basicConstraints?.ca ?? false).toBe(false);
  });

  it("links key identifiers: the leaf's AKI is the intermediate's SKI", async () => {
    const { leaf, intermediate } = await issueForEmail();
    expect(leaf.subjectKeyIdentifier).toHaveLength(20);
    expect(leaf.authorityKeyIdentifier).toEqual(intermediate.subjectKeyIdentifier);
  });

  it('writes the extensions in the order Fulcio does, the SCT list last', async () => {
    const { leaf } = await issueForEmail();
    expect(leaf.extensions.map((e) => e.oid)).toEqual([
      OID.keyUsage,
      OID.extKeyUsage,
      OID.subjectKeyIdentifier,
      OID.authorityKeyIdentifier,
      OID.subjectAltName,
      '1.3.6.1.4.1.57264.1.1',
      '1.3.6.1.4.1.57264.1.8',
      OID.ctPrecertificateScts,
    ]);
  });

  it('gives every certificate its own serial number', async () => {
    const [a, b] = await Promise.all([issueForEmail(), issueForEmail()]);
    expect(a.leaf.serialNumber).not.toBe(b.leaf.serialNumber);
    expect(a.leaf.serialNumber > 0n).toBe(true);
  });

  it('accepts the token in an Authorization: Bearer header instead of the body', async () => {
    const key = signingKey();
    const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
    const { credentials: _, ...body } = publicKeyRequest(token, key, EMAIL);
    const { status, json } = await fulcio.signingCert(body, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(certificateIdentity(chainOf(json)[0]!).subjectAlternativeName).toBe(EMAIL);
  });

  for (const type of ['p384', 'p521', 'rsa', 'ed25519'] as const) {
    it(`certifies a ${type} key whose proof uses that key's default hash`, async () => {
      const key = signingKey(type);
      const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
      const { status, json } = await fulcio.signingCert(publicKeyRequest(token, key, EMAIL));
      expect(status).toBe(200);
      expect(chainOf(json)[0]!.publicKey.equals(key.publicKey)).toBe(true);
    });
  }

  it('accepts a proof over sub instead of the email, as sigstore-js 3 signs for unknown issuers', async () => {
    const key = signingKey();
    const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
    const { status, json } = await fulcio.signingCert(publicKeyRequest(token, key, 'user-1'));
    expect(status).toBe(200);
    expect(certificateIdentity(chainOf(json)[0]!).subjectAlternativeName).toBe(EMAIL);
  });

  it('accepts a SHA-256 proof from a P-384 key, as older clients sign', async () => {
    const key = signingKey('p384');
    const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
    const body = publicKeyRequest(token, key, EMAIL);
    body.publicKeyRequest.proofOfPossession = key.prove(EMAIL, 'sha256');
    expect((await fulcio.signingCert(body)).status).toBe(200);
  });
});
