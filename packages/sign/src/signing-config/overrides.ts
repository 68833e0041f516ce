import type { Service, SigningConfig } from '@keyless/core';

/** Services named one by one (`--fulcio-url`, `--rekor-url`, ...), each replacing its list. */
export interface ServiceOverrides {
  /** The CA (Fulcio API v2) to ask for certificates. */
  fulcioUrl?: string;
  /** The transparency log to record signatures in. */
  rekorUrl?: string;
  /** Which API `rekorUrl` speaks: 1 (`/api/v1/log/entries`, default) or 2. */
  rekorVersion?: 1 | 2;
  /** The RFC 3161 timestamping endpoint, as POSTed to (e.g. `https://tsa.example/api/v1/timestamp`). */
  timestampServerUrl?: string;
  /** The OIDC issuer interactive providers sign in with. */
  oidcIssuer?: string;
}

function only(url: string, majorApiVersion: number, now: Date): Service[] {
  // A service named on the command line is meant to be used now, whatever the config's windows.
  return [{ url, majorApiVersion, validFor: { start: new Date(now.getTime() - 60_000) }, operator: url }];
}

/**
 * The signing config with each overridden service list replaced by the one URL given; the
 * selector of a replaced log or TSA list becomes `ANY`. Lists not overridden are kept as they are.
 *
 * @example
 * ```ts
 * const config = applyServiceOverrides(publicGoodSigningConfig(), { rekorUrl: 'https://rekor.example' });
 * ```
 */
export function applyServiceOverrides(
  config: SigningConfig,
  overrides: ServiceOverrides,
  now: Date = new Date(),
): SigningConfig {
  const out: SigningConfig = { ...config };
  if (overrides.fulcioUrl !== undefined) out.caUrls = only(overrides.fulcioUrl, 1, now);
  if (overrides.oidcIssuer !== undefined) out.oidcUrls = only(overrides.oidcIssuer, 1, now);
  if (overrides.rekorUrl !== undefined) {
    out.rekorTlogUrls = only(overrides.rekorUrl, overrides.rekorVersion ?? 1, now);
    out.rekorTlogConfig = { selector: 'ANY' };
  }
  if (overrides.timestampServerUrl !== undefined) {
    out.tsaUrls = only(overrides.timestampServerUrl, 1, now);
    out.tsaConfig = { selector: 'ANY' };
  }
  return out;
}
