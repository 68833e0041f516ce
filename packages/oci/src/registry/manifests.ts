import { assertDigest, computeDigest, parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { Descriptor, StoredManifest } from '../manifest/types.js';
import { MANIFEST_MEDIA_TYPES } from '../media-types.js';
import { handleName, type RepositoryHandle } from './handle.js';

/** The `Accept` header of manifest requests: every manifest type this package reads. */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

/** A manifest as fetched: bytes checked against the digest, parsed, plus the `ETag` when sent. */
export interface FetchedManifest extends StoredManifest {
  etag?: string;
}

/**
 * GET a manifest by tag or digest with content negotiation. The bytes must hash to the digest
 * asked for (or, for a tag, to the `Docker-Content-Digest` the registry sent). Resolves to
 * `undefined` on 404 (unknown manifest or repository).
 */
export async function getManifest(
  handle: RepositoryHandle,
  reference: string,
): Promise<FetchedManifest | undefined> {
  const response = await handle.send({
    path: `manifests/${reference}`,
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404],
    kind: 'manifest',
    what: `GET manifest ${reference}`,
  });
  if (response.status === 404) return undefined;
  const bytes = response.body;
  const what = `manifest ${handleName(handle)}@${reference}`;
  const pinned = parseDigest(reference);
  const served = response.headers.get('docker-content-digest') ?? undefined;
  let digest: string;
  if (pinned) {
    assertDigest(bytes, reference, what);
    digest = reference;
  } else {
    const servedAlgorithm = served ? parseDigest(served)?.algorithm : undefined;
    digest = computeDigest(bytes, servedAlgorithm ?? 'sha256');
    if (served && servedAlgorithm && served !== digest) {
      throw new OciError(
        'ERR_DIGEST_MISMATCH',
        `${what}: content hashes to ${digest}, the registry said ${served}`,
      );
    }
  }
  const parsed = parseManifest(bytes, response.headers.get('content-type') ?? undefined, what);
  const result: FetchedManifest = {
    descriptor: { mediaType: parsed.mediaType, digest, size: bytes.byteLength },
    bytes,
    parsed,
  };
  const etag = response.headers.get('etag');
  if (etag) result.etag = etag;
  return result;
}

/**
 * HEAD a manifest: its descriptor without the body, or `undefined` on 404. Registries that leave
 * out `Docker-Content-Digest` are asked with a GET instead, since the digest is the point.
 */
export async function headManifest(
  handle: RepositoryHandle,
  reference: string,
): Promise<Descriptor | undefined> {
  const response = await handle.send({
    method: 'HEAD',
    path: `manifests/${reference}`,
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404],
    kind: 'manifest',
    what: `HEAD manifest ${reference}`,
  });
  if (response.status === 404) return undefined;
  const digest = response.headers.get('docker-content-digest');
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
  const size = Number(response.headers.get('content-length'));
  if (!digest || !parseDigest(digest) || !mediaType || !Number.isSafeInteger(size)) {
    return (await getManifest(handle, reference))?.descriptor;
  }
  if (parseDigest(reference) && digest !== reference) {
    throw new OciError(
      'ERR_DIGEST_MISMATCH',
      `manifest ${handleName(handle)}@${reference}: the registry answered for ${digest}`,
    );
  }
  return { mediaType, digest, size };
}

/** What a manifest PUT reports back. */
export interface PutManifestResult {
  descriptor: Descriptor;
  /**
   * The `OCI-Subject` header: set when the registry indexed the manifest's `subject` itself
   * (it has the referrers API), so the tag-schema fallback index need not be updated.
   */
  subject?: string;
}

/**
 * PUT a manifest under `reference` (a tag, or its own digest). The registry must agree on the
 * digest when it reports one.
 */
export async function putManifest(
  handle: RepositoryHandle,
  bytes: Uint8Array,
  mediaType: string,
  reference?: string,
): Promise<PutManifestResult> {
  const digest = computeDigest(bytes);
  const target = reference ?? digest;
  const response = await handle.send({
    method: 'PUT',
    path: `manifests/${target}`,
    headers: { 'content-type': mediaType },
    body: bytes,
    expect: [200, 201, 202, 204],
    kind: 'manifest',
    push: true,
    what: `PUT manifest ${target}`,
  });
  const reported = response.headers.get('docker-content-digest');
  if (reported && parseDigest(reported)?.algorithm === 'sha256' && reported !== digest) {
    throw new OciError(
      'ERR_DIGEST_MISMATCH',
      `${handleName(handle)}: the registry stored manifest ${target} as ${reported}, expected ${digest}`,
    );
  }
  const result: PutManifestResult = { descriptor: { mediaType, digest, size: bytes.byteLength } };
  const subject = response.headers.get('oci-subject');
  if (subject) result.subject = subject;
  return result;
}
