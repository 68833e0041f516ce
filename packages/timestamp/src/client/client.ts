import { randomBytes } from 'node:crypto';
import { bytesEqual, CoreError, type PreparedAuthority, sha256 } from '@keyless/core';
import type { HttpClient, HttpResponse } from '@keyless/core/http';
import { TimestampError, type TimestampErrorCode } from '../errors.js';
import { encodeTimeStampReq } from '../rfc3161/encode-request.js';
import { TSP_OID } from '../rfc3161/oids.js';
import { parseTimeStampResp } from '../rfc3161/parse.js';
import { PKIStatus, type TimeStampResp, type TimeStampToken } from '../rfc3161/types.js';
import { verifyTimeStampResp } from '../rfc3161/verify.js';

export interface TimestampClientOptions {
  /** The TSA's RFC 3161 endpoint, e.g. `https://timestamp.sigstore.dev/api/v1/timestamp`. */
  url: string;
  /** The HTTP client to use. Default: one made for the service `TSA`. */
  http?: HttpClient;
  /**
   * Trusted TSAs (from a trusted root). When given, every response is verified against them
   * before it is returned, so a TSA outside the trusted root cannot slip a token into a bundle.
   */
  trust?: readonly PreparedAuthority[];
  /** Where nonces come from (default: 63 random bits); replayed recordings pin it. */
  nonce?: () => bigint;
}

export interface TimestampOptions {
  signal?: AbortSignal;
}

/** An RFC 3161 client bound to one TSA. */
export interface TimestampClient {
  readonly url: string;
  /**
   * Time-stamps `signature`: asks the TSA for a token over its SHA-256 digest and returns the DER
   * `TimeStampResp`, the form a Sigstore bundle's `rfc3161Timestamps` hold.
   */
  timestamp(signature: Uint8Array, options?: TimestampOptions): Promise<Uint8Array>;
}

const QUERY_TYPE = 'application/timestamp-query';
const REPLY_TYPE = 'application/timestamp-reply';

/** The `message` of a JSON error body (the Sigstore TSA's shape), cut to one short line. */
function jsonMessage(response: HttpResponse): string | undefined {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const { message } = response.json<{ message?: unknown }>();
    return typeof message === 'string' ? message.replace(/\s+/g, ' ').slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/** A 63-bit random nonce: positive, so it encodes in at most 8 octets. */
function randomNonce(): bigint {
  return randomBytes(8).readBigUInt64BE() >> 1n;
}

/**
 * A client for an RFC 3161 TSA over HTTP (RFC 3161 §3.4). Each request carries the SHA-256
 * imprint of the signature, a random nonce and `certReq`; the response must be granted, echo
 * the nonce and cover that imprint, and, when `trust` is given, verify against those TSAs.
 * Every failure is a `TimestampError` naming the TSA.
 *
 * @example
 * ```ts
 * const tsa = createTimestampClient({
 *   url: 'https://timestamp.sigstore.dev/api/v1/timestamp',
 *   trust: trusted.timestampAuthorities,
 * });
 * const signedTimestamp = await tsa.timestamp(signature);
 * ```
 */
export function createTimestampClient(options: TimestampClientOptions): TimestampClient {
  const { url, trust } = options;
  let http: Promise<HttpClient> | undefined;
  // The HTTP stack is loaded on first use, so that verifying with this package never loads it.
  const httpClient = () => {
    http ??= options.http
      ? Promise.resolve(options.http)
      : import('@keyless/core/http').then(({ createHttpClient }) => createHttpClient({ service: 'TSA' }));
    return http;
  };
  function fail(code: TimestampErrorCode, message: string, cause?: unknown): never {
    throw new TimestampError(code, `TSA ${url}: ${message}`, { cause });
  }

  async function post(body: Uint8Array, signal: AbortSignal | undefined): Promise<HttpResponse> {
    try {
      // Asking again is harmless (a second token for the same imprint), so 5xx answers are retried.
      return await (await httpClient()).request({
        method: 'POST',
        url,
        headers: { 'content-type': QUERY_TYPE, accept: REPLY_TYPE },
        body,
        idempotent: true,
        expect: [200, 400],
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof CoreError) {
        throw new TimestampError('ERR_TSA_REQUEST_FAILED', error.message, { cause: error });
      }
      throw error;
    }
  }

  function parse(response: HttpResponse): TimeStampResp {
    try {
      return parseTimeStampResp(response.body);
    } catch (error) {
      const type = response.headers.get('content-type') ?? 'no content type';
      const said = jsonMessage(response);
      return fail(
        'ERR_TSA_REQUEST_FAILED',
        `answered HTTP ${response.status} (${type}) with something that is not a TimeStampResp${said ? `: ${said}` : ''}`,
        error,
      );
    }
  }

  function grantedToken(response: TimeStampResp): TimeStampToken {
    const { status, statusString, failInfo } = response.status;
    if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
      const reasons = [...failInfo, ...statusString].join('; ');
      fail('ERR_TIMESTAMP_STATUS', `refused the request (status ${status}${reasons ? `: ${reasons}` : ''})`);
    }
    if (!response.timeStampToken) fail('ERR_TIMESTAMP_MALFORMED', 'granted the request but sent no token');
    return response.timeStampToken;
  }

  return {
    url,
    async timestamp(signature, timestampOptions = {}) {
      const digest = sha256(signature);
      const nonce = (options.nonce ?? randomNonce)();
      const request = encodeTimeStampReq({
        messageImprint: { hashAlgorithm: { algorithm: TSP_OID.sha256 }, hashedMessage: digest },
        nonce,
        certReq: true,
      });
      const response = await post(request, timestampOptions.signal);
      const parsed = parse(response);
      const token = grantedToken(parsed);
      if (response.status !== 200)
        fail('ERR_TSA_REQUEST_FAILED', `answered HTTP ${response.status} with a token`);
      if (token.tstInfo.nonce !== nonce)
        fail('ERR_TIMESTAMP_NONCE_MISMATCH', 'the token does not echo the request nonce');
      const { hashAlgorithm, hashedMessage } = token.tstInfo.messageImprint;
      if (hashAlgorithm.algorithm !== TSP_OID.sha256 || !bytesEqual(hashedMessage, digest)) {
        fail('ERR_TIMESTAMP_IMPRINT_MISMATCH', 'the token covers other data than the signature sent');
      }
      if (trust) {
        try {
          verifyTimeStampResp(parsed, signature, trust, { nonce });
        } catch (error) {
          if (error instanceof TimestampError) fail(error.code, error.message, error);
          throw error;
        }
      }
      return response.body;
    },
  };
}
