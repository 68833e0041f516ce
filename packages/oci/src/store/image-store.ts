import type { Descriptor, StoredManifest } from '../manifest/types.js';

/** The result of storing a manifest. */
export interface PutManifestOutcome {
  descriptor: Descriptor;
  /**
   * True when the store indexed the manifest's `subject` itself (a registry with the referrers
   * API answered `OCI-Subject`), so the `sha256-<hex>` fallback index need not be updated.
   */
  subjectIndexed: boolean;
}

/**
 * One repository of images: a registry repository or an OCI image layout directory. Signing and
 * verifying code works on this interface only, so it runs the same against both.
 */
export interface ImageStore {
  readonly kind: 'registry' | 'layout';
  /** For messages: `localhost:5000/app`, `oci:./build`. */
  readonly name: string;
  /** A manifest by tag or digest, digest-checked and parsed; `undefined` when there is none. */
  getManifest(reference: string): Promise<StoredManifest | undefined>;
  /** A manifest's descriptor by tag or digest (cheaper than the manifest where the store can). */
  resolve(reference: string): Promise<Descriptor | undefined>;
  /** Stores a manifest, under `tag` when given (else only by digest). */
  putManifest(bytes: Uint8Array, mediaType: string, tag?: string): Promise<PutManifestOutcome>;
  /** A blob by digest, digest-checked; `undefined` when there is none. */
  getBlob(digest: string): Promise<Uint8Array | undefined>;
  /** Stores a blob (a no-op when it is already there). */
  putBlob(bytes: Uint8Array, mediaType?: string): Promise<Descriptor>;
  /**
   * Referrers of `digest` through a native referrers API, or `undefined` when the store has none
   * (the `sha256-<hex>` fallback index is then the source).
   */
  listReferrers(digest: string, artifactType?: string): Promise<Descriptor[] | undefined>;
  /**
   * Runs `update` with exclusive access to tag updates, when the store can provide it (a layout
   * holds a lock file). Registries cannot: they leave this out, and writers verify instead.
   */
  exclusive?<T>(update: () => Promise<T>): Promise<T>;
}
