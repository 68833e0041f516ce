import type { TrustedRootJson } from '@keyless/core';
import { TrustError } from '../errors.js';

const MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.trustedroot';
const LIST_FIELDS = ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities'] as const;

/**
 * Checks that a parsed JSON value has the shape of a Sigstore TrustedRoot: a trusted-root media
 * type and, where present, arrays of objects for its four lists. Keys and certificates are decoded
 * later by the verifier; this is the cheap gate that turns "wrong file" into a clear error.
 *
 * @param origin names the document in error messages (a path, a URL, "embedded").
 */
export function checkTrustedRootJson(value: unknown, origin: string): TrustedRootJson {
  if (!isObject(value)) throw invalid(origin, 'expected a JSON object');
  const { mediaType } = value;
  if (typeof mediaType !== 'string') throw invalid(origin, 'missing mediaType');
  if (!mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
    throw invalid(origin, `mediaType ${JSON.stringify(mediaType)} is not a trusted root media type`);
  }
  for (const field of LIST_FIELDS) {
    const list = value[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(isObject))
      throw invalid(origin, `${field} must be a list of objects`);
  }
  return value as unknown as TrustedRootJson;
}

/** Parses `trusted_root.json` text and checks its shape (see {@link checkTrustedRootJson}). */
export function parseTrustedRootText(text: string, origin: string): TrustedRootJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new TrustError(
      'ERR_TRUSTED_ROOT_INVALID',
      `${origin} is not valid JSON: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return checkTrustedRootJson(value, origin);
}

function invalid(origin: string, why: string): TrustError {
  return new TrustError('ERR_TRUSTED_ROOT_INVALID', `${origin} is not a Sigstore trusted root: ${why}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
