import type {
  BundleJson,
  CertificateAuthorityClient,
  OidcProvider,
  Signer,
  SigningConfig,
  TimestampSource,
  TransparencyLogClient,
  TrustedRootJson,
  TrustRootSource,
} from '@keyless/core';
import type { VerificationResult } from '@keyless/verify';
import type { CertifiedIdentity } from './certificate.js';

/** The services one signature goes through. */
export interface SigningServices {
  certificateAuthority: CertificateAuthorityClient;
  /** Every log the signature is recorded in; at least one. */
  transparencyLogs: TransparencyLogClient[];
  /** Every timestamp source asked for evidence of time (possibly none). */
  timestampAuthorities: TimestampSource[];
  /**
   * Whether a timestamp is required: true when a log gives no integrated time a verifier can
   * trust (Rekor v2), so that a signature without a timestamp would never verify. When
   * `transparencyLogs` are replaced and this is not given, it is false.
   */
  timestampRequired: boolean;
}

/** Options of {@link createSigningPipeline}. */
export interface SigningPipelineOptions {
  /** Where to get certificates, log entries and timestamps (see `selectSigningServices`). */
  signingConfig: SigningConfig;
  /**
   * What the result is checked against before it is returned: the trusted root JSON, or a source.
   * It must trust the CA, CT log, transparency log and TSA the signing config names.
   */
  trustedRoot: TrustedRootJson | TrustRootSource;
  /** Produces the identity token; asked once per pipeline (and again when the certificate expires). */
  oidcProvider: OidcProvider;
  /** The `aud` to ask the provider for. Default `sigstore`. */
  audience?: string;
  /** Holds the key. Default: an ephemeral ECDSA P-256 key kept in memory only. */
  signer?: Signer;
  /** Replace some or all of the services the signing config selects (e.g. a plugin's CA). */
  services?: Partial<SigningServices>;
  /** More timestamp sources, asked beside the signing config's TSAs (e.g. from plugins). */
  timestampSources?: TimestampSource[];
  /** Cancels every request in flight. */
  signal?: AbortSignal;
  /** The clock, for tests. Default `() => new Date()`. */
  now?: () => Date;
}

/** What each signing method resolves to. */
export interface SigningResult {
  /** The Sigstore bundle v0.3 in its JSON form: `JSON.stringify` it to a `.sigstore.json` file. */
  bundle: BundleJson;
  /** The certificate chain as the CA issued it, leaf first (the bundle carries only the leaf). */
  certificateChain: Uint8Array[];
  /** Who the certificate says signed. */
  identity: CertifiedIdentity;
  /** The verification of the bundle against the trusted root, done before returning it. */
  verification: VerificationResult;
}

/** An artifact and the name it goes by in an in-toto statement's subject. */
export interface NamedArtifact {
  name: string;
  bytes: Uint8Array;
}

/** A signing pipeline: token -> certificate -> signature -> log and TSA -> bundle -> verified. */
export interface SigningPipeline {
  /** Signs a file's bytes: a message signature (SHA-256 digest recorded) and a hashedrekord entry. */
  signBlob(artifact: Uint8Array): Promise<SigningResult>;
  /**
   * Signs arbitrary payload bytes as a message signature (e.g. an image's simple-signing payload);
   * the same bundle shape as {@link signBlob}.
   */
  signMessage(payload: Uint8Array): Promise<SigningResult>;
  /** Signs `payload` in a DSSE envelope of `payloadType` (a dsse log entry). */
  signDsse(payload: Uint8Array, payloadType: string): Promise<SigningResult>;
  /**
   * Attests an artifact: an in-toto Statement v1 whose subject is the artifact's name and SHA-256,
   * carrying `predicate` of type `predicateType`, signed in a DSSE envelope.
   */
  attestBlob(artifact: NamedArtifact, predicate: unknown, predicateType: string): Promise<SigningResult>;
}
