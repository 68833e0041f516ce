import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './cookie-browser.js';
import { pkcePair } from './pkce.js';
import { removeDir, type ServedIssuer, serveIssuer } from './serve-issuer.js';
import { formFields, postForm, submitLogin } from './sign-in.js';

let served: ServedIssuer;
let discovery: Record<string, string>;
let jwks: ReturnType<typeof createLocalJWKSet>;
let secret: string;

beforeAll(async () => {
  served = await serveIssuer();
  discovery = (await (await fetch(`${served.base}/oidc/.well-known/openid-configuration`)).json()) as Record<
    string,
    string
  >;
  jwks = createLocalJWKSet((await (await fetch(discovery.jwks_uri!)).json()) as JSONWebKeySet);
  secret = (await readFile(join(served.dir, 'dev-secret'), 'utf8')).trim();
});
afterAll(async () => {
  await served.close();
  removeDir(dirname(served.dir));
});

function authorizeUrl(params: Record<string, string>): string {
  return `${discovery.authorization_endpoint}?${new URLSearchParams({
    client_id: 'sigstore',
    response_type: 'code',
    scope: 'openid email',
    state: 'state-1',
    nonce: 'nonce-1',
    ...params,
  })}`;
}

async function exchangeCode(code: string, redirectUri: string, verifier: string) {
  const response = await fetch(discovery.token_endpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: 'sigstore',
      code_verifier: verifier,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function devToken(body: unknown, bearer = secret) {
  const response = await fetch(`${served.base}/oidc/dev/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('discovery', () => {
  it('names the mounted issuer and its endpoints under /oidc', () => {
    const base = `${served.base}/oidc`;
    expect(discovery).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
      device_authorization_endpoint: `${base}/device/auth`,
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'],
    });
  });

  it('serves a CI issuer discovery document pointing at the same keys', async () => {
    const ci = await (await fetch(`${served.base}/oidc/ci/.well-known/openid-configuration`)).json();
    expect(ci).toMatchObject({ issuer: `${served.base}/oidc/ci`, jwks_uri: discovery.jwks_uri });
  });
});

describe('authorization code flow', () => {
  it('signs in a typed email on a loopback redirect with a random port and issues an RS256 ID token', async () => {
    const browser = new CookieBrowser();
    const { verifier, challenge } = pkcePair();
    const redirectUri = `http://127.0.0.1:${40000 + Math.floor(Math.random() * 20000)}/auth/callback`;
    const url = authorizeUrl({
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const login = await browser.follow(url, served.base);
    const done = await submitLogin(browser, served.base, await login.response.text(), 'dev@example.com');
    const callback = new URL(done.url);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    const { status, body } = await exchangeCode(callback.searchParams.get('code')!, redirectUri, verifier);
    expect(status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(body.id_token!, jwks, {
      issuer: discovery.issuer!,
      audience: 'sigstore',
    });
    expect([protectedHeader.alg, payload.sub, payload.email, payload.email_verified]).toEqual([
      'RS256',
      'dev@example.com',
      'dev@example.com',
      true,
    ]);
  });

  it('marks the sign-in page as a development issuer', async () => {
    const { challenge } = pkcePair();
    const login = await new CookieBrowser().follow(
      authorizeUrl({
        redirect_uri: 'http://127.0.0.1:5000/cb',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      served.base,
    );
    expect(await login.response.text()).toContain('Development issuer.');
  });

  it.each(['http://localhost:61234/cb', 'http://[::1]:61235/callback', 'http://127.0.0.1/any/path'])(
    'accepts the loopback redirect %s',
    async (redirectUri) => {
      const { challenge } = pkcePair();
      const response = await new CookieBrowser().request(
        authorizeUrl({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' }),
      );
      expect([response.status, response.headers.get('location')]).toEqual([
        303,
        expect.stringMatching(/\/oidc\/interaction\//),
      ]);
    },
  );

  it.each([
    'https://example.com/callback',
    'http://192.168.1.10:8080/callback',
    'http://127.0.0.1.example.com/cb',
  ])('refuses the non-loopback redirect %s without redirecting to it', async (redirectUri) => {
    const { challenge } = pkcePair();
    const response = await new CookieBrowser().request(
      authorizeUrl({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect([response.status, response.headers.get('location'), await response.text()]).toEqual([
      400,
      null,
      expect.stringContaining('redirect_uri'),
    ]);
  });

  it('refuses a code request without code_challenge (PKCE is required)', async () => {
    const redirectUri = 'http://127.0.0.1:5001/cb';
    const response = await new CookieBrowser().request(authorizeUrl({ redirect_uri: redirectUri }));
    const location = new URL(response.headers.get('location')!);
    expect([
      location.origin,
      location.searchParams.get('error'),
      location.searchParams.get('error_description'),
    ]).toEqual(['http://127.0.0.1:5001', 'invalid_request', expect.stringContaining('PKCE')]);
  });

  it('refuses the plain PKCE method', async () => {
    const response = await new CookieBrowser().request(
      authorizeUrl({
        redirect_uri: 'http://127.0.0.1:5002/cb',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'plain',
      }),
    );
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses to exchange a code with the wrong code_verifier', async () => {
    const browser = new CookieBrowser();
    const { challenge } = pkcePair();
    const redirectUri = 'http://127.0.0.1:5003/cb';
    const login = await browser.follow(
      authorizeUrl({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' }),
      served.base,
    );
    const done = await submitLogin(browser, served.base, await login.response.text(), 'dev@example.com');
    const code = new URL(done.url).searchParams.get('code')!;
    const { status, body } = await exchangeCode(code, redirectUri, pkcePair().verifier);
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });
});

describe('device authorization grant', () => {
  it('issues an ID token once the user approves the code and signs in', async () => {
    const start = await fetch(discovery.device_authorization_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'sigstore', scope: 'openid email' }),
    });
    const device = (await start.json()) as Record<string, string>;
    const poll = () =>
      fetch(discovery.token_endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
          device_code: device.device_code!,
          client_id: 'sigstore',
        }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    expect((await poll()).body.error).toBe('authorization_pending');

    const browser = new CookieBrowser();
    // The verification link carries the code in a form the browser submits by itself.
    const autoSubmit = await (await browser.request(device.verification_uri_complete!)).text();
    const confirmPage = await (await postForm(browser, served.base, formFields(autoSubmit))).text();
    expect(confirmPage).toContain(device.user_code);
    const confirmed = await postForm(browser, served.base, formFields(confirmPage, 'op.deviceConfirmForm'));
    const login = await browser.follow(
      new URL(confirmed.headers.get('location')!, served.base).href,
      served.base,
    );
    const success = await submitLogin(
      browser,
      served.base,
      await login.response.text(),
      'device@example.com',
    );
    expect(await success.response.text()).toContain('Device approved');

    const { status, body } = await poll();
    expect(status).toBe(200);
    const { payload } = await jwtVerify(body.id_token!, jwks, {
      issuer: discovery.issuer!,
      audience: 'sigstore',
    });
    expect(payload.email).toBe('device@example.com');
  });
});

describe('development token endpoint', () => {
  it('mints an email token valid for 10 minutes, signed with the issuer key', async () => {
    const { status, body } = await devToken({ email: 'script@example.com' });
    expect(status).toBe(200);
    const { payload } = await jwtVerify(body.id_token as string, jwks, {
      issuer: discovery.issuer!,
      audience: 'sigstore',
    });
    expect([payload.sub, payload.email, payload.email_verified, payload.exp! - payload.iat!]).toEqual([
      'script@example.com',
      'script@example.com',
      true,
      600,
    ]);
  });

  it('mints a GitHub-Actions-like token from the CI issuer', async () => {
    const { body } = await devToken({ ci: true, repository: 'acme/app', ref: 'refs/tags/v1.0.0' });
    const { payload } = await jwtVerify(body.id_token as string, jwks, {
      issuer: `${served.base}/oidc/ci`,
      audience: 'sigstore',
    });
    expect(payload).toMatchObject({
      sub: 'repo:acme/app:ref:refs/tags/v1.0.0',
      repository: 'acme/app',
      repository_owner: 'acme',
      ref: 'refs/tags/v1.0.0',
      ref_type: 'tag',
      job_workflow_ref: 'acme/app/.github/workflows/release.yml@refs/tags/v1.0.0',
      runner_environment: 'github-hosted',
    });
  });

  it('refuses a wrong secret with 401', async () => {
    const { status, body } = await devToken({ email: 'a@example.com' }, 'not-the-secret');
    expect([status, body.id_token]).toEqual([401, undefined]);
  });

  it('refuses a request without a secret with 401', async () => {
    const response = await fetch(`${served.base}/oidc/dev/token`, {
      method: 'POST',
      body: '{"email":"a@example.com"}',
    });
    expect(response.status).toBe(401);
  });

  it('refuses an email token request without a valid email with 400', async () => {
    const { status, body } = await devToken({ email: 'not an email' });
    expect([status, body.message]).toEqual([400, 'email must be an email address']);
  });
});

describe('persistence', () => {
  it('keeps its signing key across a restart, so earlier tokens still verify', async () => {
    const { body } = await devToken({ email: 'keep@example.com' });
    const again = await serveIssuer(served.dir);
    try {
      const keys = createLocalJWKSet(
        (await (await fetch(`${again.base}/oidc/jwks`)).json()) as JSONWebKeySet,
      );
      const { payload } = await jwtVerify(body.id_token as string, keys, { audience: 'sigstore' });
      expect(payload.email).toBe('keep@example.com');
    } finally {
      await again.close();
    }
  });

  it('stores its signing key with mode 0600', () => {
    expect(statSync(join(served.dir, 'signing-key.json')).mode & 0o777).toBe(0o600);
  });

  it('stores the development secret with mode 0600', () => {
    expect(statSync(join(served.dir, 'dev-secret')).mode & 0o777).toBe(0o600);
  });
});
