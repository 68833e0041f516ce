import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { oidcFailure } from '../../test/helpers/errors.js';
import { captureOutput, type FakeIssuer, installFakeIssuer } from '../../test/helpers/issuer.js';
import { browserProvider } from './browser.js';

const CODE = 'SplxlOBeZQQYbYS6WxSbIA';

/** What the authorization endpoint was asked, and what the issuer will put in the ID token. */
interface Session {
  params?: URLSearchParams;
}

/**
 * An issuer whose token endpoint checks the PKCE verifier against the challenge it saw and mints
 * an ID token with the request's nonce (or `claims` instead).
 */
async function issuerFor(session: Session, claims?: (nonce: string) => Record<string, unknown>) {
  return installFakeIssuer({
    token: async (form, issuer) => {
      const params = session.params!;
      const { createHash } = await import('node:crypto');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (form.get('code') !== CODE || challenge !== params.get('code_challenge')) {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'PKCE verification failed' },
        };
      }
      if (form.get('redirect_uri') !== params.get('redirect_uri')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'redirect_uri mismatch' } };
      }
      const nonce = params.get('nonce')!;
      return { status: 200, body: { id_token: await issuer.idToken(claims ? claims(nonce) : { nonce }) } };
    },
  });
}

/** A stand-in browser: the user signs in at once and the issuer redirects to the loopback listener. */
function browser(session: Session, redirect: (params: URLSearchParams) => Record<string, string>) {
  const pages: string[] = [];
  const visits: Promise<void>[] = [];
  const visit = async (url: string) => {
    const params = new URL(url).searchParams;
    session.params = params;
    const target = new URL(params.get('redirect_uri')!);
    for (const [k, v] of Object.entries(redirect(params))) target.searchParams.set(k, v);
    const response = await fetch(target);
    pages.push(`${response.status} ${await response.text()}`);
  };
  return {
    pages,
    /** Resolves once every page the browser was sent to has been read. */
    settled: () => Promise.all(visits),
    async open(url: string) {
      const done = visit(url);
      visits.push(done);
      await done;
    },
  };
}

function provider(issuer: FakeIssuer, open: (url: string) => Promise<void>, extra = {}) {
  return browserProvider({ issuer: issuer.url, openBrowser: open, output: captureOutput(), ...extra });
}

describe('browserProvider', () => {
  it('signs in with code + PKCE S256 on a loopback redirect and returns the verified token', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const output = captureOutput();
    const b = browser(session, (p) => ({ code: CODE, state: p.get('state')!, iss: issuer.url }));
    const token = await browserProvider({ issuer: issuer.url, openBrowser: b.open, output }).getToken({
      audience: 'sigstore',
    });
    expect(token.split('.')).toHaveLength(3);
    const params = session.params!;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('sigstore');
    expect(params.get('scope')).toBe('openid email');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/);
    expect(params.get('state')).toHaveLength(43);
    expect(params.get('nonce')).toHaveLength(43);
    expect(b.pages[0]).toMatch(/^200 .*Signed in/s);
    expect(output.text()).toContain(`https://issuer.test/authorize?`);
    expect(output.text()).not.toContain(token);
  });

  it('fails with ERR_STATE_MISMATCH when the redirect carries another state', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const b = browser(session, () => ({ code: CODE, state: 'forged' }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_STATE_MISMATCH');
    await b.settled();
    expect(b.pages[0]).toMatch(/^400 .*state mismatch/s);
    expect(issuer.tokenRequests).toHaveLength(0);
  });

  it('refuses a redirect whose iss names another issuer (RFC 9207 mix-up)', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const b = browser(session, (p) => ({ code: CODE, state: p.get('state')!, iss: 'https://evil.test' }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_FAILED');
    expect(err.message).toBe(
      'the sign-in redirect comes from issuer https://evil.test, not https://issuer.test; sign in again',
    );
    expect(issuer.tokenRequests).toHaveLength(0);
  });

  it('fails with ERR_NONCE_MISMATCH when the ID token carries another nonce', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session, () => ({ nonce: 'replayed' }));
    const b = browser(session, (p) => ({ code: CODE, state: p.get('state')! }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_NONCE_MISMATCH');
  });

  it('fails with ERR_TOKEN_INVALID when the ID token is for another client', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session, (nonce) => ({ nonce, aud: 'other' }));
    const b = browser(session, (p) => ({ code: CODE, state: p.get('state')! }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_TOKEN_INVALID');
  });

  it('fails with ERR_AUTHORIZATION_DENIED when the user declines', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const b = browser(session, (p) => ({
      error: 'access_denied',
      error_description: 'The user said no',
      state: p.get('state')!,
    }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_DENIED');
    expect(err.message).toBe('the issuer refused the sign-in: access_denied: The user said no');
  });

  it('reports a code the token endpoint refuses', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const b = browser(session, (p) => ({ code: 'wrong-code', state: p.get('state')! }));
    const err = await oidcFailure(provider(issuer, b.open).getToken({ audience: 'sigstore' }));
    expect(err.code).toBe('ERR_AUTHORIZATION_FAILED');
    expect(err.message).toBe(
      'the issuer refused the authorization code: invalid_grant: PKCE verification failed',
    );
  });

  it('falls back to an out-of-band code read from input when no redirect arrives', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const output = captureOutput();
    const opened: string[] = [];
    let inputRequested = false;
    const input = new Readable({
      read() {
        if (inputRequested) return;
        inputRequested = true;
        // The user pastes the code shown by the issuer's out-of-band page.
        const oobUrl = output.text().match(/https:\/\/issuer\.test\/authorize\?\S*oob\S*/)![0];
        session.params = new URL(oobUrl).searchParams;
        this.push(`${CODE}\n`);
      },
    });
    const token = await browserProvider({
      issuer: issuer.url,
      openBrowser: async (url) => {
        opened.push(url);
      },
      output,
      input,
      timeoutMs: 20,
    }).getToken({ audience: 'sigstore' });
    expect(token.split('.')).toHaveLength(3);
    expect(session.params?.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob');
    expect(issuer.tokenRequests[0]?.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob');
    expect(opened).toHaveLength(1);
    expect(output.text()).toContain('paste the code shown');
  });

  it('fails when the input ends without a code', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const err = await oidcFailure(
      provider(issuer, async () => {}, { input: Readable.from([]), timeoutMs: 10 }).getToken({
        audience: 'sigstore',
      }),
    );
    expect(err.code).toBe('ERR_AUTHORIZATION_FAILED');
    expect(err.message).toBe('no authorization code was entered; sign in again');
  });

  it('still works when the browser cannot be opened', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const b = browser(session, (p) => ({ code: CODE, state: p.get('state')! }));
    const open = async (url: string) => {
      setTimeout(() => void b.open(url), 10);
      throw new Error('xdg-open: not found');
    };
    await expect(provider(issuer, open).getToken({ audience: 'sigstore' })).resolves.toContain('.');
  });

  it('gives up with the caller abort reason', async () => {
    const session: Session = {};
    const issuer = await issuerFor(session);
    const controller = new AbortController();
    const reason = new Error('Ctrl-C');
    const pending = provider(issuer, async () => {
      controller.abort(reason);
    }).getToken({ audience: 'sigstore', signal: controller.signal });
    await expect(pending).rejects.toBe(reason);
  });
});
