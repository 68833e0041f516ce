import type { ImageStore } from '../store/image-store.js';

/**
 * Fetches blobs once per digest. The signatures of one image usually share a payload (every
 * signer signs the same simplesigning bytes), so one download serves them all.
 */
export class BlobCache {
  private readonly blobs = new Map<string, Promise<Uint8Array | undefined>>();

  constructor(private readonly store: ImageStore) {}

  get(digest: string): Promise<Uint8Array | undefined> {
    let blob = this.blobs.get(digest);
    if (!blob) {
      blob = this.store.getBlob(digest);
      this.blobs.set(digest, blob);
    }
    return blob;
  }
}
