import { parseDigest } from '../digest/digest.js';
import type { Descriptor, ImageManifest } from '../manifest/types.js';
import {
  BUNDLE_ANNOTATIONS,
  OCI_ANNOTATIONS,
  OCI_EMPTY,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../media-types.js';
import type { ImageStore } from '../store/image-store.js';
import type { TagUpdateOptions } from '../store/update-tag.js';
import { type PushReferrerResult, pushReferrer } from './referrers.js';

const encoder = new TextEncoder();
/** The empty JSON object, content of the OCI empty descriptor. */
const EMPTY_CONFIG = encoder.encode('{}');

/** What a stored bundle says about itself, for the manifest's annotations. */
export interface BundleReferrerInfo {
  /** `message-signature` or `dsse-envelope`. */
  content: 'message-signature' | 'dsse-envelope';
  /** The in-toto predicate type of a DSSE statement. */
  predicateType?: string;
  /** Creation time; default now. */
  created?: Date;
}

/**
 * The referrer manifest cosign's bundle spec describes: an OCI image manifest with
 * `artifactType` `application/vnd.dev.sigstore.bundle.v0.3+json`, the empty config, one layer
 * holding the bundle JSON, `subject` the image, and annotations saying what the bundle holds.
 */
export function bundleReferrerManifest(
  subject: Descriptor,
  bundle: Descriptor,
  config: Descriptor,
  annotations: Record<string, string>,
): Uint8Array {
  const hex = parseDigest(bundle.digest)?.hex ?? '';
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: SIGSTORE_BUNDLE_V03,
    config,
    layers: [
      {
        mediaType: SIGSTORE_BUNDLE_V03,
        digest: bundle.digest,
        size: bundle.size,
        annotations: { [OCI_ANNOTATIONS.title]: `sha256-${hex}.sigstore.json` },
      },
    ],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations,
  };
  return encoder.encode(JSON.stringify(manifest));
}

/**
 * Stores a Sigstore bundle (its JSON bytes) as a referrer of `subject`: the bundle blob, the
 * empty config, the referrer manifest, and its entry in the referrers index (the API's or the
 * fallback tag's).
 *
 * @example
 * ```ts
 * await attachBundle(store, image, new TextEncoder().encode(JSON.stringify(result.bundle)),
 *   { content: 'dsse-envelope', predicateType: COSIGN_SIGN_PREDICATE_TYPE });
 * ```
 */
export async function attachBundle(
  store: ImageStore,
  subject: Descriptor,
  bundleBytes: Uint8Array,
  info: BundleReferrerInfo,
  options: TagUpdateOptions = {},
): Promise<PushReferrerResult> {
  const [bundle, config] = await Promise.all([
    store.putBlob(bundleBytes, SIGSTORE_BUNDLE_V03),
    store.putBlob(EMPTY_CONFIG, OCI_EMPTY),
  ]);
  const annotations: Record<string, string> = { [BUNDLE_ANNOTATIONS.content]: info.content };
  if (info.predicateType) annotations[BUNDLE_ANNOTATIONS.predicateType] = info.predicateType;
  annotations[OCI_ANNOTATIONS.created] = (info.created ?? new Date()).toISOString();
  const manifest = bundleReferrerManifest(subject, bundle, { ...config, mediaType: OCI_EMPTY }, annotations);
  return pushReferrer(store, subject.digest, manifest, SIGSTORE_BUNDLE_V03, annotations, options);
}
