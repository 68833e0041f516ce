import type { HashAlgorithm } from '../bundle/types.js';

/** protobuf-specs `PublicKeyDetails` values this library knows how to verify with. */
export type PublicKeyDetails =
  | 'PKIX_ECDSA_P256_SHA_256'
  | 'PKIX_ECDSA_P384_SHA_384'
  | 'PKIX_ECDSA_P521_SHA_512'
  | 'PKIX_ED25519'
  | 'PKIX_ED25519_PH'
  | 'PKIX_RSA_PKCS1V15_2048_SHA256'
  | 'PKIX_RSA_PKCS1V15_3072_SHA256'
  | 'PKIX_RSA_PKCS1V15_4096_SHA256'
  | 'PKIX_RSA_PSS_2048_SHA256'
  | 'PKIX_RSA_PSS_3072_SHA256'
  | 'PKIX_RSA_PSS_4096_SHA256'
  | 'PKCS1_RSA_PKCS1V5'
  | 'PKIX_RSA_PKCS1V5'
  | 'PKIX_ECDSA_P256_HMAC_SHA_256'
  | (string & {});

/** A time window. A missing `start` means the window is unusable (protobuf-specs requires it). */
export interface ValidityWindow {
  start?: Date;
  /** Inclusive end; absent means open-ended. */
  end?: Date;
}

export interface TrustedPublicKey {
  rawBytes: Uint8Array;
  keyDetails: PublicKeyDetails;
  validFor: ValidityWindow;
}

export interface TransparencyLogInstance {
  baseUrl: string;
  hashAlgorithm: HashAlgorithm;
  publicKey: TrustedPublicKey;
  logId: { keyId: Uint8Array };
  /** C2SP checkpoint key id (Rekor v2); when absent, derived from the key. */
  checkpointKeyId?: { keyId: Uint8Array };
  operator?: string;
}

export interface DistinguishedName {
  organization?: string;
  commonName?: string;
}

export interface CertificateAuthority {
  subject: DistinguishedName;
  uri: string;
  /** DER certificates, leaf-most first, root last. */
  certChain: Uint8Array[];
  validFor: ValidityWindow;
  operator?: string;
}

/** The Sigstore `TrustedRoot` with bytes decoded and times parsed. */
export interface TrustedRoot {
  mediaType: string;
  tlogs: TransparencyLogInstance[];
  certificateAuthorities: CertificateAuthority[];
  ctlogs: TransparencyLogInstance[];
  timestampAuthorities: CertificateAuthority[];
}

interface ValidityWindowJson {
  start?: string;
  end?: string;
}

export interface TransparencyLogInstanceJson {
  baseUrl: string;
  hashAlgorithm: HashAlgorithm;
  publicKey: { rawBytes?: string; keyDetails: PublicKeyDetails; validFor?: ValidityWindowJson };
  logId: { keyId: string };
  checkpointKeyId?: { keyId: string };
  operator?: string;
}

export interface CertificateAuthorityJson {
  subject?: DistinguishedName;
  uri?: string;
  certChain: { certificates: { rawBytes: string }[] };
  validFor?: ValidityWindowJson;
  operator?: string;
}

/** JSON (wire) shape of a TrustedRoot, as published in `trusted_root.json`. */
export interface TrustedRootJson {
  mediaType: string;
  tlogs?: TransparencyLogInstanceJson[];
  certificateAuthorities?: CertificateAuthorityJson[];
  ctlogs?: TransparencyLogInstanceJson[];
  timestampAuthorities?: CertificateAuthorityJson[];
}

export const TRUSTED_ROOT_MEDIA_TYPES = [
  'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  'application/vnd.dev.sigstore.trustedroot.v0.2+json',
] as const;
