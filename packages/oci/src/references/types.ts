/** An image in a registry: `registry/repository[:tag][@digest]`, normalized. */
export interface RegistryReference {
  kind: 'registry';
  /** Host and optional port, lower case; Docker Hub is `index.docker.io`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/alpine`. */
  repository: string;
  /** The tag, when the reference has one (and `latest` when it has neither tag nor digest). */
  tag?: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
}

/** An image in an OCI image layout directory: `oci:PATH[:TAG|@DIGEST]`. */
export interface LayoutReference {
  kind: 'layout';
  /** The layout directory, as given. */
  path: string;
  /** The `org.opencontainers.image.ref.name` of an entry of `index.json`. */
  tag?: string;
  digest?: string;
}

/** Where an image lives: a registry repository or a layout directory. */
export type ImageReference = RegistryReference | LayoutReference;
