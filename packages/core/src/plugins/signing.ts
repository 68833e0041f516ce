import type { TransparencyLogEntry } from '../bundle/types.js';

/** Holds a signing key (ephemeral by default) and signs with it. */
export interface Signer {
  readonly name: string;
  /** SubjectPublicKeyInfo, DER. */
  readonly publicKey: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface CertificateRequest {
  identityToken: string;
  /** SubjectPublicKeyInfo, DER. */
  publicKey: Uint8Array;
  /** Signature over the token's subject (proof of possession). */
  proofOfPossession: Uint8Array;
  signal?: AbortSignal;
}

/** Issues a short-lived certificate bound to an identity token (a Fulcio-style CA). */
export interface CertificateAuthorityClient {
  readonly name: string;
  /** Resolves to the DER chain, leaf first. */
  issueCertificate(request: CertificateRequest): Promise<Uint8Array[]>;
}

export type ProposedEntry =
  | { kind: 'hashedrekord'; signature: Uint8Array; digest: Uint8Array; verifier: Uint8Array }
  | { kind: 'dsse'; envelope: Uint8Array; verifier: Uint8Array };

/** Records a signature in a transparency log (a Rekor-style log). */
export interface TransparencyLogClient {
  readonly name: string;
  addEntry(entry: ProposedEntry, options?: { signal?: AbortSignal }): Promise<TransparencyLogEntry>;
}
