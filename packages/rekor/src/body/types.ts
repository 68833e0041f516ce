import type { HashAlgorithm, PublicKeyDetails } from '@keyless/core';

/**
 * Wire shapes of the Rekor entry bodies this library understands: the JSON a log stores as an
 * entry's canonicalized body. Rekor v1 kinds follow its OpenAPI schemas (hex hashes, base64 PEM
 * keys); Rekor v2 kinds follow the protobuf JSON mapping (base64 bytes, DER keys). A log writes
 * these and a verifier reads them.
 */

/** `{algorithm, value}` with a lowercase algorithm name and a hex value (Rekor v1). */
export interface V1Hash {
  algorithm: 'sha256' | 'sha384' | 'sha512';
  value: string;
}

export interface HashedRekordV001Body {
  apiVersion: '0.0.1';
  kind: 'hashedrekord';
  spec: {
    data: { hash: V1Hash };
    signature: {
      /** base64 signature. */
      content: string;
      /** base64 of a PEM certificate or PEM public key. */
      publicKey: { content: string };
    };
  };
}

export interface DsseV001Body {
  apiVersion: '0.0.1';
  kind: 'dsse';
  spec: {
    /** Hash of the envelope as the log serialized it; informational. */
    envelopeHash: V1Hash;
    payloadHash: V1Hash;
    /** `signature` is base64; `verifier` is base64 of a PEM certificate or public key. */
    signatures: { signature: string; verifier: string }[];
  };
}

export interface IntotoV002Body {
  apiVersion: '0.0.2';
  kind: 'intoto';
  spec: {
    content: {
      envelope: {
        /** base64 of the base64 payload text. */
        payload?: string;
        payloadType: string;
        /** `sig` is base64 of the base64 signature text; `publicKey` is base64 of a PEM. */
        signatures: { sig: string; publicKey: string; keyid?: string }[];
      };
      hash?: V1Hash;
      payloadHash?: V1Hash;
    };
  };
}

/** Rekor v2 `HashOutput`: protobuf enum algorithm and base64 digest. */
export interface V2Hash {
  algorithm: HashAlgorithm;
  digest: string;
}

/** Rekor v2 `Verifier`: exactly one of `publicKey` or `x509Certificate`, each base64 DER. */
export interface V2Verifier {
  publicKey?: { rawBytes: string };
  x509Certificate?: { rawBytes: string };
  keyDetails: PublicKeyDetails;
}

/** Rekor v2 `Signature`: base64 signature and its verifier. */
export interface V2Signature {
  content: string;
  verifier: V2Verifier;
}

export interface HashedRekordV002Body {
  apiVersion: '0.0.2';
  kind: 'hashedrekord';
  spec: { hashedRekordV002: { data: V2Hash; signature: V2Signature } };
}

export interface DsseV002Body {
  apiVersion: '0.0.2';
  kind: 'dsse';
  spec: { dsseV002: { payloadHash: V2Hash; signatures: V2Signature[] } };
}

export type EntryBodyJson =
  | HashedRekordV001Body
  | HashedRekordV002Body
  | DsseV001Body
  | DsseV002Body
  | IntotoV002Body;

/** The key or certificate an entry body records for a signature, as DER. */
export type LoggedVerifier =
  | { type: 'certificate'; der: Uint8Array }
  | { type: 'publicKey'; der: Uint8Array };

export interface LoggedSignature {
  signature: Uint8Array;
  verifier: LoggedVerifier;
}

export interface LoggedDigest {
  algorithm: HashAlgorithm;
  digest: Uint8Array;
}

/** An entry body decoded into bytes, one shape per kind whatever its version. */
export type EntryBody =
  | { kind: 'hashedrekord'; apiVersion: '0.0.1' | '0.0.2'; data: LoggedDigest; signature: LoggedSignature }
  | {
      kind: 'dsse';
      apiVersion: '0.0.1' | '0.0.2';
      payloadHash: LoggedDigest;
      signatures: LoggedSignature[];
      /** Only in 0.0.1. */
      envelopeHash?: LoggedDigest;
    }
  | {
      kind: 'intoto';
      apiVersion: '0.0.2';
      payloadType: string;
      payload?: Uint8Array;
      payloadHash?: LoggedDigest;
      signatures: LoggedSignature[];
    };
