import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Seconds since the epoch, `offset` seconds from now. */
export function epoch(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}

/** A JWT-shaped token with the given claims and a meaningless signature: for providers that only decode. */
export function fakeJwt(claims: Record<string, unknown> = {}): string {
  const payload = {
    iss: 'https://ci.example',
    sub: 'repo:acme/app',
    aud: 'sigstore',
    exp: epoch(600),
    ...claims,
  };
  return `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(payload)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

/** A signing key of a test issuer, with its public JWKS. */
export interface TestSigner {
  jwks: { keys: Record<string, unknown>[] };
  sign(claims: JWTPayload, options?: { kid?: string }): Promise<string>;
}

/** An ES256 key pair that signs ID tokens, and the JWKS that publishes its public half. */
export async function createTestSigner(kid = 'test-key'): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (claims, options) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: options?.kid ?? kid }).sign(privateKey),
  };
}
