import { isWithinValidity, type Service, type ServiceConfiguration, type SigningConfig } from '@keyless/core';
import { SigningError } from '../errors.js';

/** The major API versions this package can talk to, per kind of service. */
export const SUPPORTED_API_VERSIONS = Object.freeze({
  ca: Object.freeze([1]),
  tlog: Object.freeze([1, 2]),
  tsa: Object.freeze([1]),
});

/** The services one signature uses, picked from a signing config. */
export interface SelectedServices {
  certificateAuthority: Service;
  /** Every log the signature is recorded in (one with `ANY`). */
  transparencyLogs: Service[];
  /** Every TSA asked for a timestamp (possibly none). */
  timestampAuthorities: Service[];
}

/**
 * The usable services of one list, one per operator: those whose API version is supported and
 * whose validity window holds `now`, keeping each operator's highest API version (the first
 * listed on a tie: signing configs list the newest shard first), in list order.
 */
export function usableServices(
  services: readonly Service[],
  versions: readonly number[],
  now: Date,
): Service[] {
  const byOperator = new Map<string, Service>();
  for (const service of services) {
    if (!versions.includes(service.majorApiVersion) || !isWithinValidity(service.validFor, now)) continue;
    // An unnamed operator is nobody's duplicate: each such service stands for itself.
    const operator = service.operator || `url:${service.url}`;
    const kept = byOperator.get(operator);
    if (!kept || service.majorApiVersion > kept.majorApiVersion) byOperator.set(operator, service);
  }
  return [...byOperator.values()];
}

/** Applies a `ServiceConfiguration` selector to the usable services of a list. */
function applySelector(
  what: readonly [one: string, many: string],
  usable: Service[],
  config: ServiceConfiguration,
): Service[] {
  switch (config.selector) {
    case 'ALL':
      return usable;
    case 'ANY':
      return usable.slice(0, 1);
    case 'EXACT': {
      const count = config.count ?? 1;
      if (usable.length < count) {
        throw new SigningError(
          'ERR_SIGNING_CONFIG',
          `the signing config asks for exactly ${count} ${count === 1 ? what[0] : what[1]} but only ${usable.length} ${usable.length === 1 ? 'is' : 'are'} usable now`,
        );
      }
      return usable.slice(0, count);
    }
  }
}

/**
 * Picks the services to sign with, as the Sigstore client specification describes the signing
 * config:
 *
 * - a service is usable when this client speaks its major API version (CA 1, Rekor 1 and 2,
 *   TSA 1) and `now` is inside its validity window (start required, end inclusive);
 * - per operator, only the usable service with the highest API version counts, so a Rekor v2
 *   shard is preferred to the same operator's Rekor v1 log;
 * - the log and TSA selectors then apply: `ANY` takes the first, `ALL` every one, `EXACT` the
 *   first `count` (and fails when fewer are usable);
 * - the CA is the first usable one.
 *
 * A config without a usable CA or log is refused; one without TSAs is fine here (the caller
 * requires one when a chosen log is Rekor v2, whose entries carry no integrated time).
 *
 * @example
 * ```ts
 * const { certificateAuthority, transparencyLogs } = selectSigningServices(publicGoodSigningConfig(), new Date());
 * ```
 */
export function selectSigningServices(config: SigningConfig, now: Date): SelectedServices {
  const [certificateAuthority] = usableServices(config.caUrls, SUPPORTED_API_VERSIONS.ca, now);
  if (!certificateAuthority) {
    throw new SigningError(
      'ERR_SIGNING_CONFIG',
      `the signing config lists no certificate authority usable at ${now.toISOString()} (API v1, inside its validity window)`,
    );
  }
  const logs = usableServices(config.rekorTlogUrls, SUPPORTED_API_VERSIONS.tlog, now);
  if (logs.length === 0) {
    throw new SigningError(
      'ERR_SIGNING_CONFIG',
      `the signing config lists no transparency log usable at ${now.toISOString()} (Rekor API v1 or v2, inside its validity window)`,
    );
  }
  const tsas = usableServices(config.tsaUrls, SUPPORTED_API_VERSIONS.tsa, now);
  return {
    certificateAuthority,
    transparencyLogs: applySelector(['transparency log', 'transparency logs'], logs, config.rekorTlogConfig),
    timestampAuthorities: applySelector(
      ['timestamp authority', 'timestamp authorities'],
      tsas,
      config.tsaConfig,
    ),
  };
}
