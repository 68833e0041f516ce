import type { PreparedLog } from '@keyless/core';

/** RFC 6962 §3.2 `SignedCertificateTimestamp` (version 1), as embedded in a certificate. */
export interface SignedCertificateTimestamp {
  /** `sct_version`; only v1 (0) exists. */
  version: 0;
  /** `id`: SHA-256 of the log's public key (32 bytes). */
  logId: Uint8Array;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  /** `CtExtensions`: opaque bytes, covered by the signature (static CT logs put the leaf index here). */
  extensions: Uint8Array;
  /** TLS `HashAlgorithm` of the `digitally-signed` struct (4 = SHA-256, 5 = SHA-384, 6 = SHA-512). */
  hashAlgorithm: number;
  /** TLS `SignatureAlgorithm` (1 = RSA, 3 = ECDSA, 7 = Ed25519). */
  signatureAlgorithm: number;
  signature: Uint8Array;
}

/** An SCT whose signature verified with a trusted CT log's key valid at the SCT's time. */
export interface VerifiedSct {
  logId: Uint8Array;
  timestamp: Date;
  log: PreparedLog;
  sct: SignedCertificateTimestamp;
}

/** Why an SCT did not count. */
export type SctFailureCode = 'ERR_SCT_INVALID' | 'ERR_SCT_UNKNOWN_LOG';

/** The outcome of checking one embedded SCT. */
export type SctCheck =
  | { verified: true; sct: SignedCertificateTimestamp; result: VerifiedSct }
  | { verified: false; sct: SignedCertificateTimestamp; code: SctFailureCode; reason: string };
