import { assertDigest } from '../digest/digest.js';
import { handleName, type RepositoryHandle } from './handle.js';

/**
 * GET a blob (following a redirect to its storage, which gets no credentials) and check it hashes
 * to its digest. Resolves to `undefined` on 404.
 */
export async function getBlob(handle: RepositoryHandle, digest: string): Promise<Uint8Array | undefined> {
  const response = await handle.send({
    path: `blobs/${digest}`,
    expect: [200, 404],
    kind: 'blob',
    what: `GET blob ${digest}`,
  });
  if (response.status === 404) return undefined;
  assertDigest(response.body, digest, `blob ${handleName(handle)}@${digest}`);
  return response.body;
}

/** HEAD a blob: whether the repository has it. */
export async function hasBlob(handle: RepositoryHandle, digest: string): Promise<boolean> {
  const response = await handle.send({
    method: 'HEAD',
    path: `blobs/${digest}`,
    expect: [200, 404],
    kind: 'blob',
    what: `HEAD blob ${digest}`,
  });
  return response.status === 200;
}
