import {
  decodeBase64Strict,
  encodeBase64,
  fromHexStrict,
  type TransparencyLogEntry,
  type TransparencyLogEntryJson,
  toHex,
} from '@keyless/core';
import { OciError } from '../errors.js';

/**
 * The `dev.sigstore.cosign/bundle` annotation: a Rekor entry with its signed entry timestamp,
 * enough to check the SET offline.
 */
export interface RekorBundle {
  SignedEntryTimestamp: string;
  Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
}

/**
 * The annotation value for a log entry, as cosign writes it (field order included). Only entries
 * with a signed entry timestamp fit: throws `ERR_SIGNING` for one without (a Rekor v2 entry).
 */
export function rekorBundleAnnotation(entry: TransparencyLogEntry): string {
  if (!entry.inclusionPromise) {
    throw new OciError(
      'ERR_SIGNING',
      'the log entry has no signed entry timestamp, which the cosign signature format needs; use the bundle format',
    );
  }
  const bundle: RekorBundle = {
    SignedEntryTimestamp: encodeBase64(entry.inclusionPromise.signedEntryTimestamp),
    Payload: {
      body: encodeBase64(entry.canonicalizedBody),
      integratedTime: entry.integratedTime,
      logIndex: entry.logIndex,
      logID: toHex(entry.logId.keyId),
    },
  };
  return JSON.stringify(bundle);
}

function invalid(why: string): OciError {
  return new OciError('ERR_MANIFEST_INVALID', `the dev.sigstore.cosign/bundle annotation ${why}`);
}

/**
 * Rebuilds a bundle's transparency log entry (JSON form) from the annotation: the body, index,
 * time and log id it carries, the SET as the inclusion promise, and the kind and version read
 * from the body. Throws `ERR_MANIFEST_INVALID` for a malformed annotation.
 */
export function tlogEntryFromRekorBundle(annotation: string): TransparencyLogEntryJson {
  let bundle: Partial<RekorBundle>;
  try {
    bundle = JSON.parse(annotation) as Partial<RekorBundle>;
  } catch {
    throw invalid('is not JSON');
  }
  const payload = bundle?.Payload;
  if (typeof bundle?.SignedEntryTimestamp !== 'string' || typeof payload !== 'object' || payload === null) {
    throw invalid('lacks SignedEntryTimestamp or Payload');
  }
  const { body, integratedTime, logIndex, logID } = payload;
  if (typeof body !== 'string' || typeof logID !== 'string')
    throw invalid('lacks Payload.body or Payload.logID');
  if (!Number.isSafeInteger(integratedTime) || !Number.isSafeInteger(logIndex)) {
    throw invalid('has a non-integer integratedTime or logIndex');
  }
  const bodyBytes = decodeBase64Strict(body);
  const logId = fromHexStrict(logID);
  if (!bodyBytes || !logId) throw invalid('has a body that is not base64 or a logID that is not hex');
  let kind: unknown;
  let version: unknown;
  try {
    ({ kind, apiVersion: version } = JSON.parse(new TextDecoder().decode(bodyBytes)) as {
      kind?: unknown;
      apiVersion?: unknown;
    });
  } catch {
    throw invalid('has a body that is not JSON');
  }
  if (typeof kind !== 'string' || typeof version !== 'string')
    throw invalid('has a body without kind and apiVersion');
  return {
    logIndex: String(logIndex),
    logId: { keyId: encodeBase64(logId) },
    kindVersion: { kind, version },
    integratedTime: String(integratedTime),
    inclusionPromise: { signedEntryTimestamp: bundle.SignedEntryTimestamp },
    canonicalizedBody: body,
  };
}
