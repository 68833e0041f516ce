import { createLocalJWKSet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { createTestSigner, epoch, type TestSigner } from '../../test/helpers/tokens.js';
import { verifyIdToken } from './verify-id-token.js';

let signer: TestSigner;
let other: TestSigner;
beforeAll(async () => {
  signer = await createTestSigner('k1');
  other = await createTestSigner('k1');
});

const ISSUER = 'https://issuer.test';
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  sub: 'alice',
  aud: 'sigstore',
  nonce: 'n-1',
  exp: epoch(300),
  ...extra,
});
const verify = (token: string, nonce = 'n-1') =>
  verifyIdToken(token, {
    keys: createLocalJWKSet(signer.jwks as never),
    issuer: ISSUER,
    audience: 'sigstore',
    nonce,
  });

describe('verifyIdToken', () => {
  it('returns the claims of a valid token', async () => {
    await expect(verify(await signer.sign(claims()))).resolves.toMatchObject({ sub: 'alice' });
  });

  it('rejects a token signed by another key with the same kid', async () => {
    const err = await oidcFailure(verify(await other.sign(claims())));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe("the ID token's signature does not verify with the issuer's keys");
  });

  it('rejects a token whose signature has a flipped byte', async () => {
    const token = await signer.sign(claims());
    const [h, p, s] = token.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    sig[5]! ^= 0x01;
    const err = await oidcFailure(verify(`${h}.${p}.${sig.toString('base64url')}`));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
  });

  it('rejects a token for another audience', async () => {
    const err = await oidcFailure(verify(await signer.sign(claims({ aud: 'someone-else' }))));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe('the ID token is not meant for client "sigstore"');
  });

  it('rejects a token from another issuer', async () => {
    const err = await oidcFailure(verify(await signer.sign(claims({ iss: 'https://evil.test' }))));
    expect(err.message).toBe('the ID token was not issued by https://issuer.test');
  });

  it('rejects an expired token', async () => {
    const err = await oidcFailure(verify(await signer.sign(claims({ exp: epoch(-120) }))));
    expect(err.code).toBe('ERR_TOKEN_EXPIRED');
  });

  it('rejects a token with another nonce', async () => {
    const err = await oidcFailure(verify(await signer.sign(claims({ nonce: 'n-2' }))));
    expect(err.code).toBe('ERR_NONCE_MISMATCH');
  });

  it('rejects a token signed with a key id the issuer does not publish', async () => {
    const err = await oidcFailure(verify(await signer.sign(claims(), { kid: 'unknown' })));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe('the ID token is signed by a key the issuer does not publish');
  });

  it('rejects an unsigned token', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const err = await oidcFailure(verify(`${b64({ alg: 'none' })}.${b64(claims())}.`));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
  });
});
