import { computeDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import { hasBlob } from './blobs.js';
import { handleName, type RepositoryHandle } from './handle.js';

/** How {@link uploadBlob} sends a blob. */
export interface UploadOptions {
  /** Media type recorded in the returned descriptor. Default `application/octet-stream`. */
  mediaType?: string;
  /** Blobs larger than this go in PATCH chunks of this size; smaller ones in one PUT. */
  chunkSize?: number;
  /** A repository of the same registry that has the blob: ask the registry to mount it from there. */
  mountFrom?: string;
}

/** The uploaded blob's descriptor, and how it got there. */
export interface UploadResult {
  descriptor: Descriptor;
  /** `exists`: the registry had it; `mounted`: linked from `mountFrom`; `uploaded`: sent. */
  how: 'exists' | 'mounted' | 'uploaded';
}

function locationOf(handle: RepositoryHandle, headers: Headers, what: string): URL {
  const location = headers.get('location');
  if (!location) {
    throw new OciError(
      'ERR_REGISTRY',
      `${handleName(handle)}: ${what} answered without a Location for the upload`,
    );
  }
  try {
    return new URL(location, handle.baseUrl);
  } catch {
    throw new OciError('ERR_REGISTRY', `${handleName(handle)}: ${what} answered an invalid upload Location`);
  }
}

/**
 * Uploads a blob per the distribution spec: skipped when the repository already has it; mounted
 * from `mountFrom` when the registry agrees (201), else uploaded in the session the mount request
 * opened; sent in one PUT, or in PATCH chunks when larger than `chunkSize`.
 *
 * @example
 * ```ts
 * const { descriptor } = await uploadBlob(handle, payload, { mediaType: COSIGN_SIMPLESIGNING });
 * ```
 */
export async function uploadBlob(
  handle: RepositoryHandle,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const digest = computeDigest(bytes);
  const descriptor: Descriptor = {
    mediaType: options.mediaType ?? 'application/octet-stream',
    digest,
    size: bytes.byteLength,
  };
  if (await hasBlob(handle, digest)) return { descriptor, how: 'exists' };

  const query = options.mountFrom
    ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(options.mountFrom)}`
    : '';
  const started = await handle.send({
    method: 'POST',
    path: `blobs/uploads/${query}`,
    expect: options.mountFrom ? [201, 202] : [202],
    kind: 'blob',
    push: true,
    ...(options.mountFrom ? { extraScopes: [`repository:${options.mountFrom}:pull`] } : {}),
    idempotent: true,
    what: options.mountFrom ? `mount blob ${digest} from ${options.mountFrom}` : 'start blob upload',
  });
  if (started.status === 201) return { descriptor, how: 'mounted' };
  let location = locationOf(handle, started.headers, 'starting the upload');

  const chunkSize = options.chunkSize;
  let body = bytes;
  if (chunkSize !== undefined && chunkSize > 0 && bytes.byteLength > chunkSize) {
    for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
      const chunk = bytes.subarray(offset, Math.min(offset + chunkSize, bytes.byteLength));
      const end = offset + chunk.byteLength - 1;
      const sent = await handle.send({
        method: 'PATCH',
        url: location.href,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end}` },
        body: chunk,
        expect: [202],
        kind: 'blob',
        push: true,
        what: `upload chunk ${offset}-${end} of blob ${digest}`,
      });
      location = locationOf(handle, sent.headers, 'a chunk upload');
    }
    body = new Uint8Array(0);
  }
  location.searchParams.set('digest', digest);
  await handle.send({
    method: 'PUT',
    url: location.href,
    headers: { 'content-type': 'application/octet-stream' },
    body,
    expect: [201, 204],
    kind: 'blob',
    push: true,
    what: `finish upload of blob ${digest}`,
  });
  return { descriptor, how: 'uploaded' };
}
