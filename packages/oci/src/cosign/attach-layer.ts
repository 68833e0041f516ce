import { OciError } from '../errors.js';
import type { Descriptor, StoredManifest } from '../manifest/types.js';
import { COSIGN_ANNOTATIONS, OCI_IMAGE_CONFIG } from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import { type TagUpdateOptions, type TagUpdateResult, updateTag } from '../store/update-tag.js';
import { sameSignature, signatureImage } from './signature-image.js';

/** The layers of what a `.sig`/`.att` tag holds; refuses anything but an image manifest. */
function layersOf(current: StoredManifest | undefined, tag: string, store: ImageStore): Descriptor[] {
  if (!current) return [];
  if (current.parsed.kind !== 'manifest') {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      `${store.name}:${tag} holds an image index, not a signature manifest`,
    );
  }
  return current.parsed.manifest.layers;
}

/** What {@link attachCosignLayer} did. */
export interface AttachLayerResult extends TagUpdateResult {
  /** The layer as stored. */
  layer: Descriptor;
  /** False when the same signature was already there (nothing was added). */
  added: boolean;
}

/**
 * Appends one signature layer to the manifest under a cosign tag (`sha256-<hex>.sig` or `.att`),
 * creating it when absent. The blob is uploaded first; a layer with the same payload and
 * signature already present is not added again. Concurrent writers keep each other's layers
 * (see {@link updateTag}).
 *
 * @example
 * ```ts
 * await attachCosignLayer(store, signatureTag(digest), payload, COSIGN_SIMPLESIGNING, annotations);
 * ```
 */
export async function attachCosignLayer(
  store: ImageStore,
  tag: string,
  blob: Uint8Array,
  mediaType: string,
  annotations: Record<string, string>,
  options: TagUpdateOptions = {},
): Promise<AttachLayerResult> {
  const stored = await store.putBlob(blob, mediaType);
  const layer: Descriptor = { mediaType, size: stored.size, digest: stored.digest, annotations };
  const key = COSIGN_ANNOTATIONS.signature;
  const has = (current: StoredManifest | undefined) =>
    layersOf(current, tag, store).some(
      (existing) => sameSignature(existing, layer, key) && sameCertificate(existing, layer),
    );
  let added = true;
  let merges = 0;
  const result = await updateTag(
    store,
    tag,
    {
      async merge(current) {
        merges++;
        if (has(current)) {
          // Present before this writer wrote anything: someone stored this very signature already.
          if (merges === 1) added = false;
          return undefined;
        }
        const image = signatureImage([...layersOf(current, tag, store), layer]);
        await store.putBlob(image.config, OCI_IMAGE_CONFIG);
        return { bytes: image.manifest, mediaType: image.mediaType };
      },
      holds: (current) => has(current),
    },
    options,
  );
  return { ...result, layer, added };
}

/**
 * DSSE layers carry an empty signature annotation, so two attestations of the same statement
 * differ only by certificate; compare it too.
 */
function sameCertificate(a: Descriptor, b: Descriptor): boolean {
  const key = COSIGN_ANNOTATIONS.certificate;
  return (a.annotations?.[key] ?? '') === (b.annotations?.[key] ?? '');
}
