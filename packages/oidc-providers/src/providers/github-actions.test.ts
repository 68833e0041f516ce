import { mswServer } from '@keyless/testkit';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { fakeJwt } from '../../test/helpers/tokens.js';
import { githubActionsProvider } from './github-actions.js';

const REQUEST_URL =
  'https://pipelines.actions.githubusercontent.com/AbC123/00000000-0000-0000-0000-000000000000/_apis/distributedtask/hubs/Actions/plans/1234/jobs/5678/idtoken?api-version=2.0';
const REQUEST_TOKEN = 'runtime-request-token';

const env = {
  GITHUB_ACTIONS: 'true',
  ACTIONS_ID_TOKEN_REQUEST_URL: REQUEST_URL,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
};

/** The runner's token service: checks the bearer token and mints a token for the audience. */
function tokenService(seen: { url?: URL; authorization?: string | null }) {
  return http.get('https://pipelines.actions.githubusercontent.com/*/idtoken', ({ request }) => {
    seen.url = new URL(request.url);
    seen.authorization = request.headers.get('authorization');
    if (seen.authorization !== `Bearer ${REQUEST_TOKEN}`) return new HttpResponse(null, { status: 401 });
    const audience = seen.url.searchParams.get('audience') ?? 'https://github.com/acme';
    return HttpResponse.json({
      count: 1,
      value: fakeJwt({ iss: 'https://token.actions.githubusercontent.com', aud: audience }),
    });
  });
}

describe('githubActionsProvider', () => {
  it('is detected on an Actions runner', async () => {
    expect(await githubActionsProvider({ env: { GITHUB_ACTIONS: 'true' } }).detect?.()).toBe(true);
    expect(await githubActionsProvider({ env: {} }).detect?.()).toBe(false);
  });

  it('asks the runner for a token with the audience and the bearer token', async () => {
    const seen: { url?: URL; authorization?: string | null } = {};
    mswServer.use(tokenService(seen));
    const token = await githubActionsProvider({ env }).getToken({ audience: 'sigstore' });
    expect(token.split('.')).toHaveLength(3);
    expect(seen.authorization).toBe(`Bearer ${REQUEST_TOKEN}`);
    expect(seen.url?.searchParams.get('api-version')).toBe('2.0');
    expect(seen.url?.searchParams.get('audience')).toBe('sigstore');
  });

  it('says to grant id-token: write when the request variables are missing', async () => {
    const err = await oidcFailure(
      githubActionsProvider({ env: { GITHUB_ACTIONS: 'true' } }).getToken({ audience: 'sigstore' }),
    );
    expect(err.code).toBe('ERR_PROVIDER_UNAVAILABLE');
    expect(err.message).toContain('grant the job "permissions: id-token: write"');
  });

  it('reports a refused request without the request token or query', async () => {
    mswServer.use(
      http.get('https://pipelines.actions.githubusercontent.com/*/idtoken', () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const err = await oidcFailure(githubActionsProvider({ env }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_PROVIDER_FAILED');
    expect(err.message).toContain(
      'github-actions: GitHub Actions OIDC: GET https://pipelines.actions.githubusercontent.com/',
    );
    expect(err.message).toContain('returned HTTP 401');
    expect(err.message).not.toContain(REQUEST_TOKEN);
    expect(err.message).not.toContain('api-version');
  });

  it('refuses an answer without a value', async () => {
    mswServer.use(
      http.get('https://pipelines.actions.githubusercontent.com/*/idtoken', () =>
        HttpResponse.json({ count: 0 }),
      ),
    );
    const err = await oidcFailure(githubActionsProvider({ env }).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
    expect(err.message).toBe('github-actions: returned no token');
  });
});
