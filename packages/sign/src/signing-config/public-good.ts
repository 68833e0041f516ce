import { parseSigningConfig, SIGNING_CONFIG_MEDIA_TYPE, type SigningConfig } from '@keyless/core';

/** One service of a signing config in its JSON form; every public-good service speaks API v1. */
function v1(url: string, start: string) {
  return { url, majorApiVersion: 1, validFor: { start }, operator: 'sigstore.dev' };
}

/**
 * The public-good Sigstore instance's services: Fulcio, its OIDC issuer, Rekor v1 and the
 * timestamp authority. Kept in code (five URLs) so that signing needs no TUF round trip; the
 * instance publishes the same list as `signing_config.v0.2.json` in its TUF repository.
 */
export const PRODUCTION_SIGNING_CONFIG_JSON = Object.freeze({
  mediaType: SIGNING_CONFIG_MEDIA_TYPE,
  caUrls: [v1('https://fulcio.sigstore.dev', '2022-04-13T20:06:15Z')],
  oidcUrls: [v1('https://oauth2.sigstore.dev/auth', '2022-04-13T20:06:15Z')],
  rekorTlogUrls: [v1('https://rekor.sigstore.dev', '2021-01-12T11:53:27Z')],
  rekorTlogConfig: { selector: 'ANY' },
  tsaUrls: [v1('https://timestamp.sigstore.dev/api/v1/timestamp', '2025-07-04T00:00:00Z')],
  tsaConfig: { selector: 'ANY' },
});

/**
 * The Sigstore staging instance's services (`*.sigstage.dev`), for trying things out. Its Rekor
 * v2 shards rotate often, so this lists only the long-lived Rekor v1 log; pass the instance's
 * current `signing_config.json` with `--signing-config` to sign into a v2 shard.
 */
export const STAGING_SIGNING_CONFIG_JSON = Object.freeze({
  mediaType: SIGNING_CONFIG_MEDIA_TYPE,
  caUrls: [v1('https://fulcio.sigstage.dev', '2022-04-14T21:38:40Z')],
  oidcUrls: [v1('https://oauth2.sigstage.dev/auth', '2025-04-16T00:00:00Z')],
  rekorTlogUrls: [v1('https://rekor.sigstage.dev', '2021-01-12T11:53:27Z')],
  rekorTlogConfig: { selector: 'ANY' },
  tsaUrls: [v1('https://timestamp.sigstage.dev/api/v1/timestamp', '2025-04-09T00:00:00Z')],
  tsaConfig: { selector: 'ANY' },
});

/**
 * The signing config of the public-good Sigstore instance.
 *
 * @example
 * ```ts
 * publicGoodSigningConfig().caUrls[0]?.url; // 'https://fulcio.sigstore.dev'
 * ```
 */
export function publicGoodSigningConfig(): SigningConfig {
  return parseSigningConfig(PRODUCTION_SIGNING_CONFIG_JSON);
}

/**
 * The signing config of the Sigstore staging instance.
 *
 * @example
 * ```ts
 * stagingSigningConfig().rekorTlogUrls[0]?.url; // 'https://rekor.sigstage.dev'
 * ```
 */
export function stagingSigningConfig(): SigningConfig {
  return parseSigningConfig(STAGING_SIGNING_CONFIG_JSON);
}
