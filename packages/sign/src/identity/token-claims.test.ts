import { describe, expect, it } from 'vitest';
import { SigningError } from '../errors.js';
import { proofOfPossessionChallenge, readTokenClaims } from './token-claims.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: unknown) => `${part({ alg: 'ES256' })}.${part(claims)}.c2lnbmF0dXJl`;

function refusal(value: string): SigningError {
  try {
    readTokenClaims(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SigningError);
    return error as SigningError;
  }
  throw new Error('expected a SigningError');
}

describe('readTokenClaims', () => {
  it('reads iss, sub and email from the payload', () => {
    const claims = readTokenClaims(token({ iss: 'https://issuer', sub: '42', email: 'me@example.com' }));
    expect([claims.iss, claims.sub, claims.email]).toEqual(['https://issuer', '42', 'me@example.com']);
  });

  it('refuses a value that is not three dot-separated parts, without repeating it', () => {
    const error = refusal('not-a-token-SECRET');
    expect(error.code).toBe('ERR_IDENTITY_TOKEN');
    expect(error.message).not.toContain('SECRET');
  });

  it('refuses a payload that is not JSON', () => {
    expect(refusal('a.bm90IGpzb24.c').message).toBe(
      'the identity token payload is not base64url-encoded JSON',
    );
  });

  it('refuses a token without an issuer or a subject', () => {
    expect(refusal(token({ sub: 'x' })).message).toBe('the identity token has no iss (issuer) claim');
    expect(refusal(token({ iss: 'https://i' })).message).toBe(
      'the identity token has no sub (subject) claim',
    );
  });
});

describe('proofOfPossessionChallenge', () => {
  it('is the email for tokens that carry one', () => {
    expect(
      proofOfPossessionChallenge(readTokenClaims(token({ iss: 'i', sub: '1', email: 'me@x.test' }))),
    ).toBe('me@x.test');
  });

  it('is the subject for workload tokens', () => {
    const sub = 'repo:acme/app:ref:refs/heads/main';
    expect(proofOfPossessionChallenge(readTokenClaims(token({ iss: 'i', sub })))).toBe(sub);
  });
});
