/**
 * `@keyless/oci`: image references, an OCI registry client with Docker-style auth, OCI image
 * layouts, cosign-compatible signature storage (`.sig`/`.att` tags), Sigstore bundle referrers,
 * and keyless image signing and verification on top of them.
 *
 * @module
 */

export { PREDICATE_TYPE_ALIASES, predicateTypeUri } from '@keyless/sign';
export { type AuthenticatorOptions, RegistryAuthenticator, repositoryScope } from './auth/authenticator.js';
export { type AuthChallenge, parseChallenges } from './auth/challenge.js';
export { credentialFromHelper, execFileRunner, type HelperRunner } from './auth/credential-helper.js';
export {
  anonymousCredentials,
  type CredentialProvider,
  explicitCredentials,
  type RegistryCredential,
} from './auth/credentials.js';
export {
  type DockerConfig,
  type DockerConfigOptions,
  dockerConfigCredentials,
  dockerConfigPath,
  readDockerConfig,
  registryOfConfigKey,
} from './auth/docker-config.js';
export { type AttachLayerResult, attachCosignLayer } from './cosign/attach-layer.js';
export { bundleFromAttestationLayer, bundleFromSignatureLayer } from './cosign/layer-bundle.js';
export { type RekorBundle, rekorBundleAnnotation, tlogEntryFromRekorBundle } from './cosign/rekor-bundle.js';
export { type SignatureImage, signatureImage, signatureImageConfig } from './cosign/signature-image.js';
export { cosignLayerAnnotations } from './cosign/signature-layer.js';
export {
  COSIGN_SIGNATURE_TYPE,
  parseSimpleSigningPayload,
  type SimpleSigningPayload,
  simpleSigningPayload,
} from './cosign/simple-signing.js';
export { attestationTag, referrersTag, sbomTag, signatureTag } from './cosign/tags.js';
export {
  assertDigest,
  computeDigest,
  type DigestAlgorithm,
  isDigest,
  type ParsedDigest,
  parseDigest,
} from './digest/digest.js';
export { OciError, type OciErrorCode } from './errors.js';
export { IN_TOTO_STATEMENT_V1, type InTotoStatement, parseStatement } from './in-toto/statement.js';
export { type LayoutOptions, type LayoutStore, openLayout } from './layout/layout-store.js';
export { parseDescriptor, parseManifest } from './manifest/parse.js';
export type {
  Descriptor,
  ImageIndex,
  ImageManifest,
  Manifest,
  Platform,
  StoredManifest,
} from './manifest/types.js';
export * from './media-types.js';
export { formatReference, repositoryName, withDigest } from './references/format.js';
export { LAYOUT_PREFIX, parseLayoutReference } from './references/parse-layout-reference.js';
export { parseImageReference } from './references/parse-reference.js';
export { DOCKER_HUB, parseRegistryReference } from './references/parse-registry-reference.js';
export type { ImageReference, LayoutReference, RegistryReference } from './references/types.js';
export {
  attachBundle,
  type BundleReferrerInfo,
  bundleReferrerManifest,
} from './referrers/bundle-referrer.js';
export { addToFallbackIndex, readFallbackIndex } from './referrers/fallback-index.js';
export { listReferrers, type PushReferrerResult, pushReferrer } from './referrers/referrers.js';
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RepositoryClient,
} from './registry/client.js';
export { registryStore } from './registry/registry-store.js';
export {
  type AttestImageOptions,
  type AttestImageResult,
  attestImage,
  PREDICATE_TYPE_ANNOTATION,
} from './sign/attest-image.js';
export {
  DEFAULT_SIGNATURE_FORMAT,
  type ImageSigningPipeline,
  parseSignatureFormat,
  type SignatureFormat,
} from './sign/pipeline.js';
export { type SignImageOptions, type SignImageResult, signImage } from './sign/sign-image.js';
export { signingConfigForFormat } from './sign/signing-config.js';
export { imageAttestationStatement, imageSignatureStatement } from './sign/statement.js';
export type { ImageStore, PutManifestOutcome } from './store/image-store.js';
export { type OpenedImage, type OpenImageOptions, openImage, openStore } from './store/open-image.js';
export { resolveImage } from './store/resolve.js';
export { SIGNATURE_REPOSITORY_ENV, signatureRepository } from './store/signature-repository.js';
export {
  type TagUpdate,
  type TagUpdateOptions,
  type TagUpdateResult,
  updateTag,
} from './store/update-tag.js';
export { type AttachedArtifacts, type AttachedTag, listAttached } from './tree/list-attached.js';
export type {
  ImageVerificationResult,
  RejectedSignature,
  SignedClaims,
  VerifiedSignature,
  VerifyImageOptions,
} from './verify/types.js';
export {
  type AttestationVerificationResult,
  type VerifiedAttestation,
  type VerifyAttestationsOptions,
  verifyImageAttestations,
} from './verify/verify-attestations.js';
export { verifyImage } from './verify/verify-image.js';
