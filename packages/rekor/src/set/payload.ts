import { encodeBase64, toHex } from '@keyless/core';

/** The fields of a Rekor v1 entry that its signed entry timestamp covers. */
export interface InclusionPromiseFields {
  canonicalizedBody: Uint8Array;
  /** Seconds since the epoch. */
  integratedTime: number;
  logId: Uint8Array;
  logIndex: number;
}

/**
 * The bytes a Rekor v1 log signs as the signed entry timestamp (SET): the canonical JSON
 * `{"body":<base64 body>,"integratedTime":<n>,"logID":<hex log ID>,"logIndex":<n>}` (keys sorted,
 * no spaces). Every value is base64, hex or an integer, so no JSON escaping is needed.
 *
 * @example
 * ```ts
 * inclusionPromisePayload({ canonicalizedBody, integratedTime: 1689177396, logId, logIndex: 27246492 });
 * ```
 */
export function inclusionPromisePayload(fields: InclusionPromiseFields): Buffer {
  return Buffer.from(
    `{"body":"${encodeBase64(fields.canonicalizedBody)}","integratedTime":${fields.integratedTime},` +
      `"logID":"${toHex(fields.logId)}","logIndex":${fields.logIndex}}`,
    'utf8',
  );
}
