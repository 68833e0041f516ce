import { OciError } from '../errors.js';
import type { Descriptor } from '../manifest/types.js';
import type { ImageStore } from './image-store.js';

/**
 * The descriptor of the image `reference` (a tag or digest) names in `store`; throws
 * `ERR_IMAGE_NOT_FOUND` when there is none.
 */
export async function resolveImage(store: ImageStore, reference: string): Promise<Descriptor> {
  const descriptor = await store.resolve(reference);
  if (!descriptor) {
    const sep = reference.includes(':') ? '@' : ':';
    throw new OciError('ERR_IMAGE_NOT_FOUND', `image ${store.name}${sep}${reference} not found`);
  }
  return descriptor;
}
