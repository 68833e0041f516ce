import type { Readable } from 'node:stream';
import type { OidcProvider } from '@keyless/core';
import type { HttpClient, HttpClientOptions } from '@keyless/core/http';
import { startCallbackServer } from '../browser/callback-server.js';
import { type OpenBrowser, openSystemBrowser } from '../browser/open-browser.js';
import { readLine } from '../browser/read-line.js';
import { OidcError } from '../errors.js';
import {
  type AuthorizationAttempt,
  type AuthorizationSettings,
  exchangeCode,
  newAuthorizationAttempt,
} from '../oidc/authorization-code.js';
import { discoverIssuer } from '../oidc/discovery.js';
import { providerFailure, withHttpClient } from '../oidc/http.js';
import { issuerKeys } from '../oidc/jwks.js';
import { DEFAULT_CLIENT_ID, DEFAULT_SCOPE, type TextOutput } from '../oidc/output.js';
import { randomValue } from '../oidc/pkce.js';
import { verifyIdToken } from '../token/verify-id-token.js';

/** Name of {@link browserProvider}. */
export const BROWSER_PROVIDER_NAME = 'browser';

/** The redirect URI of the out-of-band fallback: the issuer shows the code for the user to copy. */
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

/** Options of {@link browserProvider}. */
export interface BrowserProviderOptions {
  /** The OpenID issuer URL, e.g. `https://oauth2.sigstore.dev/auth`. */
  issuer: string;
  /** Default `sigstore`. The ID token's `aud` is this client ID. */
  clientId?: string;
  /** Opens the URL; default: the system browser. Failures are ignored (the URL is printed too). */
  openBrowser?: OpenBrowser;
  /** Where instructions go. Default `process.stderr`. */
  output?: TextOutput;
  /** Where the out-of-band code is read from. Default `process.stdin`. */
  input?: Readable;
  /** How long to wait for the browser's redirect before offering out-of-band code entry. Default 120 000 ms. */
  timeoutMs?: number;
  /** Redirect URI of the out-of-band fallback. Default `urn:ietf:wg:oauth:2.0:oob`. */
  oobRedirectUri?: string;
  /** Default `openid email`. */
  scope?: string;
  /** Settings of the HTTP client (timeouts, retries). */
  http?: HttpClientOptions;
}

interface Received {
  attempt: AuthorizationAttempt;
  code: string;
  /** The issuer named in the redirect (RFC 9207), when it names one. */
  iss?: string;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function aborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Signs the user in with their browser: the OAuth 2.0 authorization code flow for native apps
 * (RFC 8252) with PKCE S256, `state` and `nonce`. It discovers the issuer, listens on
 * `http://127.0.0.1:<random port>/auth/callback`, opens the system browser at the authorization
 * URL and prints that URL too, checks the `state` of the redirect, exchanges the code, and
 * verifies the ID token (signature from the issuer's `jwks_uri`, `iss`, `aud` = client ID, `exp`,
 * `nonce`).
 *
 * When no redirect arrives within `timeoutMs` (the browser runs on another machine, say), it also
 * prints an authorization URL whose redirect is `urn:ietf:wg:oauth:2.0:oob`, where the issuer
 * shows the code, and reads that code from `input`; whichever arrives first is used.
 *
 * The token's audience is the client ID, whatever `audience` `getToken` is given: an interactive
 * sign-in cannot pick it (Sigstore issuers use client ID and audience `sigstore`).
 *
 * @example
 * ```ts
 * const provider = browserProvider({ issuer: 'https://oauth2.sigstore.dev/auth' });
 * const token = await provider.getToken({ audience: 'sigstore' });
 * ```
 */
export function browserProvider(options: BrowserProviderOptions): OidcProvider {
  const name = BROWSER_PROVIDER_NAME;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const output = options.output ?? process.stderr;
  const openBrowser = options.openBrowser ?? openSystemBrowser;
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function signIn(http: HttpClient, signal: AbortSignal | undefined): Promise<string> {
    const metadata = await discoverIssuer(http, options.issuer, signal);
    const methods = metadata.code_challenge_methods_supported;
    if (methods && !methods.includes('S256')) {
      throw new OidcError('ERR_DISCOVERY_FAILED', `${options.issuer} does not support PKCE with S256`);
    }
    const settings: AuthorizationSettings = { metadata, clientId, scope: options.scope ?? DEFAULT_SCOPE };
    const stop = new AbortController();
    const state = randomValue();
    const server = await startCallbackServer(state);
    try {
      const loopback = newAuthorizationAttempt(settings, server.redirectUri, state);
      output.write(
        `Sign in to ${options.issuer} in your browser. If it does not open, visit:\n\n  ${loopback.url}\n\n`,
      );
      openBrowser(loopback.url).catch(() => {
        // The URL is printed above; the user can open it by hand.
      });
      const viaLoopback = server.code.then((result): Received => ({ attempt: loopback, ...result }));
      const viaOutOfBand = delay(timeoutMs, stop.signal).then(async (): Promise<Received> => {
        const oob = newAuthorizationAttempt(settings, options.oobRedirectUri ?? OOB_REDIRECT_URI);
        output.write(
          `No sign-in has reached this machine yet. If your browser runs elsewhere, open this URL, sign in, and paste the code shown:\n\n  ${oob.url}\n\nCode: `,
        );
        const code = await readLine(options.input ?? process.stdin, stop.signal);
        if (code === undefined) {
          throw new OidcError('ERR_AUTHORIZATION_FAILED', 'no authorization code was entered; sign in again');
        }
        return { attempt: oob, code };
      });
      const { attempt, code, iss } = await Promise.race([viaLoopback, viaOutOfBand, aborted(signal)]);
      stop.abort();
      // RFC 9207: a redirect naming another issuer is a mix-up; its code must not be sent here.
      if (iss !== undefined && iss !== metadata.issuer) {
        throw new OidcError(
          'ERR_AUTHORIZATION_FAILED',
          `the sign-in redirect comes from issuer ${iss}, not ${metadata.issuer}; sign in again`,
        );
      }
      const idToken = await exchangeCode(http, settings, attempt, code, signal);
      await verifyIdToken(idToken, {
        keys: issuerKeys(http, metadata.jwks_uri),
        issuer: metadata.issuer,
        audience: clientId,
        nonce: attempt.nonce,
      });
      return idToken;
    } finally {
      stop.abort();
      await server.close();
    }
  }

  return {
    name,
    async getToken({ signal }) {
      try {
        return await withHttpClient({ service: 'OIDC issuer', ...options.http }, (http) =>
          signIn(http, signal),
        );
      } catch (err) {
        throw providerFailure(name, err, signal);
      }
    },
  };
}
