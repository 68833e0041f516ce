import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { gitlabProvider } from './gitlab.js';

describe('gitlabProvider', () => {
  it('is detected in any GitLab job', async () => {
    expect(await gitlabProvider({ env: { GITLAB_CI: 'true' } }).detect?.()).toBe(true);
    expect(await gitlabProvider({ env: {} }).detect?.()).toBe(false);
  });

  it('returns the token GitLab minted into SIGSTORE_ID_TOKEN', async () => {
    const token = fakeJwt({ iss: 'https://gitlab.com' });
    const provider = gitlabProvider({ env: { GITLAB_CI: 'true', SIGSTORE_ID_TOKEN: token } });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(token);
  });

  it('names the id_tokens YAML to add when the variable is missing', async () => {
    const err = await oidcFailure(
      gitlabProvider({ env: { GITLAB_CI: 'true' } }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toBe(
      'gitlab: SIGSTORE_ID_TOKEN is not set; add to the job in .gitlab-ci.yml: "id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore"',
    );
  });

  it('reads the variable the job named', async () => {
    const token = fakeJwt();
    const provider = gitlabProvider({ env: { MY_TOKEN: token }, variable: 'MY_TOKEN' });
    await expect(provider.getToken({ audience: 'sigstore' })).resolves.toBe(token);
  });

  it('says where to set the audience when the token has another', async () => {
    const provider = gitlabProvider({ env: { SIGSTORE_ID_TOKEN: fakeJwt({ aud: 'https://gitlab.com' }) } });
    const err = await oidcFailure(provider.getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe(
      'gitlab (SIGSTORE_ID_TOKEN): the token has audience "https://gitlab.com", not "sigstore"; set "aud: sigstore" under id_tokens: SIGSTORE_ID_TOKEN',
    );
  });
});
