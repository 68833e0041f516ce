import { SIGNING_CONFIG_MEDIA_TYPE, type TrustedRootJson } from '@keyless/core';
import { type DevStackUrls, TSA_TIMESTAMP_PATH } from './urls.js';

/** One `Service` of a SigningConfig, in its JSON form. */
export interface ServiceJson {
  url: string;
  majorApiVersion: number;
  validFor: { start: string; end?: string };
  operator: string;
}

/** A SigningConfig v0.2 in its JSON form (protobuf-specs `dev.sigstore.trustroot.v1.SigningConfig`). */
export interface SigningConfigJson {
  mediaType: string;
  caUrls: ServiceJson[];
  oidcUrls: ServiceJson[];
  rekorTlogUrls: ServiceJson[];
  rekorTlogConfig: { selector: 'ALL' | 'ANY' | 'EXACT'; count?: number };
  tsaUrls: ServiceJson[];
  tsaConfig: { selector: 'ALL' | 'ANY' | 'EXACT'; count?: number };
}

/** The operator named in the signing config. */
export const DEV_OPERATOR = 'keyless-dev';

/** When each service started being valid (RFC 3339), as its trust material says. */
export type ServiceStarts = Record<keyof DevStackUrls, string>;

/**
 * The stack's `signing_config.json`: the issuer, the CA, the Rekor v2 log then the v1 log (a
 * client takes the newest API it speaks), and the TSA's full timestamping URL; one log and one
 * TSA suffice (`ANY`).
 */
export function assembleSigningConfig(urls: DevStackUrls, starts: ServiceStarts): SigningConfigJson {
  const service = (url: string, majorApiVersion: number, start: string): ServiceJson => ({
    url,
    majorApiVersion,
    validFor: { start },
    operator: DEV_OPERATOR,
  });
  return {
    mediaType: SIGNING_CONFIG_MEDIA_TYPE,
    caUrls: [service(urls.fulcio, 1, starts.fulcio)],
    oidcUrls: [service(urls.oidc, 1, starts.oidc)],
    rekorTlogUrls: [service(urls.rekorV2, 2, starts.rekorV2), service(urls.rekor, 1, starts.rekor)],
    rekorTlogConfig: { selector: 'ANY' },
    tsaUrls: [service(`${urls.tsa}${TSA_TIMESTAMP_PATH}`, 1, starts.tsa)],
    tsaConfig: { selector: 'ANY' },
  };
}

/**
 * Each service's validity start, from the trusted root the services made (their keys' creation
 * times); the issuer, which has no entry there, starts with the stack (`createdAt`).
 */
export function serviceStartsFrom(root: TrustedRootJson, createdAt: string): ServiceStarts {
  const start = (window: { start?: string } | undefined) => window?.start ?? createdAt;
  return {
    oidc: createdAt,
    fulcio: start(root.certificateAuthorities?.[0]?.validFor),
    rekor: start(root.tlogs?.[0]?.publicKey.validFor),
    rekorV2: start(root.tlogs?.[1]?.publicKey.validFor),
    tsa: start(root.timestampAuthorities?.[0]?.validFor),
  };
}
