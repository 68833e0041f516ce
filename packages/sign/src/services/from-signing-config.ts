import type {
  PreparedTrustedRoot,
  Service,
  SigningConfig,
  TimestampSource,
  TransparencyLogClient,
} from '@keyless/core';
import { createFulcioCertificateAuthority } from '@keyless/fulcio';
import { createRekorV1Client, createRekorV2Client } from '@keyless/rekor';
import { createTimestampClient, rfc3161TimestampSource } from '@keyless/timestamp';
import type { SigningServices } from '../pipeline/types.js';
import { selectSigningServices } from '../signing-config/select.js';

export interface ServicesFromSigningConfigOptions {
  /** The time the services must be valid at. Default: now. */
  now?: Date;
  /**
   * The trusted root, prepared. Log entries and timestamps are checked against it as they arrive,
   * so a service outside the trusted root fails by name; the certificate is checked by the pipeline.
   */
  trust?: PreparedTrustedRoot;
}

function transparencyLog(service: Service, trust: PreparedTrustedRoot | undefined): TransparencyLogClient {
  const v2 = service.majorApiVersion === 2;
  const options = { baseUrl: service.url, ...(trust ? { trust: trust.tlogs } : {}) };
  const client = v2 ? createRekorV2Client(options) : createRekorV1Client(options);
  return {
    name: `Rekor ${v2 ? 'v2' : 'v1'} at ${service.url}`,
    addEntry: (entry, init) => client.createEntry(entry, init),
  };
}

function timestampAuthority(service: Service, trust: PreparedTrustedRoot | undefined): TimestampSource {
  const client = createTimestampClient({
    url: service.url,
    ...(trust ? { trust: trust.timestampAuthorities } : {}),
  });
  return { ...rfc3161TimestampSource(client), name: `TSA at ${service.url}` };
}

/**
 * The one place a signing config becomes service clients: the services
 * {@link selectSigningServices} picks, each behind its client (Fulcio API v2, Rekor v1 or v2,
 * RFC 3161), named `Fulcio at <url>`, `Rekor v2 at <url>`, `TSA at <url>` in errors. Rekor v2
 * entries carry no integrated time, so choosing a v2 log sets `timestampRequired`.
 *
 * @example
 * ```ts
 * const services = servicesFromSigningConfig(publicGoodSigningConfig(), { trust });
 * services.transparencyLogs[0]?.name; // 'Rekor v1 at https://rekor.sigstore.dev'
 * ```
 */
export function servicesFromSigningConfig(
  config: SigningConfig,
  options: ServicesFromSigningConfigOptions = {},
): SigningServices {
  const { now = new Date(), trust } = options;
  const selected = selectSigningServices(config, now);
  const ca = selected.certificateAuthority;
  return {
    certificateAuthority: createFulcioCertificateAuthority({ baseUrl: ca.url, name: `Fulcio at ${ca.url}` }),
    transparencyLogs: selected.transparencyLogs.map((service) => transparencyLog(service, trust)),
    timestampAuthorities: selected.timestampAuthorities.map((service) => timestampAuthority(service, trust)),
    timestampRequired: selected.transparencyLogs.some((service) => service.majorApiVersion === 2),
  };
}
