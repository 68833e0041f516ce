import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { environmentTokenProvider } from './environment.js';

describe('environmentTokenProvider', () => {
  it('returns SIGSTORE_ID_TOKEN', async () => {
    const token = fakeJwt();
    const provider = environmentTokenProvider({ SIGSTORE_ID_TOKEN: token });
    expect(await provider.detect?.()).toBe(true);
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(token);
  });

  it('is not detected when the variable is empty', async () => {
    expect(await environmentTokenProvider({ SIGSTORE_ID_TOKEN: ' ' }).detect?.()).toBe(false);
  });

  it('says the variable is not set', async () => {
    const err = await oidcFailure(environmentTokenProvider({}).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toBe('SIGSTORE_ID_TOKEN is not set');
  });
});
