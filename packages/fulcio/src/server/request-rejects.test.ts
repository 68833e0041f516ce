import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyRequest, type RunningFulcio, signingKey, startFulcio } from '../../test/fulcio-server.js';
import { startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';

const EMAIL = 'signer@keyless.test';

let issuer: TestIssuer;
let fulcio: RunningFulcio;
let token: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
  token = await issuer.mint({ sub: 'user-1', email: EMAIL, email_verified: true }, { expiresIn: 3600 });
});
afterAll(async () => {
  await fulcio.close();
  await issuer.close();
});

describe('requests the CA refuses with 400', () => {
  it('refuses a proof of possession made by another key', async () => {
    const body = publicKeyRequest(token, signingKey(), EMAIL);
    body.publicKeyRequest.proofOfPossession = signingKey().prove(EMAIL);
    const { status, json } = await fulcio.signingCert(body);
    expect(status).toBe(400);
    expect(json.code).toBe(400);
    expect(json.message).toMatch(/^proof of possession does not verify/);
  });

  it('refuses a proof over another string than the email or sub', async () => {
    const { status } = await fulcio.signingCert(
      publicKeyRequest(token, signingKey(), 'someone@keyless.test'),
    );
    expect(status).toBe(400);
  });

  it('refuses a proof with one bit flipped', async () => {
    const body = publicKeyRequest(token, signingKey(), EMAIL);
    const proof = Buffer.from(body.publicKeyRequest.proofOfPossession, 'base64');
    proof[proof.length - 1]! ^= 0x01;
    body.publicKeyRequest.proofOfPossession = proof.toString('base64');
    expect((await fulcio.signingCert(body)).status).toBe(400);
  });

  it('refuses a P-256 proof hashed with SHA-512', async () => {
    const key = signingKey();
    const body = publicKeyRequest(token, key, EMAIL);
    body.publicKeyRequest.proofOfPossession = key.prove(EMAIL, 'sha512');
    expect((await fulcio.signingCert(body)).status).toBe(400);
  });

  for (const type of ['secp256k1', 'rsa1024'] as const) {
    it(`refuses a ${type} key as unsupported or weak`, async () => {
      const { status, json } = await fulcio.signingCert(publicKeyRequest(token, signingKey(type), EMAIL));
      expect(status).toBe(400);
      expect(json.message).toMatch(/not supported/);
    });
  }

  it('refuses a public key that is not PEM', async () => {
    const body = publicKeyRequest(token, signingKey(), EMAIL);
    body.publicKeyRequest.publicKey.content = 'not a key';
    const { status, json } = await fulcio.signingCert(body);
    expect(status).toBe(400);
    expect(json.message).toMatch(/PUBLIC KEY/);
  });

  it('refuses a proof that is not base64', async () => {
    const body = publicKeyRequest(token, signingKey(), EMAIL);
    body.publicKeyRequest.proofOfPossession = '***';
    const { status, json } = await fulcio.signingCert(body);
    expect(status).toBe(400);
    expect(json.message).toMatch(/proofOfPossession/);
  });

  it('refuses a body with neither publicKeyRequest nor certificateSigningRequest', async () => {
    const { status, json } = await fulcio.signingCert({ credentials: { oidcIdentityToken: token } });
    expect(status).toBe(400);
    expect(json.message).toMatch(/exactly one of/);
  });

  it('refuses a body that is not JSON', async () => {
    const { status, json } = await fulcio.signingCert('{not json');
    expect([status, json]).toEqual([400, { code: 400, message: 'request body is not JSON' }]);
  });

  it('checks the token before the key: a bad token with a bad proof is a 401', async () => {
    const body = publicKeyRequest('forged', signingKey(), 'other');
    expect((await fulcio.signingCert(body)).status).toBe(401);
  });
});
