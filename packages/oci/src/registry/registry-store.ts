import type { ImageStore } from '../store/image-store.js';
import type { RepositoryClient } from './client.js';

/**
 * An {@link ImageStore} over one registry repository.
 *
 * @example
 * ```ts
 * const store = registryStore(createRegistryClient().repository('localhost:5000', 'app', 'pull,push'));
 * ```
 */
export function registryStore(repository: RepositoryClient): ImageStore {
  return {
    kind: 'registry',
    name: `${repository.registry}/${repository.repository}`,
    getManifest: (reference) => repository.getManifest(reference),
    resolve: (reference) => repository.headManifest(reference),
    async putManifest(bytes, mediaType, tag) {
      const result = await repository.putManifest(bytes, mediaType, tag);
      return { descriptor: result.descriptor, subjectIndexed: result.subject !== undefined };
    },
    getBlob: (digest) => repository.getBlob(digest),
    async putBlob(bytes, mediaType) {
      return (await repository.uploadBlob(bytes, mediaType ? { mediaType } : {})).descriptor;
    },
    listReferrers: (digest, artifactType) => repository.listReferrers(digest, artifactType),
  };
}
