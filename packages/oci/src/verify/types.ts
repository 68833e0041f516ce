import type { VerificationResult } from '@keyless/verify';
import type { Descriptor } from '../manifest/types.js';
import type { SignatureFormat } from '../sign/pipeline.js';
import type { ImageStore } from '../store/image-store.js';

/** The signed claims of an image signature, in the simplesigning shape cosign prints them in. */
export interface SignedClaims {
  critical: {
    identity: { 'docker-reference': string };
    image: { 'docker-manifest-digest': string };
    type: string;
  };
  optional: Record<string, unknown> | null;
}

/** Settings of {@link verifyImage}. */
export interface VerifyImageOptions {
  /** Claims the signature must carry (`-a key=value`): each must be in the signed annotations. */
  annotations?: Record<string, string>;
  /** Where signatures are stored when not beside the image (`KEYLESS_REPOSITORY`). */
  signatureStore?: ImageStore;
  /**
   * When given, a cosign payload's `docker-reference` must equal it. Off by default, as in cosign
   * (its spec says the field is ignored): a copied image keeps its signatures.
   */
  dockerReference?: string;
  /** Which formats to look for. Default both. */
  formats?: readonly SignatureFormat[];
  /** Registry requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called for each skipped layer or referrer (foreign media type, broken manifest, ...). */
  onWarning?: (message: string) => void;
}

/** One signature that verified. */
export interface VerifiedSignature {
  format: SignatureFormat;
  /** Where it was found: `<tag> layer <n>` or `referrer <digest>`. */
  source: string;
  /** What `@keyless/verify` checked: chain, log, timestamps, signature, identity. */
  verification: VerificationResult;
  /** The signed claims (cosign's verify output prints these). */
  claims: SignedClaims;
  /** The checks of the claims made here: digest, type, annotations. */
  claimChecks: string[];
}

/** One signature that was found but did not verify. */
export interface RejectedSignature {
  format: SignatureFormat;
  source: string;
  /** Why: a `VerificationError` or an `OciError` (`ERR_PAYLOAD_MISMATCH`, `ERR_MANIFEST_INVALID`, ...). */
  error: Error & { code?: string };
}

/** What {@link verifyImage} found. */
export interface ImageVerificationResult {
  /** The verified image. */
  image: Descriptor;
  /** The signatures that verified (at least one). */
  signatures: VerifiedSignature[];
  /** Signatures that were found but did not verify. */
  rejected: RejectedSignature[];
  /** Layers and referrers that were skipped (foreign or broken). */
  warnings: string[];
}
