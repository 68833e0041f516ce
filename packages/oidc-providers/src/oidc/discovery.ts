import type { HttpClient } from '@keyless/core/http';
import { OidcError } from '../errors.js';

/** The parts of an OpenID Provider's metadata (OpenID Connect Discovery 1.0 §3) this package uses. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  /** RFC 8628 §4. */
  device_authorization_endpoint?: string;
  code_challenge_methods_supported?: string[];
}

/** Trailing slashes are not significant to a person typing an issuer URL. */
function normalise(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

function discoveryError(issuer: string, message: string, cause?: unknown): OidcError {
  return new OidcError(
    'ERR_DISCOVERY_FAILED',
    `OIDC discovery of ${issuer}: ${message}`,
    cause ? { cause } : {},
  );
}

function requireUrl(issuer: string, doc: Record<string, unknown>, key: string): string {
  const value = doc[key];
  if (typeof value !== 'string') throw discoveryError(issuer, `the document has no ${key}`);
  try {
    new URL(value);
  } catch {
    throw discoveryError(issuer, `${key} is not a URL`);
  }
  return value;
}

/**
 * Fetches and checks `<issuer>/.well-known/openid-configuration`: its `issuer` must be the one
 * asked for (OpenID Connect Discovery §4.3; a trailing slash aside), and the endpoints this
 * package needs must be URLs. The HTTP client enforces HTTPS except on loopback.
 *
 * @example
 * ```ts
 * const metadata = await discoverIssuer(http, 'https://oauth2.sigstore.dev/auth');
 * console.log(metadata.token_endpoint);
 * ```
 */
export async function discoverIssuer(
  http: HttpClient,
  issuer: string,
  signal?: AbortSignal,
): Promise<ProviderMetadata> {
  const base = normalise(issuer);
  let doc: unknown;
  try {
    doc = await http.getJson(`${base}/.well-known/openid-configuration`, signal ? { signal } : {});
  } catch (err) {
    if (signal?.aborted && err === signal.reason) throw err;
    throw discoveryError(issuer, err instanceof Error ? err.message : String(err), err);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw discoveryError(issuer, 'the document is not a JSON object');
  }
  const record = doc as Record<string, unknown>;
  if (typeof record.issuer !== 'string' || normalise(record.issuer) !== base) {
    throw discoveryError(
      issuer,
      `the document names issuer ${JSON.stringify(record.issuer)}, not ${JSON.stringify(issuer)}`,
    );
  }
  const device = record.device_authorization_endpoint;
  const methods = record.code_challenge_methods_supported;
  return {
    issuer: record.issuer,
    authorization_endpoint: requireUrl(issuer, record, 'authorization_endpoint'),
    token_endpoint: requireUrl(issuer, record, 'token_endpoint'),
    jwks_uri: requireUrl(issuer, record, 'jwks_uri'),
    ...(typeof device === 'string' && {
      device_authorization_endpoint: requireUrl(issuer, record, 'device_authorization_endpoint'),
    }),
    ...(Array.isArray(methods) && {
      code_challenge_methods_supported: methods.filter((m) => typeof m === 'string'),
    }),
  };
}
