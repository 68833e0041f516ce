import type { KeyObject } from 'node:crypto';
import type { TrustedRootJson, TrustRootSource, VerifiedTimestamp } from '@keyless/core';

/**
 * What was signed: the artifact's bytes, or its digest as `sha256:<hex>` (`sha384:` and `sha512:`
 * are accepted too, for in-toto subjects recorded with those).
 */
export type VerificationInput = { artifact: Uint8Array } | { digest: string };

/** A string matches exactly; a RegExp must match (anchor it yourself). */
export type Matcher = string | RegExp;

/** Who must have signed: a keyless identity, checked against the Fulcio certificate. */
export interface IdentityPolicy {
  /** The certificate's SAN (email, URI or username). */
  identity: Matcher;
  /** The OIDC issuer recorded in the certificate. */
  issuer: Matcher;
  /**
   * Further certificate extensions by friendly name (e.g. `sourceRepositoryURI`,
   * `githubWorkflowRef`), each required to match.
   */
  extensions?: Record<string, Matcher>;
}

/** Who must have signed: the holder of a key (for key-signed bundles). */
export interface KeyPolicy {
  /** A KeyObject, a PEM public key, or DER SubjectPublicKeyInfo. */
  publicKey: KeyObject | string | Uint8Array;
}

export type VerificationPolicy = IdentityPolicy | KeyPolicy;

export interface VerifierOptions {
  /** The trusted root: the parsed `trusted_root.json` object, or a trust-root source. */
  trustedRoot: TrustedRootJson | TrustRootSource;
  /** Verified transparency log entries required (default 1). */
  tlogThreshold?: number;
  /** Verified embedded SCTs required for certificates (default 1). */
  ctlogThreshold?: number;
  /**
   * Verified timestamps required (default 1). Log integrated times and RFC 3161 timestamps both
   * count. With 0, a bundle without any verified time is checked at the current time and passes
   * with a warning in the result.
   */
  timestampThreshold?: number;
  /** The clock, for tests (default `() => new Date()`). */
  now?: () => Date;
}

/** Stable names of the checks a verification performs, in the order they run. */
export type VerificationCheckName =
  | 'bundle'
  | 'certificate-chain'
  | 'certificate-usage'
  | 'sct'
  | 'tlog-entry'
  | 'tlog-body'
  | 'timestamp'
  | 'certificate-validity'
  | 'artifact'
  | 'signature'
  | 'public-key'
  | 'identity'
  | 'issuer'
  | 'extensions';

export interface VerificationCheck {
  name: VerificationCheckName;
  /** One human-readable line, e.g. "inclusion proof and checkpoint verified (rekor.sigstore.dev)". */
  detail: string;
}

export interface SignerInfo {
  /** Certificate SAN (keyless bundles). */
  identity?: string;
  /** OIDC issuer from the certificate (keyless bundles). */
  issuer?: string;
  /** Fulcio certificate extensions by friendly name. */
  extensions?: Record<string, string>;
  /** The leaf certificate, DER (keyless bundles). */
  certificate?: Uint8Array;
  /** The signing key, DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
}

export interface VerificationResult {
  mediaType: string;
  bundleVersion: string;
  /** 'message-signature' or 'dsse' (with its payload type). */
  content: { type: 'message-signature' } | { type: 'dsse'; payloadType: string; payload: Uint8Array };
  signer: SignerInfo;
  /** Times established from trusted evidence (log integrated time, RFC 3161). */
  timestamps: VerifiedTimestamp[];
  /** Every check that ran and passed, in order. */
  checks: VerificationCheck[];
  /** Things that passed but deserve attention (e.g. no verified timestamp with threshold 0). */
  warnings: string[];
}

export interface Verifier {
  /**
   * Verifies `bundle` (the parsed bundle JSON) for `input` under `policy`. Resolves to what was
   * checked; rejects with a `VerificationError` whose `code` names the failed check.
   */
  verify(bundle: unknown, input: VerificationInput, policy: VerificationPolicy): Promise<VerificationResult>;
}
