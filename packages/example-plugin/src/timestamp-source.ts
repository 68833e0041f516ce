import { randomBytes } from 'node:crypto';
import {
  DerReader,
  decodeSmallInteger,
  encodeOid,
  parseDer,
  sha256,
  Tag,
  type TimestampSource,
} from '@keyless/core';
import { createHttpClient } from '@keyless/core/http';
import { tlv, unsignedInteger } from './der.js';
import { type Env, ExamplePluginError, setting } from './errors.js';

/** The variable naming the RFC 3161 timestamp authority's URL. */
export const TSA_URL_ENV = 'EXAMPLE_TSA_URL';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
/** PKIStatus values that mean a timestamp was issued (RFC 3161 §2.4.2). */
const GRANTED = [0, 1];

/**
 * An RFC 3161 `TimeStampReq` for the SHA-256 of `data`, with a random nonce and `certReq` set so
 * that the TSA embeds its certificate.
 */
export function timeStampRequest(data: Uint8Array, nonce: Uint8Array = randomBytes(8)): Uint8Array {
  const algorithm = tlv(Tag.SEQUENCE, tlv(Tag.OID, encodeOid(SHA256_OID)), tlv(Tag.NULL));
  const imprint = tlv(Tag.SEQUENCE, algorithm, tlv(Tag.OCTET_STRING, sha256(data)));
  return tlv(
    Tag.SEQUENCE,
    tlv(Tag.INTEGER, Uint8Array.of(1)),
    imprint,
    tlv(Tag.INTEGER, unsignedInteger(nonce)),
    tlv(Tag.BOOLEAN, Uint8Array.of(0xff)),
  );
}

/** The PKIStatus of a `TimeStampResp`, and whether it carries a token. */
export function timeStampStatus(response: Uint8Array): { status: number; hasToken: boolean } {
  const reader = new DerReader(parseDer(response), 'TimeStampResp');
  const statusInfo = new DerReader(reader.next(Tag.SEQUENCE), 'PKIStatusInfo');
  const status = decodeSmallInteger(statusInfo.next(Tag.INTEGER).value);
  return { status, hasToken: reader.optional(Tag.SEQUENCE) !== undefined };
}

/**
 * A timestamp source that asks the RFC 3161 timestamp authority at `EXAMPLE_TSA_URL` to vouch for
 * the signature (`POST application/timestamp-query`), and hands the DER `TimeStampResp` to Keyless,
 * which stores it in the bundle and verifies it against the trusted root. Without the variable,
 * it throws an error saying to set it.
 *
 * @example
 * ```ts
 * process.env.EXAMPLE_TSA_URL = 'https://timestamp.example/api/v1/timestamp';
 * const evidence = await rfc3161TimestampSource().timestamp({ signature });
 * ```
 */
export function rfc3161TimestampSource(env: Env = process.env): TimestampSource {
  return {
    name: 'example-rfc3161',
    async timestamp({ signature, signal }) {
      const url = setting(env, TSA_URL_ENV, 'the URL of an RFC 3161 timestamp authority');
      const http = createHttpClient({ service: 'Example TSA' });
      try {
        const response = await http.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
          body: timeStampRequest(signature),
          // Asking twice only yields a second timestamp; a retry after a network error is harmless.
          idempotent: true,
          ...(signal && { signal }),
        });
        const { status, hasToken } = timeStampStatus(response.body);
        if (!GRANTED.includes(status) || !hasToken) {
          throw new ExamplePluginError(
            'ERR_EXAMPLE_TSA',
            `the timestamp authority answered status ${status}, not granted`,
          );
        }
        return { kind: 'rfc3161', signedTimestamp: response.body };
      } finally {
        await http.close();
      }
    },
  };
}
