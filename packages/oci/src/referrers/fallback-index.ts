import { referrersTag } from '../cosign/tags.js';
import { OciError } from '../errors.js';
import type { Descriptor, ImageIndex, StoredManifest } from '../manifest/types.js';
import { OCI_INDEX } from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import { type TagUpdateOptions, type TagUpdateResult, updateTag } from '../store/update-tag.js';

const encoder = new TextEncoder();

function entriesOf(current: StoredManifest | undefined, store: ImageStore, tag: string): Descriptor[] {
  if (!current) return [];
  if (current.parsed.kind !== 'index') {
    throw new OciError(
      'ERR_MANIFEST_INVALID',
      `${store.name}:${tag} is not an image index, so it is not a referrers index`,
    );
  }
  return current.parsed.manifest.manifests;
}

/**
 * Adds a referrer's descriptor to the referrers tag-schema fallback index (`sha256-<hex>`), the
 * image index registries without the referrers API are given instead. An entry with the same
 * digest is not added twice; concurrent writers keep each other's entries (see {@link updateTag}).
 */
export async function addToFallbackIndex(
  store: ImageStore,
  subjectDigest: string,
  referrer: Descriptor,
  options: TagUpdateOptions = {},
): Promise<TagUpdateResult> {
  const tag = referrersTag(subjectDigest);
  const has = (current: StoredManifest | undefined) =>
    entriesOf(current, store, tag).some((d) => d.digest === referrer.digest);
  return updateTag(
    store,
    tag,
    {
      async merge(current) {
        if (has(current)) return undefined;
        const index: ImageIndex = {
          schemaVersion: 2,
          mediaType: OCI_INDEX,
          manifests: [...entriesOf(current, store, tag), referrer],
        };
        return { bytes: encoder.encode(JSON.stringify(index)), mediaType: OCI_INDEX };
      },
      holds: has,
    },
    options,
  );
}

/** The descriptors of the fallback index of `subjectDigest` (none when the tag does not exist). */
export async function readFallbackIndex(store: ImageStore, subjectDigest: string): Promise<Descriptor[]> {
  const tag = referrersTag(subjectDigest);
  return entriesOf(await store.getManifest(tag), store, tag);
}
