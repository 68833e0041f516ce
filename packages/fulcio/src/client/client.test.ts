import { sign, webcrypto } from 'node:crypto';
import { X509Certificate } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFulcio, signingKey, startFulcio } from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';
import { certificateIdentity } from '../certificate/identity.js';
import { FulcioError } from '../errors.js';
import { x509 } from '../server/x509.js';
import { createFulcioCertificateAuthority } from './certificate-authority.js';
import { createFulcioClient } from './client.js';

const EMAIL = 'signer@keyless.test';

let issuer: TestIssuer;
let fulcio: RunningFulcio;
let other: RunningFulcio;

beforeAll(async () => {
  issuer = await startTestIssuer();
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
  other = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
});
afterAll(async () => {
  await fulcio.close();
  await other.close();
  await issuer.close();
});

async function keyRequest() {
  const key = signingKey();
  return {
    key,
    request: {
      identityToken: await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true }),
      publicKey: new Uint8Array(key.spki),
      proofOfPossession: sign('sha256', Buffer.from(EMAIL), key.privateKey),
    },
  };
}

async function failure(run: Promise<unknown>): Promise<FulcioError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof FulcioError) return error;
  throw new Error(`expected a FulcioError, got ${String(error)}`);
}

describe('createFulcioClient against the local CA', () => {
  it('resolves to the DER chain, leaf first, checked against the trusted root', async () => {
    const client = createFulcioClient({ baseUrl: fulcio.url, trust: fulcio.trust() });
    const { key, request } = await keyRequest();
    const chain = (await client.requestCertificate(request)).map((der) => X509Certificate.parse(der));
    await client.close();
    expect(chain).toHaveLength(3);
    expect(chain[0]!.publicKey.equals(key.publicKey)).toBe(true);
    expect(certificateIdentity(chain[0]!).subjectAlternativeName).toBe(EMAIL);
    expect(chain[0]!.verifySignedBy(chain[1]!.publicKey)).toBe(true);
  });

  it('sends a CSR as base64 PEM and certifies its key', async () => {
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=x',
      keys,
      signingAlgorithm: algorithm,
    });
    const client = createFulcioClient({ baseUrl: fulcio.url, trust: fulcio.trust() });
    const [leaf] = await client.requestCertificate({
      identityToken: await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true }),
      csr: new Uint8Array(csr.rawData),
    });
    await client.close();
    const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
    expect(Buffer.from(X509Certificate.parse(leaf!).subjectPublicKeyInfo).equals(spki)).toBe(true);
  });

  it('rejects a chain from a CA that is not in the trusted root (ERR_FULCIO_CHAIN_UNTRUSTED)', async () => {
    const client = createFulcioClient({ baseUrl: fulcio.url, trust: other.trust() });
    const error = await failure(client.requestCertificate((await keyRequest()).request));
    expect(error.code).toBe('ERR_FULCIO_CHAIN_UNTRUSTED');
    expect(error.message).toMatch(
      /^Fulcio: the issued certificate does not chain to a certificate authority/,
    );
  });

  it('rejects a trusted CA whose SCT comes from an untrusted CT log (ERR_SCT_UNKNOWN_LOG)', async () => {
    const trust = { ...fulcio.trust(), ctlogs: other.trust().ctlogs };
    const client = createFulcioClient({ baseUrl: fulcio.url, trust });
    const error = await failure(client.requestCertificate((await keyRequest()).request));
    expect(error.code).toBe('ERR_SCT_UNKNOWN_LOG');
    expect(error.message).toMatch(/^Fulcio: issued certificate failed the SCT check/);
  });

  it('passes on what Fulcio said when it refuses (ERR_FULCIO_REQUEST_FAILED)', async () => {
    const client = createFulcioClient({ baseUrl: fulcio.url });
    const { request } = await keyRequest();
    const error = await failure(
      client.requestCertificate({ ...request, proofOfPossession: Uint8Array.of(1) }),
    );
    expect(error.code).toBe('ERR_FULCIO_REQUEST_FAILED');
    expect(error.message).toMatch(/^Fulcio: POST .*\/api\/v2\/signingCert returned HTTP 400/);
    expect(error.message).toContain('proof of possession does not verify');
  });

  it('names Fulcio and the 401 reason for a token it refuses, without the token', async () => {
    const client = createFulcioClient({ baseUrl: fulcio.url });
    const { request } = await keyRequest();
    const token = await issuer.mint({ sub: 'u', email: EMAIL, email_verified: true }, { audience: 'other' });
    const error = await failure(client.requestCertificate({ ...request, identityToken: token }));
    expect(error.code).toBe('ERR_FULCIO_REQUEST_FAILED');
    expect(error.message).toMatch(/HTTP 401.*aud/);
    expect(error.message).not.toContain(token.slice(-20));
  });

  it('reads the configuration and the trust bundle', async () => {
    const client = createFulcioClient({ baseUrl: fulcio.url });
    const configuration = await client.getConfiguration();
    const bundle = await client.getTrustBundle();
    await client.close();
    expect(configuration.issuers[0]?.issuerUrl).toBe(issuer.url);
    expect(bundle[0]?.map((der) => Buffer.from(der).toString('base64'))).toEqual(
      fulcio.server.certificateAuthority.certChain.certificates.map((c) => c.rawBytes),
    );
  });
});

describe('createFulcioCertificateAuthority', () => {
  it("implements core's CertificateAuthorityClient over the client", async () => {
    const ca = createFulcioCertificateAuthority({ baseUrl: fulcio.url, trust: fulcio.trust() });
    const { key, request } = await keyRequest();
    const chain = await ca.issueCertificate(request);
    expect(ca.name).toBe('fulcio');
    expect(X509Certificate.parse(chain[0]!).publicKey.equals(key.publicKey)).toBe(true);
  });
});
