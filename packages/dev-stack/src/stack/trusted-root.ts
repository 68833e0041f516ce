import type { CertificateAuthorityJson, TransparencyLogInstanceJson, TrustedRootJson } from '@keyless/core';

/** The trusted root media type the stack writes. */
export const TRUSTED_ROOT_V02 = 'application/vnd.dev.sigstore.trustedroot.v0.2+json';

/** What each service contributes to the trusted root. */
export interface TrustPieces {
  /** Fulcio's CA (intermediate then root). */
  certificateAuthority: CertificateAuthorityJson;
  /** The CT log that signs Fulcio's SCTs. */
  ctlog: TransparencyLogInstanceJson;
  /** The transparency logs (Rekor v1, then v2). */
  tlogs: TransparencyLogInstanceJson[];
  /** The TSA's chain (leaf, then root). */
  timestampAuthority: CertificateAuthorityJson;
}

/**
 * The stack's `trusted_root.json`: one CA, its CT log, both transparency logs and the TSA, each
 * with the validity window its service recorded when it made its key.
 */
export function assembleTrustedRoot(pieces: TrustPieces): TrustedRootJson {
  return {
    mediaType: TRUSTED_ROOT_V02,
    tlogs: pieces.tlogs,
    certificateAuthorities: [pieces.certificateAuthority],
    ctlogs: [pieces.ctlog],
    timestampAuthorities: [pieces.timestampAuthority],
  };
}
