import { describe, expect, it } from 'vitest';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { OidcError } from '../errors.js';
import { audiencesOf, decodeTokenClaims } from './claims.js';

describe('decodeTokenClaims', () => {
  it('decodes the claims without verifying the signature', () => {
    const claims = decodeTokenClaims(fakeJwt({ email: 'alice@example.com' }));
    expect(claims).toMatchObject({ iss: 'https://ci.example', aud: 'sigstore', email: 'alice@example.com' });
  });

  it('throws ERR_TOKEN_INVALID without quoting the input', () => {
    const input = 'eyJhbGciOiJub25lIn0.bm90IGpzb24.';
    try {
      decodeTokenClaims(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(OidcError);
      expect((err as OidcError).code).toBe('ERR_TOKEN_INVALID');
      expect((err as OidcError).message).not.toContain(input);
    }
  });
});

describe('audiencesOf', () => {
  it('reads a string or an array and drops non-strings', () => {
    expect(audiencesOf({ aud: 'a' })).toEqual(['a']);
    expect(audiencesOf({ aud: ['a', 1 as never, 'b'] })).toEqual(['a', 'b']);
    expect(audiencesOf({})).toEqual([]);
  });
});
