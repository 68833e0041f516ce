/**
 * `@keyless/timestamp/server` — a local RFC 3161 timestamp authority for development and tests.
 *
 * @module
 */
import { type CertificateAuthorityJson, encodeBase64, encodeOid, encodePem } from '@keyless/core';
import type { ServiceHandler } from '@keyless/core/server';
import { TimestampError } from '../errors.js';
import type { TsaSigningAlgorithm } from './chain.js';
import { createTimestampHandler, TIMESTAMP_PATH } from './handler.js';
import { loadOrCreateMaterial } from './material.js';
import { createTokenSigner } from './signer.js';

export { CERT_CHAIN_PATH, TIMESTAMP_PATH } from './handler.js';
export type { ServiceHandler, TsaSigningAlgorithm };

/** The policy OID of Sigstore's timestamp authorities, used unless told otherwise. */
export const DEFAULT_TSA_POLICY = '1.3.6.1.4.1.57264.2';

export interface TimestampServerOptions {
  /** The TSA's own folder: its signing key (mode 0600) and certificate chain live here. */
  dir: string;
  /** The TSA's public base URL, e.g. `http://127.0.0.1:5555/tsa`. */
  url: string;
  /** The clock for genTime and, on first start, the chain's creation time. Default: the system clock. */
  now?: () => Date;
  /**
   * Key type and hash for a new chain. Default `ecdsa-p256-sha256` (tokens verify about six times
   * faster than with P-384). A folder that already holds a chain keeps its algorithm; asking for
   * another one is an error.
   */
  signingAlgorithm?: TsaSigningAlgorithm;
  /** The TSA policy OID stamped into every token; requests naming another one are refused. */
  policy?: string;
}

export interface TimestampServer {
  /** Serves `POST /api/v1/timestamp` and `GET /api/v1/timestamp/certchain` under the base URL. */
  handler: ServiceHandler;
  /** Stops issuing timestamps (later requests get 503). Idempotent. */
  close(): Promise<void>;
  /**
   * This TSA as a trusted root lists it: chain leaf, intermediate, root; `uri` the RFC 3161
   * endpoint (as public-good trusted roots give it); `validFor.start` the chain's creation time.
   */
  timestampAuthority: CertificateAuthorityJson;
  /** The RFC 3161 endpoint, `url` + `/api/v1/timestamp`: what a signing config's TSA URL names. */
  timestampUrl: string;
}

function baseUrl(url: string): string {
  try {
    new URL(url);
  } catch (cause) {
    throw new TimestampError('ERR_TSA_CONFIG_INVALID', `the TSA url ${JSON.stringify(url)} is not a URL`, {
      cause,
    });
  }
  return url.replace(/\/+$/, '');
}

function policyOid(policy: string): string {
  try {
    encodeOid(policy);
  } catch (cause) {
    throw new TimestampError(
      'ERR_TSA_CONFIG_INVALID',
      `the TSA policy ${JSON.stringify(policy)} is not an OID`,
      {
        cause,
      },
    );
  }
  return policy;
}

/**
 * Starts a local RFC 3161 timestamp authority. On first use it creates a P-256 (or P-384) chain
 * root -> intermediate -> time-stamping leaf in `dir`; later starts on the same folder reuse it.
 * It never listens itself: mount `handler` on an HTTP server.
 *
 * Requests are DER `TimeStampReq`s (`application/timestamp-query`) or Sigstore's JSON form
 * (`application/json`); answers are DER `TimeStampResp`s (`application/timestamp-reply`). A
 * request the TSA refuses (hash other than SHA-256/384/512, a foreign policy, extensions, a
 * version other than 1) gets HTTP 200 and status rejection with the matching failInfo bit, as
 * RFC 3161 has it; a body that is no request at all gets HTTP 400 with a `badDataFormat`
 * rejection; a wrong content type 415, a body over 64 KiB 413.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTimestampServer } from '@keyless/timestamp/server';
 *
 * const tsa = await createTimestampServer({ dir: './tsa', url: 'http://127.0.0.1:5555' });
 * createServer(tsa.handler).listen(5555, '127.0.0.1');
 * console.log(tsa.timestampUrl, tsa.timestampAuthority);
 * ```
 */
export async function createTimestampServer(options: TimestampServerOptions): Promise<TimestampServer> {
  const url = baseUrl(options.url);
  const now = options.now ?? (() => new Date());
  const policy = policyOid(options.policy ?? DEFAULT_TSA_POLICY);
  const material = await loadOrCreateMaterial(options.dir, options.signingAlgorithm, now());
  const signer = createTokenSigner(material, policy);
  const certificates = material.certificates;
  const timestampUrl = url + TIMESTAMP_PATH;
  let closed = false;
  return {
    handler: createTimestampHandler({
      signer,
      policy,
      certChainPem: certificates.map((certificate) => encodePem('CERTIFICATE', certificate.der)).join(''),
      now,
      isClosed: () => closed,
    }),
    async close() {
      closed = true;
    },
    timestampAuthority: {
      subject: { organization: 'Keyless', commonName: 'Keyless TSA' },
      uri: timestampUrl,
      certChain: {
        certificates: certificates.map((certificate) => ({ rawBytes: encodeBase64(certificate.der) })),
      },
      validFor: { start: certificates[0].notBefore.toISOString() },
    },
    timestampUrl,
  };
}
