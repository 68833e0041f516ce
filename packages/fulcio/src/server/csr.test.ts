import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOf, type RunningFulcio, startFulcio } from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';
import { certificateIdentity } from '../certificate/identity.js';
import { verifyEmbeddedScts } from '../sct/verify.js';
import { x509 } from './x509.js';

const EMAIL = 'signer@keyless.test';
const P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

let issuer: TestIssuer;
let fulcio: RunningFulcio;

beforeAll(async () => {
  issuer = await startTestIssuer();
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
});
afterAll(async () => {
  await fulcio.close();
  await issuer.close();
});

async function csr() {
  const keys = (await webcrypto.subtle.generateKey(P256, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${EMAIL}`,
    keys,
    signingAlgorithm: P256,
  });
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return { pem: request.toString('pem'), der: new Uint8Array(request.rawData), spki };
}

async function post(certificateSigningRequest: string) {
  const token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true });
  return fulcio.signingCert({ credentials: { oidcIdentityToken: token }, certificateSigningRequest });
}

describe('POST /api/v2/signingCert with a certificate signing request', () => {
  it('certifies the key of a PEM CSR (base64 of the PEM, as Fulcio expects)', async () => {
    const request = await csr();
    const { status, json } = await post(Buffer.from(request.pem).toString('base64'));
    expect(status).toBe(200);
    const [leaf, intermediate] = chainOf(json);
    expect(Buffer.from(leaf!.subjectPublicKeyInfo).equals(request.spki)).toBe(true);
    expect(certificateIdentity(leaf!).subjectAlternativeName).toBe(EMAIL);
    expect(verifyEmbeddedScts(leaf!, intermediate!, fulcio.trust().ctlogs)).toHaveLength(1);
  });

  it('takes only the key from the CSR: the subject stays empty', async () => {
    const { json } = await post(Buffer.from((await csr()).pem).toString('base64'));
    expect([...chainOf(json)[0]!.subjectDer]).toEqual([0x30, 0x00]);
  });

  it('accepts base64 of the DER as well', async () => {
    const { status } = await post(Buffer.from((await csr()).der).toString('base64'));
    expect(status).toBe(200);
  });

  it('refuses a CSR whose self-signature does not verify', async () => {
    const der = (await csr()).der;
    der[der.length - 3]! ^= 0x01;
    const { status, json } = await post(Buffer.from(der).toString('base64'));
    expect(status).toBe(400);
    expect(json.message).toMatch(/signature does not verify/);
  });

  it('refuses bytes that are not a CSR', async () => {
    const { status, json } = await post(Buffer.from('hello').toString('base64'));
    expect(status).toBe(400);
    expect(json.message).toMatch(/PKCS#10/);
  });
});
