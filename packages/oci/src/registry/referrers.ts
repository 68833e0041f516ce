import { OciError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { Descriptor } from '../manifest/types.js';
import { OCI_INDEX } from '../media-types.js';
import { handleName, type RepositoryHandle } from './handle.js';

/**
 * Lists the referrers of `digest` through the referrers API
 * (`GET /v2/<name>/referrers/<digest>`), filtered by `artifactType` when given (the filter is
 * applied here too, since registries may ignore it). Resolves to `undefined` when the registry
 * has no referrers API (404, or 405 from registries that route the path elsewhere): the caller
 * then reads the `sha256-<hex>` fallback tag.
 */
export async function listReferrers(
  handle: RepositoryHandle,
  digest: string,
  artifactType?: string,
): Promise<Descriptor[] | undefined> {
  const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
  const response = await handle.send({
    path: `referrers/${digest}${query}`,
    headers: { accept: OCI_INDEX },
    expect: [200, 404, 405],
    kind: 'manifest',
    what: `GET referrers of ${digest}`,
  });
  if (response.status !== 200) return undefined;
  const parsed = parseManifest(response.body, OCI_INDEX, `referrers of ${handleName(handle)}@${digest}`);
  if (parsed.kind !== 'index') {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      `referrers of ${handleName(handle)}@${digest} is not an image index`,
    );
  }
  const all = parsed.manifest.manifests;
  return artifactType ? all.filter((d) => d.artifactType === artifactType) : all;
}
