import type { TransparencyLogEntry } from '../bundle/types.js';

/** Evidence of time obtained when signing, as stored in a bundle. */
export type TimestampEvidence =
  | { kind: 'rfc3161'; signedTimestamp: Uint8Array }
  | { kind: 'transparency-log'; entry: TransparencyLogEntry };

export interface TimestampRequest {
  /** The signature bytes whose existence in time is to be proven. */
  signature: Uint8Array;
  signal?: AbortSignal;
}

/** Obtains evidence of time for a signature when signing (an RFC 3161 TSA, say). */
export interface TimestampSource {
  readonly name: string;
  timestamp(request: TimestampRequest): Promise<TimestampEvidence>;
}

/** A time that a verifier has established from trusted evidence. */
export interface VerifiedTimestamp {
  kind: TimestampEvidence['kind'];
  /** Which authority vouches for it: a TSA's URI or a log's base URL. */
  authority: string;
  time: Date;
}

/** Turns timestamp evidence into a trusted time, or throws the verifier's error. */
export interface TimestampVerifier {
  readonly name: string;
  readonly kind: TimestampEvidence['kind'];
  verify(evidence: TimestampEvidence, context: { signature: Uint8Array }): VerifiedTimestamp;
}
