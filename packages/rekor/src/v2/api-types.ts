import type { PublicKeyDetails } from '@keyless/core';

/**
 * Wire shapes of the Rekor v2 write API (rekor-tiles' `CreateEntryRequest`, protobuf JSON:
 * base64 bytes, lowerCamelCase names), shared by the client and the local log server. The answer
 * is a protobuf-JSON `TransparencyLogEntry` (`TransparencyLogEntryJson` in `@keyless/core`).
 */

/** `Verifier`: exactly one of `publicKey` (DER SPKI) or `x509Certificate` (DER), base64. */
export interface RekorV2VerifierJson {
  publicKey?: { rawBytes: string };
  x509Certificate?: { rawBytes: string };
  keyDetails: PublicKeyDetails;
}

export interface HashedRekordRequestV002Json {
  /** base64 digest of the artifact, made with the hash `keyDetails` names. */
  digest: string;
  signature: { content: string; verifier: RekorV2VerifierJson };
}

export interface DsseRequestV002Json {
  envelope: { payload: string; payloadType: string; signatures: { sig: string; keyid?: string }[] };
  verifiers: RekorV2VerifierJson[];
}

export type CreateEntryRequestJson =
  | { hashedRekordRequestV002: HashedRekordRequestV002Json }
  | { dsseRequestV002: DsseRequestV002Json };
