import { KeylessError } from '@keyless/core';

/**
 * Codes of {@link OciError}. They are stable: callers (and the CLI's exit codes) switch on them.
 */
export type OciErrorCode =
  /** An image reference (`registry/repo:tag@digest` or `oci:PATH[:TAG|@DIGEST]`) does not parse. */
  | 'ERR_REFERENCE_INVALID'
  /** The image (tag or digest) does not exist in the registry or layout. */
  | 'ERR_IMAGE_NOT_FOUND'
  /** A blob the manifest names does not exist. */
  | 'ERR_BLOB_NOT_FOUND'
  /** A manifest is larger than the cap (4 MiB by default). */
  | 'ERR_MANIFEST_TOO_LARGE'
  /** A manifest is not JSON, has an unsupported media type, or breaks the OCI schema. */
  | 'ERR_MANIFEST_INVALID'
  /** Downloaded content does not hash to the digest it was asked for by. */
  | 'ERR_DIGEST_MISMATCH'
  /** The registry asked for credentials that were missing or refused (HTTP 401). */
  | 'ERR_REGISTRY_AUTH'
  /** The registry refused the operation for these credentials (HTTP 403). */
  | 'ERR_REGISTRY_DENIED'
  /** The registry failed: unexpected status, 5xx after retries, network error, bad answer. */
  | 'ERR_REGISTRY'
  /** Plain HTTP to a registry that is not on loopback, without `allowHttpRegistry`. */
  | 'ERR_REGISTRY_INSECURE'
  /** Credentials could not be read: bad `config.json`, or a credential helper failed. */
  | 'ERR_CREDENTIALS'
  /** An OCI image layout directory is missing or malformed. */
  | 'ERR_LAYOUT_INVALID'
  /** The image carries no signatures (or attestations) at all. */
  | 'ERR_NO_SIGNATURES'
  /** The image carries signatures, but none verifies under the policy. */
  | 'ERR_NO_MATCHING_SIGNATURE'
  /** A verified signature's payload is not about this image (digest, type, reference, annotations). */
  | 'ERR_PAYLOAD_MISMATCH'
  /** Concurrent writers kept changing a tag; the update gave up after its attempts. */
  | 'ERR_CONCURRENT_UPDATE'
  /** The signing pipeline returned something that cannot be stored as an image signature. */
  | 'ERR_SIGNING'
  /** An option or argument is unusable (bad annotation, unknown format, ...). */
  | 'ERR_INVALID_INPUT';

/** The one error class of `@keyless/oci`; `code` says what failed. */
export class OciError extends KeylessError<OciErrorCode> {}
