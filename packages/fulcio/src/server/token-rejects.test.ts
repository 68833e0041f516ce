import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyRequest, type RunningFulcio, signingKey, startFulcio } from '../../test/fulcio-server.js';
import { type MintOptions, rsaKey, startTestIssuer, type TestIssuer } from '../../test/oidc-issuer.js';

const EMAIL = 'signer@keyless.test';
const CLAIMS = { sub: 'user-1', email: EMAIL, email_verified: true };

let issuer: TestIssuer;
let stranger: TestIssuer;
let fulcio: RunningFulcio;

beforeAll(async () => {
  issuer = await startTestIssuer();
  stranger = await startTestIssuer('/stranger');
  fulcio = await startFulcio({ oidcIssuers: [{ issuerUrl: issuer.url }] });
});
afterAll(async () => {
  await fulcio.close();
  await issuer.close();
  await stranger.close();
});

async function requestWith(token: string) {
  return fulcio.signingCert(publicKeyRequest(token, signingKey(), EMAIL));
}

async function rejection(claims: Record<string, unknown>, options: MintOptions = {}, from = issuer) {
  const token = await from.mint(claims, options);
  const response = await requestWith(token);
  // The token must never come back, whole or in part.
  expect(JSON.stringify(response.json)).not.toContain(token.split('.')[2]!.slice(0, 20));
  return response;
}

describe('identity tokens the CA refuses with 401', () => {
  it('refuses a token signed by another key (forged)', async () => {
    const { status, json } = await rejection(CLAIMS, { key: await rsaKey() });
    expect(status).toBe(401);
    expect(json).toEqual({
      code: 401,
      message: "identity token signature does not verify with the issuer's keys",
    });
  });

  it('refuses a token for another audience', async () => {
    const { status, json } = await rejection(CLAIMS, { audience: 'not-sigstore' });
    expect(status).toBe(401);
    expect(json.message).toMatch(/aud/);
  });

  it('refuses an expired token', async () => {
    const { status, json } = await rejection(CLAIMS, { expiresIn: -120, issuedAt: -600 });
    expect(status).toBe(401);
    expect(json.message).toBe('identity token has expired');
  });

  it('refuses a token issued in the future', async () => {
    const { status, json } = await rejection(CLAIMS, { issuedAt: 600, expiresIn: 900 });
    expect(status).toBe(401);
    expect(json.message).toMatch(/iat/);
  });

  it('refuses a token from an issuer the CA does not trust, even one with valid keys', async () => {
    const { status, json } = await rejection(CLAIMS, {}, stranger);
    expect(status).toBe(401);
    expect(json.message).toBe(`identity token issuer "${stranger.url}" is not trusted by this CA`);
  });

  it('refuses a token whose iss names the trusted issuer but which the stranger signed', async () => {
    const { status } = await rejection(CLAIMS, { issuer: issuer.url }, stranger);
    expect(status).toBe(401);
  });

  it('refuses an email identity whose email is not verified', async () => {
    const { status, json } = await rejection({ ...CLAIMS, email_verified: false });
    expect(status).toBe(401);
    expect(json.message).toMatch(/email_verified/);
  });

  it('refuses an email identity without an email claim', async () => {
    const { status, json } = await rejection({ sub: 'user-1' });
    expect(status).toBe(401);
    expect(json.message).toMatch(/email claim/);
  });

  it('refuses a token without sub', async () => {
    const { status, json } = await rejection({ email: EMAIL, email_verified: true });
    expect(status).toBe(401);
    expect(json.message).toMatch(/sub/);
  });

  it('refuses a request without any token', async () => {
    const { credentials: _, ...body } = publicKeyRequest('x', signingKey(), EMAIL);
    const { status, json } = await fulcio.signingCert(body);
    expect(status).toBe(401);
    expect(json.message).toMatch(/no identity token/);
  });

  it('refuses a token that is not a JWT', async () => {
    const { status, json } = await requestWith('not-a-jwt');
    expect(status).toBe(401);
    expect(json).toEqual({ code: 401, message: 'identity token is not a JWT' });
  });

  it('refuses a token with a flipped signature byte', async () => {
    const token = await issuer.mint(CLAIMS);
    const [head, body, signature] = token.split('.');
    const flipped = `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const { status } = await requestWith(`${head}.${body}.${flipped}`);
    expect(status).toBe(401);
  });

  it('fetches the JWKS once and reuses it across requests', async () => {
    const before = issuer.jwksFetches();
    for (let i = 0; i < 3; i++) expect((await requestWith(await issuer.mint(CLAIMS))).status).toBe(200);
    expect(issuer.jwksFetches() - before).toBeLessThanOrEqual(1);
  });
});

describe('an issuer the CA cannot reach', () => {
  it('answers 503 naming the issuer', async () => {
    const gone = await startTestIssuer('/gone');
    const url = gone.url;
    const token = await gone.mint(CLAIMS);
    await gone.close();
    const ca = await startFulcio({ oidcIssuers: [{ issuerUrl: url }] });
    try {
      const { status, json } = await ca.signingCert(publicKeyRequest(token, signingKey(), EMAIL));
      expect(status).toBe(503);
      expect(json.message).toContain(`OIDC issuer ${url}`);
    } finally {
      await ca.close();
    }
  });
});
