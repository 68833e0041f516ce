/**
 * The Sigstore bundle, as the verifier works with it: the protobuf-specs `Bundle` message with every
 * base64 field decoded and every int64 turned into a number. `parseBundle` builds it from the JSON
 * form and `serializeBundle` writes it back. Field names follow protobuf-specs.
 */

export type HashAlgorithm = 'SHA2_256' | 'SHA2_384' | 'SHA2_512' | 'SHA3_256' | 'SHA3_384';

export type BundleVersion = '0.1' | '0.2' | '0.3';

export interface HashOutput {
  algorithm: HashAlgorithm;
  digest: Uint8Array;
}

export interface MessageSignature {
  /** Optional in the spec; when present it must match the artifact's digest. */
  messageDigest?: HashOutput;
  signature: Uint8Array;
}

export interface DsseSignature {
  sig: Uint8Array;
  keyid: string;
}

export interface Envelope {
  payload: Uint8Array;
  payloadType: string;
  signatures: DsseSignature[];
}

export interface KindVersion {
  kind: string;
  version: string;
}

export interface InclusionPromise {
  signedEntryTimestamp: Uint8Array;
}

export interface Checkpoint {
  /** The C2SP signed note, as text. */
  envelope: string;
}

export interface InclusionProof {
  logIndex: number;
  rootHash: Uint8Array;
  treeSize: number;
  hashes: Uint8Array[];
  checkpoint: Checkpoint;
}

export interface TransparencyLogEntry {
  logIndex: number;
  logId: { keyId: Uint8Array };
  kindVersion: KindVersion;
  /** Seconds since the epoch; 0 when the log does not give one (Rekor v2). */
  integratedTime: number;
  inclusionPromise?: InclusionPromise;
  inclusionProof?: InclusionProof;
  canonicalizedBody: Uint8Array;
}

/** What signed the content: a certificate chain (v0.1/v0.2), one certificate (v0.3), or a key hint. */
export type SigningMaterial =
  | { type: 'x509CertificateChain'; certificates: Uint8Array[] }
  | { type: 'certificate'; certificate: Uint8Array }
  | { type: 'publicKey'; hint: string };

export interface VerificationMaterial {
  content: SigningMaterial;
  tlogEntries: TransparencyLogEntry[];
  /** DER `TimeStampResp` (RFC 3161) values from `timestampVerificationData.rfc3161Timestamps`. */
  rfc3161Timestamps: Uint8Array[];
}

export type BundleContent =
  | { type: 'messageSignature'; messageSignature: MessageSignature }
  | { type: 'dsseEnvelope'; dsseEnvelope: Envelope };

export interface Bundle {
  mediaType: string;
  version: BundleVersion;
  verificationMaterial: VerificationMaterial;
  content: BundleContent;
}

/** JSON (wire) shape of a bundle, as protobuf-specs' canonical JSON mapping writes it. */
export interface BundleJson {
  mediaType: string;
  verificationMaterial: {
    x509CertificateChain?: { certificates: { rawBytes: string }[] };
    certificate?: { rawBytes: string };
    publicKey?: { hint?: string };
    tlogEntries?: TransparencyLogEntryJson[];
    timestampVerificationData?: { rfc3161Timestamps?: { signedTimestamp: string }[] };
  };
  messageSignature?: {
    messageDigest?: { algorithm: HashAlgorithm; digest: string };
    signature: string;
  };
  dsseEnvelope?: {
    payload: string;
    payloadType: string;
    signatures: { sig: string; keyid?: string }[];
  };
}

export interface TransparencyLogEntryJson {
  logIndex: string;
  logId: { keyId: string };
  kindVersion: KindVersion;
  integratedTime?: string;
  inclusionPromise?: { signedEntryTimestamp: string };
  inclusionProof?: {
    logIndex: string;
    rootHash: string;
    treeSize: string;
    hashes?: string[];
    checkpoint: { envelope: string };
  };
  canonicalizedBody: string;
}
