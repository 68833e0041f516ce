import { OciError } from '../errors.js';
import { goJsonString, goJsonStringMap } from './go-json.js';

/** `critical.type` of a cosign image signature. */
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** What a simplesigning payload says. */
export interface SimpleSigningPayload {
  /** `critical.identity.docker-reference`: the repository the signer named. */
  dockerReference: string;
  /** `critical.image.docker-manifest-digest`: the signed manifest digest. */
  manifestDigest: string;
  /** `critical.type`. */
  type: string;
  /** `optional`: the signer's annotations (`null` when there are none). */
  optional: Record<string, unknown> | null;
}

/**
 * The payload cosign signs for an image, byte for byte as cosign writes it:
 * `{"critical":{"identity":{"docker-reference":REPO},"image":{"docker-manifest-digest":DIGEST},"type":"cosign container image signature"},"optional":ANNOTATIONS|null}`
 * (annotation keys sorted, Go's HTML-safe escaping).
 *
 * @example
 * ```ts
 * const payload = simpleSigningPayload('index.docker.io/library/alpine', 'sha256:…', { env: 'prod' });
 * ```
 */
export function simpleSigningPayload(
  dockerReference: string,
  manifestDigest: string,
  annotations: Readonly<Record<string, string>> = {},
): Uint8Array {
  const optional = Object.keys(annotations).length > 0 ? goJsonStringMap(annotations) : 'null';
  return encoder.encode(
    `{"critical":{"identity":{"docker-reference":${goJsonString(dockerReference)}},` +
      `"image":{"docker-manifest-digest":${goJsonString(manifestDigest)}},` +
      `"type":${goJsonString(COSIGN_SIGNATURE_TYPE)}},"optional":${optional}}`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's `encoding/json` matches field names case-insensitively; cosign's verifier inherits that. */
function field(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * Reads a simplesigning payload. Throws `ERR_MANIFEST_INVALID` when it is not one (not JSON, or
 * without a string `docker-manifest-digest`); the caller checks digest, type and annotations.
 */
export function parseSimpleSigningPayload(bytes: Uint8Array): SimpleSigningPayload {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new OciError('ERR_MANIFEST_INVALID', 'signature payload is not UTF-8 JSON');
  }
  const critical = isObject(json) ? field(json, 'critical') : undefined;
  if (!isObject(json) || !isObject(critical)) {
    throw new OciError('ERR_MANIFEST_INVALID', 'signature payload has no "critical" section');
  }
  const identity = field(critical, 'identity');
  const image = field(critical, 'image');
  const digest = isObject(image) ? field(image, 'docker-manifest-digest') : undefined;
  if (typeof digest !== 'string') {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      'signature payload has no critical.image.docker-manifest-digest',
    );
  }
  const reference = isObject(identity) ? field(identity, 'docker-reference') : undefined;
  const type = field(critical, 'type');
  const optional = field(json, 'optional');
  return {
    dockerReference: typeof reference === 'string' ? reference : '',
    manifestDigest: digest,
    type: typeof type === 'string' ? type : '',
    optional: isObject(optional) ? optional : null,
  };
}
