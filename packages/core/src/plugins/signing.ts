import type { Envelope, HashOutput, TransparencyLogEntry } from '../bundle/types.js';

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

/** Who signed, as a transparency log records it: the leaf certificate, or a bare public key. */
export type EntryVerifier =
  /** DER X.509 certificate. */
  | { type: 'certificate'; der: Uint8Array }
  /** DER SubjectPublicKeyInfo. */
  | { type: 'publicKey'; der: Uint8Array };

/**
 * A signature to record in a transparency log. The log client turns it into the log's own request
 * (e.g. Rekor v1 `hashedrekord`/`dsse` 0.0.1, Rekor v2 `hashedRekordRequestV002`/`dsseRequestV002`).
 *
 * - `hashedrekord`: a signature over an artifact digest (`digest.algorithm` names the hash the
 *   signature was made with).
 * - `dsse`: a DSSE envelope whose signatures the verifier checks over the envelope's PAE.
 */
export type ProposedEntry =
  | { kind: 'hashedrekord'; digest: HashOutput; signature: Uint8Array; verifier: EntryVerifier }
  | { kind: 'dsse'; envelope: Envelope; verifier: EntryVerifier };

/**
 * Records a signature in a transparency log (a Rekor-style log). `addEntry` resolves to the entry
 * as the log integrated it (with its proof of inclusion), already checked against the trusted log
 * when the client was given one.
 */
export interface TransparencyLogClient {
  readonly name: string;
  addEntry(entry: ProposedEntry, options?: { signal?: AbortSignal }): Promise<TransparencyLogEntry>;
}
