/**
 * OCI image spec v1.1 structures (Docker schema 2 uses the same shapes with other media types).
 * Field names follow the spec.
 */

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
}

/** A content descriptor: what a manifest says about a blob or another manifest. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  data?: string;
  artifactType?: string;
  platform?: Platform;
}

/** An image manifest (OCI `application/vnd.oci.image.manifest.v1+json` or Docker schema 2). */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** An image index (OCI) or manifest list (Docker). */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** A parsed manifest of either kind, with the media type it was identified by. */
export type Manifest =
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest }
  | { kind: 'index'; mediaType: string; manifest: ImageIndex };

/** A manifest as read from a store: its exact bytes, their descriptor, and the parsed form. */
export interface StoredManifest {
  /** Media type, digest (of exactly `bytes`) and size. */
  descriptor: Descriptor;
  bytes: Uint8Array;
  parsed: Manifest;
}
