/**
 * The RFC 3161 time-stamp structures and the RFC 5652 CMS structures that carry them, as the
 * parser yields them. Names follow the ASN.1 modules of both RFCs. Byte fields are views into the
 * parsed input, not copies.
 */
import type { GeneralName, X509Certificate } from '@keyless/core';

/** An `AlgorithmIdentifier`: the OID and, when present, the DER of its parameters. */
export interface AlgorithmIdentifier {
  algorithm: string;
  parameters?: Uint8Array;
}

/** `PKIStatus` values (RFC 3161 §2.4.2). */
export const PKIStatus = {
  granted: 0,
  grantedWithMods: 1,
  rejection: 2,
  waiting: 3,
  revocationWarning: 4,
  revocationNotification: 5,
} as const;

/** The `PKIFailureInfo` bits RFC 3161 §2.4.2 names, by bit number. */
export const PKIFailureInfoBit = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

/** Names of the `PKIFailureInfo` bits RFC 3161 defines. */
export type PKIFailureInfo =
  | 'badAlg'
  | 'badRequest'
  | 'badDataFormat'
  | 'timeNotAvailable'
  | 'unacceptedPolicy'
  | 'unacceptedExtension'
  | 'addInfoNotAvailable'
  | 'systemFailure'
  | (string & {});

export interface PKIStatusInfo {
  /** One of `PKIStatus`. */
  status: number;
  /** `statusString` (PKIFreeText), empty when absent. */
  statusString: string[];
  /** Set bits of `failInfo`, by name (`bit<n>` for bits RFC 3161 does not name). */
  failInfo: PKIFailureInfo[];
}

export interface MessageImprint {
  hashAlgorithm: AlgorithmIdentifier;
  hashedMessage: Uint8Array;
}

/** `Accuracy`; RFC 3161 says a missing field counts as zero, so all three are always set. */
export interface Accuracy {
  seconds: number;
  millis: number;
  micros: number;
}

export interface TSTInfo {
  version: number;
  /** The TSA policy under which the token was issued. */
  policy: string;
  messageImprint: MessageImprint;
  serialNumber: bigint;
  /** `genTime`; fractional seconds are kept to the millisecond. */
  genTime: Date;
  accuracy?: Accuracy;
  ordering: boolean;
  nonce?: bigint;
  /** The TSA's name as it states it (often a `directoryName`, which decodes as `other` tag 0xa4). */
  tsa?: GeneralName;
  /** DER of the `[1] Extensions` field, when present. */
  extensions?: Uint8Array;
}

/** A SignerInfo `sid`: which certificate signed. */
export type SignerIdentifier =
  | { type: 'issuerAndSerialNumber'; issuer: Uint8Array; serialNumber: bigint }
  | { type: 'subjectKeyIdentifier'; keyIdentifier: Uint8Array };

/** A CMS `Attribute`: its type and the DER of each value in its SET. */
export interface Attribute {
  type: string;
  values: Uint8Array[];
}

export interface SignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithm: AlgorithmIdentifier;
  /**
   * The `[0] IMPLICIT` signedAttrs TLV exactly as it appears in the token. The signature covers
   * the same bytes with the first octet re-tagged as SET OF (0x31).
   */
  signedAttrs: Uint8Array;
  signedAttributes: Attribute[];
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
}

export interface SignedData {
  version: number;
  digestAlgorithms: AlgorithmIdentifier[];
  /** `encapContentInfo.eContentType`; always id-ct-TSTInfo in a time-stamp token. */
  eContentType: string;
  /** `encapContentInfo.eContent`: the DER TSTInfo the signed attributes' messageDigest covers. */
  eContent: Uint8Array;
  /** Certificates the TSA chose to embed (empty when none). They are hints, never trust anchors. */
  certificates: X509Certificate[];
  /** RFC 3161 requires exactly one signer. */
  signerInfo: SignerInfo;
}

/** A `TimeStampToken`: a CMS `ContentInfo` holding SignedData whose content is a TSTInfo. */
export interface TimeStampToken {
  /** DER of the whole ContentInfo. */
  raw: Uint8Array;
  signedData: SignedData;
  tstInfo: TSTInfo;
}

export interface TimeStampResp {
  status: PKIStatusInfo;
  /** Present when the request was granted. */
  timeStampToken?: TimeStampToken;
}

/** A `TimeStampReq` (RFC 3161 §2.4.1): what a client asks a TSA to time-stamp. */
export interface TimeStampReq {
  /** Always 1 in a valid request; kept as sent so a TSA can reject others. */
  version: number;
  messageImprint: MessageImprint;
  /** The policy the client wants the token issued under. */
  reqPolicy?: string;
  nonce?: bigint;
  /** Whether the TSA should embed its certificates in the token. */
  certReq: boolean;
  /** DER of the `[0] IMPLICIT Extensions` field, when present. */
  extensions?: Uint8Array;
}
