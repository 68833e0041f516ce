import type { CertificateAuthorityJson, TransparencyLogInstanceJson } from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import type { ServiceHandler } from '@keyless/core/server';
import { loadOrCreateCertificateAuthority } from './certificate-authority.js';
import { loadOrCreateCtLog } from './ct-log.js';
import { ensureDir } from './files.js';
import { createFulcioHandler } from './handler.js';
import { IssuerKeys, type TrustedIssuer } from './oidc/issuer-keys.js';

/** An OIDC issuer whose tokens the CA accepts. */
export interface OidcIssuerOptions {
  /** Must equal the tokens' `iss` exactly. */
  issuerUrl: string;
  /** Where the issuer's keys are; default: discovered from `${issuerUrl}/.well-known/openid-configuration`. */
  jwksUri?: string;
  /**
   * What identity its tokens carry: `email` (default; the verified `email` claim), `ci` (a
   * GitHub-Actions-style workflow token; `github-workflow`, Fulcio's name for it, is accepted too)
   * or `uri` (`sub` is a URI).
   */
  type?: 'email' | 'ci' | 'github-workflow' | 'uri';
}

export interface FulcioServerOptions {
  /** The CA's folder: keys, certificates and the CT log key are kept there (created if missing). */
  dir: string;
  /** The CA's public base URL, e.g. `http://127.0.0.1:5555/fulcio`. */
  url: string;
  oidcIssuers: OidcIssuerOptions[];
  /** The `aud` tokens must carry; default `sigstore`. */
  clientId?: string;
  /** Validity of issued certificates; default 600 (10 minutes, as Fulcio). */
  certificateLifetimeSeconds?: number;
  /** The clock, for tests; default `() => new Date()`. */
  now?: () => Date;
}

/** A running CA: its HTTP handler and its pieces of the trusted root. */
export interface FulcioServer {
  handler: ServiceHandler;
  /** Stops background work. Idempotent. */
  close(): Promise<void>;
  /** The CA (intermediate, then root), valid from the CA's creation. */
  certificateAuthority: CertificateAuthorityJson;
  /** The CT log whose SCTs the certificates embed. */
  ctlog: TransparencyLogInstanceJson;
}

function trustedIssuers(options: readonly OidcIssuerOptions[]): Map<string, TrustedIssuer> {
  const issuers = new Map<string, TrustedIssuer>();
  for (const issuer of options) {
    const type = issuer.type === 'github-workflow' ? 'ci' : (issuer.type ?? 'email');
    const trusted: TrustedIssuer = { issuerUrl: issuer.issuerUrl, type };
    if (issuer.jwksUri) trusted.jwksUri = issuer.jwksUri;
    issuers.set(issuer.issuerUrl, trusted);
  }
  return issuers;
}

/**
 * Starts a Fulcio-compatible CA with its own in-process CT log. It serves Fulcio's API v2
 * (`signingCert`, `configuration`, `trustBundle`) through `handler` and never listens by itself.
 * The first start creates an ECDSA P-384 root and intermediate and a P-256 CT log key in `dir`
 * (private keys mode 0600); later starts on the same folder reuse them.
 *
 * @example
 * ```ts
 * const fulcio = await createFulcioServer({
 *   dir: '.keyless/fulcio',
 *   url: 'http://127.0.0.1:5555/fulcio',
 *   oidcIssuers: [{ issuerUrl: 'http://127.0.0.1:5555/oidc', type: 'email' }],
 * });
 * http.createServer(fulcio.handler).listen(5555, '127.0.0.1');
 * ```
 */
export async function createFulcioServer(options: FulcioServerOptions): Promise<FulcioServer> {
  const url = options.url.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const lifetimeSeconds = options.certificateLifetimeSeconds ?? 600;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    throw new TypeError('certificateLifetimeSeconds must be a positive integer');
  }
  ensureDir(options.dir);
  const ca = await loadOrCreateCertificateAuthority(options.dir, url, now());
  const ctlog = loadOrCreateCtLog(options.dir, `${url}/ctlog`, now());
  const http = createHttpClient({ service: 'OIDC issuer', retries: 1, timeoutMs: 10_000 });
  const handler = createFulcioHandler({
    ca,
    ctlog,
    issuers: trustedIssuers(options.oidcIssuers),
    keys: new IssuerKeys(http),
    clientId: options.clientId ?? 'sigstore',
    lifetimeSeconds,
    now,
  });
  let closed: Promise<void> | undefined;
  return {
    handler,
    close: () => {
      closed ??= http.close();
      return closed;
    },
    certificateAuthority: ca.json,
    ctlog: ctlog.json,
  };
}
