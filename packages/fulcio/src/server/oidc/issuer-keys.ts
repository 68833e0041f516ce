import type { HttpClient } from '@keyless/core/http';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { FulcioError } from '../../errors.js';

/** One OIDC issuer this CA accepts tokens from. */
export interface TrustedIssuer {
  issuerUrl: string;
  /** Where its keys are; discovered from `${issuerUrl}/.well-known/openid-configuration` when absent. */
  jwksUri?: string;
  type: 'email' | 'ci' | 'uri';
}

/** Keys are refreshed after this long, and at most this often when a token names an unknown key. */
const MAX_AGE_MS = 10 * 60 * 1000;
const REFRESH_COOLDOWN_MS = 30 * 1000;

interface CachedKeys {
  keys: JWTVerifyGetKey;
  fetchedAt: number;
}

function unavailable(issuer: TrustedIssuer, what: string, cause: unknown): never {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  throw new FulcioError(
    'ERR_FULCIO_ISSUER_UNAVAILABLE',
    `cannot fetch the ${what} of OIDC issuer ${issuer.issuerUrl}${detail}`,
    { cause },
  );
}

/**
 * The signing keys (JWKS) of the trusted OIDC issuers, fetched on first use and cached. A token
 * signed with a key not in the cache triggers one refetch (rate-limited), so that issuers can
 * rotate keys without a restart.
 */
export class IssuerKeys {
  private readonly cache = new Map<string, Promise<CachedKeys>>();
  private readonly jwksUris = new Map<string, Promise<string>>();

  constructor(
    private readonly http: HttpClient,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The issuer's key set; `refresh` asks for a fresh copy unless one was fetched very recently. */
  async keysFor(issuer: TrustedIssuer, options: { refresh?: boolean } = {}): Promise<JWTVerifyGetKey> {
    const cached = this.cache.get(issuer.issuerUrl);
    if (cached) {
      const entry = await cached.catch(() => undefined);
      const age = entry ? this.clock() - entry.fetchedAt : Number.POSITIVE_INFINITY;
      const stale = age > MAX_AGE_MS || (options.refresh === true && age > REFRESH_COOLDOWN_MS);
      if (entry && !stale) return entry.keys;
    }
    const fetching = this.fetchKeys(issuer);
    this.cache.set(issuer.issuerUrl, fetching);
    return (await fetching).keys;
  }

  private async fetchKeys(issuer: TrustedIssuer): Promise<CachedKeys> {
    const jwksUri = await this.jwksUri(issuer);
    let jwks: JSONWebKeySet;
    try {
      jwks = await this.http.getJson<JSONWebKeySet>(jwksUri);
      return { keys: createLocalJWKSet(jwks), fetchedAt: this.clock() };
    } catch (cause) {
      return unavailable(issuer, 'keys (JWKS)', cause);
    }
  }

  private jwksUri(issuer: TrustedIssuer): Promise<string> {
    if (issuer.jwksUri) return Promise.resolve(issuer.jwksUri);
    let uri = this.jwksUris.get(issuer.issuerUrl);
    if (!uri) {
      uri = this.discover(issuer);
      this.jwksUris.set(issuer.issuerUrl, uri);
      // A failed discovery is retried on the next request rather than remembered.
      uri.catch(() => this.jwksUris.delete(issuer.issuerUrl));
    }
    return uri;
  }

  private async discover(issuer: TrustedIssuer): Promise<string> {
    const url = `${issuer.issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      document = await this.http.getJson(url);
    } catch (cause) {
      return unavailable(issuer, 'discovery document', cause);
    }
    // OpenID Connect Discovery §4.3: the document must be the issuer's own.
    if (document.issuer !== issuer.issuerUrl) {
      return unavailable(
        issuer,
        'discovery document',
        new Error(`it names issuer ${String(document.issuer)}`),
      );
    }
    if (typeof document.jwks_uri !== 'string') {
      return unavailable(issuer, 'discovery document', new Error('it has no jwks_uri'));
    }
    return document.jwks_uri;
  }
}
