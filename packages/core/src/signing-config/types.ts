/** One service endpoint of a SigningConfig v0.2 (`Service` in protobuf-specs). */
export interface Service {
  url: string;
  majorApiVersion: number;
  validFor: { start?: Date; end?: Date };
  operator: string;
}

export type ServiceSelector = 'ALL' | 'ANY' | 'EXACT';

export interface ServiceConfiguration {
  selector: ServiceSelector;
  count?: number;
}

/** The Sigstore `SigningConfig` v0.2: where to get certificates, tokens, log entries and timestamps. */
export interface SigningConfig {
  mediaType: string;
  caUrls: Service[];
  oidcUrls: Service[];
  rekorTlogUrls: Service[];
  rekorTlogConfig: ServiceConfiguration;
  tsaUrls: Service[];
  tsaConfig: ServiceConfiguration;
}

export const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';
