import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceHandler } from '@keyless/core/server';
import Provider from 'oidc-provider';
import { sendJson, sendJsonError } from '../http/respond.js';
import { ciDiscoveryDocument } from './ci-discovery.js';
import { issuerConfiguration, SIGSTORE_CLIENT_ID } from './configuration.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { handleDevToken } from './dev-token-endpoint.js';
import { handleInteraction } from './interactions.js';
import { isLoopbackRedirectUri } from './loopback-redirect.js';
import { loadOrCreateSigningKey } from './signing-key.js';

export interface OidcIssuerOptions {
  /** The issuer's folder: its signing key and the development secret live here (mode 0600). */
  dir: string;
  /** The issuer URL, which is also its public base URL, e.g. `http://127.0.0.1:5555/oidc`. */
  url: string;
}

export interface OidcIssuer {
  /** Serves requests whose `url` is relative to the issuer URL. */
  handler: ServiceHandler;
  close(): Promise<void>;
  /** `iss` of ID tokens for people (email tokens). */
  issuer: string;
  /** `iss` of GitHub-Actions-like CI tokens (`<issuer>/ci`). */
  ciIssuer: string;
  /** Where the issuers' public keys are served. */
  jwksUri: string;
}

/**
 * Starts the development OpenID Connect issuer: the authorization code flow with PKCE and the
 * device flow for the public client `sigstore`, a sign-in page that takes any email address, and
 * `POST /dev/token` for scripts (guarded by the secret in `dir/dev-secret`). It also stands for a
 * CI issuer at `<url>/ci`, whose tokens describe a GitHub Actions workflow run.
 *
 * @example
 * ```ts
 * const issuer = await createOidcIssuer({ dir: '.keyless-dev/oidc', url: 'http://127.0.0.1:5555/oidc' });
 * http.createServer(routeByPrefix([{ prefix: '/oidc', handler: issuer.handler }])).listen(5555, '127.0.0.1');
 * ```
 */
export async function createOidcIssuer(options: OidcIssuerOptions): Promise<OidcIssuer> {
  const issuer = options.url.replace(/\/+$/, '');
  const mountPath = new URL(issuer).pathname.replace(/\/+$/, '');
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const [signingKey, secret] = await Promise.all([
    loadOrCreateSigningKey(options.dir),
    loadOrCreateDevSecret(options.dir),
  ]);
  const provider = new Provider(issuer, issuerConfiguration(signingKey, mountPath));
  allowAnyLoopbackRedirect(provider);
  const callback = provider.callback();
  const ciIssuer = `${issuer}/ci`;
  const jwksUri = `${issuer}/jwks`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://issuer').pathname;
    if (path === '/dev/token') return handleDevToken(req, res, { signingKey, secret, issuer, ciIssuer });
    if (path === '/ci/.well-known/openid-configuration') {
      return sendJson(res, 200, ciDiscoveryDocument(ciIssuer, jwksUri));
    }
    if (path.startsWith('/interaction/')) return handleInteraction(provider, mountPath, path, req, res);
    // oidc-provider finds its mount path by comparing the original URL with the one it is given.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = `${mountPath}${req.url ?? '/'}`;
    await callback(req, res);
  }

  return {
    handler(req, res) {
      route(req, res).catch(() => {
        if (!res.headersSent) sendJsonError(res, 500, 'the OIDC issuer failed to answer');
        else res.destroy();
      });
    },
    async close() {},
    issuer,
    ciIssuer,
    jwksUri,
  };
}

/**
 * RFC 8252 §7.3: a native app listens on whatever loopback port it gets, so the `sigstore`
 * client may redirect to any loopback port and path, not only the registered placeholders.
 */
function allowAnyLoopbackRedirect(provider: Provider): void {
  const prototype = provider.Client.prototype;
  const registeredOnly = prototype.redirectUriAllowed;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: typeof prototype, uri: string) {
    return this.clientId === SIGSTORE_CLIENT_ID ? isLoopbackRedirectUri(uri) : registeredOnly.call(this, uri);
  };
}
