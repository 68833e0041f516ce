/** Media types and annotation keys of the OCI image spec, Docker schema 2, cosign and Sigstore. */

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** Manifest media types this package reads: OCI manifest and index, Docker schema 2 manifest and list. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  OCI_MANIFEST,
  OCI_INDEX,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
];

export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The empty descriptor's media type: config of artifacts that need none (content `{}`). */
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';

/** Layer media type of a cosign signature: the simplesigning payload. */
export const COSIGN_SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** Layer media type of a cosign attestation (`.att` tag): a DSSE envelope. */
export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
/** Artifact and layer type of a Sigstore bundle stored as a referrer. */
export const SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** Layer annotations of cosign's `.sig` and `.att` manifests. */
export const COSIGN_ANNOTATIONS = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle',
  rfc3161Timestamp: 'dev.sigstore.cosign/rfc3161timestamp',
} as const;

/** Annotations of a bundle referrer (cosign's bundle spec). */
export const BUNDLE_ANNOTATIONS = {
  content: 'dev.sigstore.bundle.content',
  predicateType: 'dev.sigstore.bundle.predicateType',
} as const;

/** OCI pre-defined annotation keys. */
export const OCI_ANNOTATIONS = {
  refName: 'org.opencontainers.image.ref.name',
  created: 'org.opencontainers.image.created',
  title: 'org.opencontainers.image.title',
} as const;

/** The in-toto predicate type cosign gives an image signature in bundle format. */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
