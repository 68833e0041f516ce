import type { Descriptor } from '../manifest/types.js';
import { OCI_MANIFEST } from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import type { TagUpdateOptions } from '../store/update-tag.js';
import { addToFallbackIndex, readFallbackIndex } from './fallback-index.js';

/** How a referrer was made findable. */
export interface PushReferrerResult {
  /** The referrer manifest's descriptor, as listed in the referrers index. */
  descriptor: Descriptor;
  /** `api`: the registry indexed the subject itself; `fallback`: the `sha256-<hex>` index was updated. */
  via: 'api' | 'fallback';
}

/**
 * Pushes a referrer manifest (one with a `subject`) by digest and makes it findable: a registry
 * with the referrers API indexes it itself (it answers `OCI-Subject`); otherwise the descriptor,
 * with the manifest's `artifactType` and annotations, is added to the fallback index.
 *
 * @example
 * ```ts
 * await pushReferrer(store, image.digest, manifestBytes, SIGSTORE_BUNDLE_V03, annotations);
 * ```
 */
export async function pushReferrer(
  store: ImageStore,
  subjectDigest: string,
  manifest: Uint8Array,
  artifactType: string,
  annotations: Record<string, string> = {},
  options: TagUpdateOptions = {},
): Promise<PushReferrerResult> {
  const { descriptor, subjectIndexed } = await store.putManifest(manifest, OCI_MANIFEST);
  const entry: Descriptor = { ...descriptor, artifactType };
  if (Object.keys(annotations).length > 0) entry.annotations = annotations;
  if (subjectIndexed) return { descriptor: entry, via: 'api' };
  await addToFallbackIndex(store, subjectDigest, entry, options);
  return { descriptor: entry, via: 'fallback' };
}

/**
 * The referrers of `subjectDigest`, optionally of one `artifactType`: from the referrers API when
 * the store has it, else from the fallback index.
 */
export async function listReferrers(
  store: ImageStore,
  subjectDigest: string,
  artifactType?: string,
): Promise<Descriptor[]> {
  const viaApi = await store.listReferrers(subjectDigest, artifactType);
  const all = viaApi ?? (await readFallbackIndex(store, subjectDigest));
  return artifactType ? all.filter((d) => d.artifactType === artifactType) : all;
}
