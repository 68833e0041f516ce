import { afterEach, describe, expect, it } from 'vitest';
import { OidcError } from '../errors.js';
import { type CallbackServer, startCallbackServer } from './callback-server.js';

let server: CallbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startCallbackServer', () => {
  it('listens on 127.0.0.1 at /auth/callback', async () => {
    server = await startCallbackServer('s');
    expect(server.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/);
  });

  it('answers other paths with 404 and keeps waiting', async () => {
    server = await startCallbackServer('s');
    const origin = new URL(server.redirectUri).origin;
    expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404);
    const response = await fetch(`${server.redirectUri}?code=c&state=s`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    await expect(server.code).resolves.toEqual({ code: 'c' });
  });

  it('passes on the iss parameter of RFC 9207', async () => {
    server = await startCallbackServer('s');
    await fetch(`${server.redirectUri}?code=c&state=s&iss=${encodeURIComponent('https://issuer.test')}`);
    await expect(server.code).resolves.toEqual({ code: 'c', iss: 'https://issuer.test' });
  });

  it('ignores a redirect with neither code nor error', async () => {
    server = await startCallbackServer('s');
    expect((await fetch(`${server.redirectUri}?state=s`)).status).toBe(400);
    await fetch(`${server.redirectUri}?code=c2&state=s`);
    await expect(server.code).resolves.toEqual({ code: 'c2' });
  });

  it('escapes what the issuer says on the error page', async () => {
    server = await startCallbackServer('s');
    const response = await fetch(
      `${server.redirectUri}?error=server_error&error_description=%3Cscript%3E&state=s`,
    );
    expect(await response.text()).toContain('server_error: &lt;script&gt;');
    await expect(server.code).rejects.toBeInstanceOf(OidcError);
  });

  it('answers later redirects as already done', async () => {
    server = await startCallbackServer('s');
    await fetch(`${server.redirectUri}?code=c&state=s`);
    expect((await fetch(`${server.redirectUri}?code=d&state=s`)).status).toBe(409);
    await expect(server.code).resolves.toEqual({ code: 'c' });
  });
});
