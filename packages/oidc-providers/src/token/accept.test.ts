import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { epoch, fakeJwt } from '../../test/helpers/tokens.js';
import { acceptToken } from './accept.js';

const accept = async (value: unknown, options = { audience: 'sigstore' }) =>
  acceptToken(value, 'test', options);

describe('acceptToken', () => {
  it('returns a JWT for the audience, trimmed', async () => {
    const token = fakeJwt();
    await expect(accept(`  ${token}\n`)).resolves.toBe(token);
  });

  it('accepts an audience listed in an array', async () => {
    await expect(accept(fakeJwt({ aud: ['other', 'sigstore'] }))).resolves.toContain('.');
  });

  it('refuses something that is not a JWT without quoting it', async () => {
    const err = await oidcFailure(accept('secret-opaque-value'));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe('test: returned something that is not a JWT');
  });

  it('refuses an empty value', async () => {
    expect((await oidcFailure(accept('   '))).message).toBe('test: returned no token');
  });

  it('refuses a token for another audience, naming both', async () => {
    const err = await oidcFailure(accept(fakeJwt({ aud: 'vault' })));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe('test: the token has audience "vault", not "sigstore"');
  });

  it('refuses an expired token', async () => {
    const err = await oidcFailure(accept(fakeJwt({ exp: epoch(-10) })));
    expect(err.code).toBe('ERR_TOKEN_EXPIRED');
    expect(err.message).toMatch(/^test: the token expired at \d{4}-/);
  });
});
